"use client";

import { useTranslations } from "next-intl";
import { HeaderCell, TableFrame } from "@/components/ui/data-table";
import { IMPORT_FIELDS } from "@/core/emenscr/fields";

/** One column of the file as the mapping table shows it. */
export interface MappedColumn {
  /** The key of the column in the mapping (its normalised header or its position). */
  key: string;
  /** The id of its field select. */
  selectId: string;
  /** The label of the select: the header, or the column's letter. */
  label: string;
  /** The header, shown in a column of its own when mapping by position. */
  header?: string;
  samples: string[];
  field: string | null;
}

/** The file's columns, a few of their values, and the field each one is read into (or ignored). */
export function MappingTable({ columns, busy, byPosition, onChange }: { columns: MappedColumn[]; busy: boolean; byPosition: boolean; onChange: (key: string, field: string | null) => void }) {
  const t = useTranslations("imports");
  return (
    <TableFrame
      labelledBy="import-mapping-heading"
      head={
        <>
          {byPosition && <HeaderCell>{t("preview.column")}</HeaderCell>}
          <HeaderCell>{t("preview.header")}</HeaderCell>
          <HeaderCell>{t("preview.samples")}</HeaderCell>
          <HeaderCell>{t("preview.field")}</HeaderCell>
        </>
      }
    >
      {columns.map((c) => (
        <tr key={c.selectId}>
          <td>
            <label htmlFor={c.selectId}>{c.label}</label>
          </td>
          {byPosition && <td>{c.header || <span className="muted">–</span>}</td>}
          <td>
            <Samples values={c.samples} />
          </td>
          <td>
            <select id={c.selectId} value={c.field ?? ""} disabled={busy} onChange={(e) => onChange(c.key, e.target.value || null)}>
              <option value="">{t("preview.ignore")}</option>
              {IMPORT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`fields.${f}`)}
                </option>
              ))}
            </select>
          </td>
        </tr>
      ))}
    </TableFrame>
  );
}

function Samples({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="import-samples">
      {values.map((v, i) => (
        <li key={i}>{v}</li>
      ))}
    </ul>
  );
}

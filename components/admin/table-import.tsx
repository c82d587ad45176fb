"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { PreviewRow, RowProblem, TableImportSummary } from "@/lib/import/table";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Kind = "agency" | "target" | "user";

interface ErrorBody {
  error?: string;
  reason?: string;
  params?: Record<string, string | number>;
}

/**
 * Upload → preview (every row new / changed / unchanged / invalid, with row, column and reason) → commit
 * of exactly the previewed file, all or nothing. The file is sent again on commit with its SHA-256.
 */
export function TableImport({ kind, endpoint }: { kind: Kind; endpoint: string }) {
  const t = useTranslations("tableImport");
  const tFile = useTranslations("imports.fileErrors");
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<TableImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "commit" | null>(null);

  async function send(mode: "preview" | "commit") {
    if (!file) return setError(t("chooseFileFirst"));
    setBusy(mode);
    setError(null);
    try {
      const body = new FormData();
      body.set("file", file);
      body.set("mode", mode);
      if (mode === "commit" && summary) body.set("expectedSha256", summary.fileSha256);
      const response = await fetch(endpoint, { method: "POST", body });
      const json = (await response.json().catch(() => ({}))) as TableImportSummary & ErrorBody;
      if (!response.ok) {
        setSummary(null);
        const params = { limit: "", size: "", sheet: "", sheets: "", rows: "", ...json.params };
        setError(json.reason && tFile.has(json.reason) ? tFile(json.reason, params) : t.has(`errors.${json.error}`) ? t(`errors.${json.error}`) : t("errors.internal"));
        return;
      }
      setSummary(json);
      if (mode === "commit") router.refresh();
    } catch {
      setError(t("errors.internal"));
    } finally {
      setBusy(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send("preview");
  }

  const canCommit = summary?.outcome === "preview" && summary.counts.new + summary.counts.changed > 0;
  return (
    <section className="card section" aria-labelledby={`${kind}-import-heading`}>
      <h1 id={`${kind}-import-heading`}>{t(`title.${kind}`)}</h1>
      <p className="field-hint">{t(`intro.${kind}`)}</p>
      <p>
        {t("template")} <a href={`${endpoint}/template?format=xlsx`}>{t("templateXlsx")}</a> · <a href={`${endpoint}/template?format=csv`}>{t("templateCsv")}</a>
      </p>
      <form onSubmit={onSubmit} noValidate className="admin-inline">
        <div className="field">
          <label htmlFor={`${kind}-import-file`}>{t("file")}</label>
          <input
            id={`${kind}-import-file`}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${kind}-import-status`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setSummary(null);
              setError(null);
            }}
          />
        </div>
        <button className="btn btn--secondary" disabled={busy !== null}>
          {busy === "preview" ? t("checking") : t("preview")}
        </button>
      </form>
      <div id={`${kind}-import-status`} aria-live="polite">
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        {summary && <Outcome kind={kind} summary={summary} />}
      </div>
      {canCommit && (
        <button type="button" className="btn" onClick={() => void send("commit")} disabled={busy !== null}>
          {busy === "commit" ? t("committing") : t("commit", { count: summary.counts.new + summary.counts.changed })}
        </button>
      )}
      {summary && <PreviewTable kind={kind} summary={summary} />}
    </section>
  );
}

function Outcome({ kind, summary }: { kind: Kind; summary: TableImportSummary }) {
  const t = useTranslations("tableImport");
  const reason = useReason(kind);
  const { counts } = summary;
  const tone = summary.outcome === "invalid" ? "alert--error" : summary.outcome === "committed" ? "alert--info" : "alert--warn";
  const message =
    summary.outcome === "preview" && counts.new + counts.changed === 0 ? t("outcome.nothing") : t(`outcome.${summary.outcome}`, { invalid: counts.invalid });
  return (
    <div className={`alert ${tone}`} role={summary.outcome === "invalid" ? "alert" : "status"}>
      <p>
        <strong>{message}</strong>
      </p>
      <p data-testid="import-counts">
        {(["new", "changed", "unchanged", "invalid"] as const).map((c) => t(`counts.${c}`, { count: counts[c] })).join(" · ")}
      </p>
      {summary.fileProblems.length > 0 && (
        <ul>
          {summary.fileProblems.map((p, i) => (
            <li key={i}>{reason(p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A problem in words, with the column's localized name when the file lacks it. */
function useReason(kind: Kind) {
  const t = useTranslations("tableImport");
  const fieldName = useFieldName(kind);
  return (problem: RowProblem) => {
    const params = { code: "", value: "", firstRow: "", ...problem.params, field: problem.params?.field ? fieldName(String(problem.params.field)) : "" };
    return t.has(`reasons.${problem.reason}`) ? t(`reasons.${problem.reason}`, params) : problem.reason;
  };
}

/** A field as the file names it (its column header), else its localized name. */
function useFieldName(kind: Kind, columns: TableImportSummary["columns"] = []) {
  const t = useTranslations("tableImport");
  return (field: string) =>
    columns.find((c) => c.field === field)?.header ??
    (field.startsWith("component:") ? t("componentRole", { component: field.slice("component:".length) }) : t.has(`fields.${kind}.${field}`) ? t(`fields.${kind}.${field}`) : field);
}

function PreviewTable({ kind, summary }: { kind: Kind; summary: TableImportSummary }) {
  const t = useTranslations("tableImport");
  const tType = useTranslations("enums.agencyType");
  const tRole = useTranslations("enums.dgaRole");
  const tUserRole = useTranslations("enums.role");
  const reason = useReason(kind);
  const fieldName = useFieldName(kind, summary.columns);
  if (!summary.rows.length) return null;
  const show = (field: string, value: string | null) => {
    if (value === null || value === "") return t("blank");
    if (field === "type" && tType.has(value)) return tType(value);
    if (field.startsWith("component:") && tRole.has(value)) return tRole(value);
    if (kind === "user" && field === "role" && tUserRole.has(value)) return tUserRole(value);
    if (field === "active") return value === "true" ? t("yes") : t("no");
    return value;
  };
  const details = (row: PreviewRow) =>
    row.problems.length ? (
      <ul className="plain">
        {row.problems.map((p, i) => (
          <li key={i}>
            {p.column && <strong>{p.column}: </strong>}
            {p.found && (
              <>
                <code>{p.found}</code> —{" "}
              </>
            )}
            {reason(p)}
          </li>
        ))}
      </ul>
    ) : row.changes.length ? (
      <ul className="plain">
        {row.changes.map((c) => (
          <li key={c.field}>
            {fieldName(c.field)}: {row.change === "changed" && <>{show(c.field, c.before)} → </>}
            <strong>{show(c.field, c.after)}</strong>
          </li>
        ))}
      </ul>
    ) : (
      "–"
    );
  return (
    <ScrollRegion className="table-wrap section">
      <table className="data" data-testid="import-preview">
        <caption>{t("rowsCaption", { file: summary.fileName })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("row")}
            </th>
            <th scope="col">{t(`record.${kind}`)}</th>
            <th scope="col">{t("change")}</th>
            <th scope="col">{t("details")}</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.row}>
              <td className="num">{row.row}</td>
              <td>
                <code>{row.label}</code>
              </td>
              <td>
                <span className={`tag tag--${row.change === "invalid" ? "status-returned" : row.change}`}>{t(`changeKind.${row.change}`)}</span>
              </td>
              <td>{details(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.moreRows > 0 && <p className="muted">{t("moreRows", { count: summary.moreRows })}</p>}
    </ScrollRegion>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { saveMappingProfileAction } from "@/app/imports/actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { normaliseHeader } from "@/core/emenscr/fields";
import type { ClientSummary } from "@/lib/emenscr/http";
import { MappingTable } from "./mapping-table";
import type { HeaderMapping, LayoutChoice } from "./use-import-wizard";
import { ChoiceInput } from "@/components/ui/choice-input";

interface EditorProps<V> {
  summary: ClientSummary;
  value: V;
  busy: boolean;
  onChange: (value: V) => void;
  onRecheck: () => void;
}

function MissingFields({ summary }: { summary: ClientSummary }) {
  const t = useTranslations("imports");
  if (summary.missingFields.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t("preview.missingFields", { fields: summary.missingFields.map((f) => t(`fields.${f}`)).join(", ") })}
    </div>
  );
}

function RecheckButton({ disabled, onRecheck }: { disabled: boolean; onRecheck: () => void }) {
  const t = useTranslations("imports");
  return (
    <div className="import-actions">
      <button type="button" className="btn btn--secondary" onClick={onRecheck} disabled={disabled}>
        {t("preview.applyMapping")}
      </button>
    </div>
  );
}

/** Mapping a file by its header row: each named column to a field. */
export function HeaderMappingEditor({ summary, value: mapping, busy, onChange, onRecheck }: EditorProps<HeaderMapping>) {
  const t = useTranslations("imports");
  const columns = summary.columns.filter((c) => c.header !== "");
  // The mapping as it stands: what the server recognised, overridden by the analyst's choices.
  const effective: HeaderMapping = { ...Object.fromEntries(columns.map((c) => [normaliseHeader(c.header), c.field])), ...mapping };
  const rows = columns.map((c) => ({ key: normaliseHeader(c.header), selectId: `map-${c.index}`, label: c.header, samples: c.samples, field: effective[normaliseHeader(c.header)] ?? null }));
  return (
    <details className="section import-mapping" open={summary.missingFields.length > 0}>
      <summary>
        <h3 id="import-mapping-heading">{t("preview.mappingHeading")}</h3>
      </summary>
      <MissingFields summary={summary} />
      <p>{t("preview.mappingIntro")}</p>
      <MappingTable columns={rows} busy={busy} byPosition={false} onChange={(key, field) => onChange({ ...mapping, [key]: field })} />
      <RecheckButton onRecheck={onRecheck} disabled={busy || Object.keys(mapping).length === 0} />
      <SaveProfileForm values={{ mapping: JSON.stringify(effective) }} />
    </details>
  );
}

/** Mapping a file without a recognisable header: each column by its position, with its first values. */
export function PositionalMappingEditor({ summary, value: layout, busy, onChange, onRecheck }: EditorProps<LayoutChoice | null>) {
  const t = useTranslations("imports");
  // What the server used, overridden by the analyst's choices.
  const current: LayoutChoice = layout ?? {
    positions: Object.fromEntries(summary.columns.map((c) => [String(c.index), c.field])),
    hasHeaderRow: summary.headerRow > 0,
  };
  const rows = summary.columns.map((c) => ({
    key: String(c.index),
    selectId: `map-position-${c.index}`,
    label: t("preview.columnLetter", { letter: c.letter }),
    header: c.header,
    samples: c.samples,
    field: current.positions[String(c.index)] ?? null,
  }));
  return (
    <section className="section import-mapping" aria-labelledby="import-mapping-heading">
      <h3 id="import-mapping-heading">{t("preview.mappingHeading")}</h3>
      {summary.columns.every((c) => c.field === null) && (
        <div className="alert alert--info" role="status">
          {t("preview.noHeaderFound")}
        </div>
      )}
      <MissingFields summary={summary} />
      <p>{t("preview.positionalIntro")}</p>
      <div className="import-check">
        <ChoiceInput id="import-has-header" type="checkbox" checked={current.hasHeaderRow} disabled={busy} onChange={(e) => onChange({ ...current, hasHeaderRow: e.target.checked })} />
        <label htmlFor="import-has-header">{t("preview.hasHeaderRow")}</label>
      </div>
      <MappingTable columns={rows} busy={busy} byPosition onChange={(key, field) => onChange({ ...current, positions: { ...current.positions, [key]: field } })} />
      <RecheckButton onRecheck={onRecheck} disabled={busy || layout === null} />
      <SaveProfileForm values={{ positions: JSON.stringify(current.positions), hasHeaderRow: String(current.hasHeaderRow) }} />
    </section>
  );
}

/** Saves the mapping on screen (hidden fields) as a named profile for later files of the same layout. */
function SaveProfileForm({ values }: { values: Record<string, string> }) {
  const t = useTranslations("imports");
  const tErr = useTranslations("errors");
  const { state, formAction, pending } = useActionForm(saveMappingProfileAction);
  const error = state.status === "error" ? (state.fieldErrors?.name ? tErr("required") : tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal")) : "";
  return (
    <form action={formAction} className="import-profile-form">
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="profile-name">{t("preview.profileName")}</label>
        <input id="profile-name" name="name" type="text" maxLength={100} required aria-describedby="profile-name-error" defaultValue={state.status === "error" ? state.values?.name : ""} />
        <span id="profile-name-error" className="field-error" aria-live="polite">
          {error}
        </span>
      </div>
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {t("preview.saveProfile")}
      </button>
      {state.status === "success" && <span role="status">{t("preview.profileSaved")}</span>}
    </form>
  );
}

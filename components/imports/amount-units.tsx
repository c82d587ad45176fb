"use client";

import { useLocale, useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { AMOUNT_UNITS, type AmountUnit } from "@/core/emenscr/amount-units";
import type { ImportField } from "@/core/emenscr/fields";
import type { Locale } from "@/core/enums";
import { formatNumber } from "@/core/format/thai";
import type { ClientSummary } from "@/lib/emenscr/http";

interface Props {
  summary: ClientSummary;
  amountUnit: AmountUnit | "";
  busy: boolean;
  onChange: (unit: AmountUnit | "") => void;
  onRecheck: () => void;
}

/** The unit of each money column (converted to baht when thousand or million), a warning when it looks wrong, and the analyst's choice. */
export function AmountUnits({ summary, amountUnit, busy, onChange, onRecheck }: Props) {
  const t = useTranslations("imports");
  const units = Object.entries(summary.amountUnits) as [ImportField, NonNullable<ClientSummary["amountUnits"]["budget"]>][];
  if (units.length === 0) return null;
  return (
    <section className="section import-amounts" aria-labelledby="import-amounts-heading">
      <h3 id="import-amounts-heading">{t("preview.amountsHeading")}</h3>
      <ul>
        {units.map(([field, unit]) => (
          <li key={field}>
            <strong>{summary.columns.find((c) => c.field === field)?.header || t(`fields.${field}`)}</strong>:{" "}
            {/* Amounts already in baht need no conversion: saying "converted from baht to baht" would be noise. */}
            {unit.unit === "baht" ? t("amounts.inBaht") : t(`amounts.converted.${unit.source}`, { unit: t(`amounts.units.${unit.unit}`) })}
          </li>
        ))}
      </ul>
      <AmountWarning warning={summary.amountWarning} />
      <div className="import-form__row">
        <Field id="import-amount-unit" label={t("preview.amountUnitLabel")} hint={t("preview.amountUnitHint")}>
          {(control) => (
            <select {...control} value={amountUnit} disabled={busy} onChange={(e) => onChange(e.target.value as AmountUnit | "")}>
              <option value="">{t("preview.amountUnitAsRead")}</option>
              {AMOUNT_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`amounts.units.${u}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="import-actions">
        <button type="button" className="btn btn--secondary" onClick={onRecheck} disabled={busy}>
          {t("preview.amountUnitRecheck")}
        </button>
      </div>
    </section>
  );
}

/** Why the amounts look like the wrong unit, with the agencies whose earlier figures disagree. */
function AmountWarning({ warning }: { warning: ClientSummary["amountWarning"] }) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  if (!warning) return null;
  const n = (value: number) => formatNumber(value, locale, { maximumFractionDigits: 2 });
  const evidence = (warning.agencies ?? [])
    .slice(0, 5)
    .map((a) => t("amounts.agencyEvidence", { agency: a.agencyName, file: n(a.fileMedian), earlier: n(a.earlierMedian ?? 0) }))
    .join("; ");
  return (
    <div className="alert alert--warn" role="alert">
      {t(`amounts.warning.${warning.kind}`, {
        median: n(warning.fileMedian),
        unit: warning.kind === "look_like_baht" ? t(`amounts.units.${warning.unit}`) : "",
        agencies: evidence || "–",
      })}
    </div>
  );
}

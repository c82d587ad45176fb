// Import messages outside React (CLI, fix-list export): the same texts as the UI, from messages/*.json,
// so a reason reads the same in the terminal, the preview and the downloaded fix list.

import { createTranslator } from "use-intl/core";
import type { Locale } from "@/core/enums";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import type { ImportFileError } from "@/lib/import/errors";
import type { AmountUnitWarning, ColumnUnit } from "@/core/emenscr/amount-units";
import type { RowError } from "./rows";

const MESSAGES = { th, en } as const;

export function importTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "imports" });
}

type Translator = ReturnType<typeof importTranslator>;

export function rowErrorMessage(t: Translator, error: RowError): string {
  const params = { max: "", length: "", formula: "", code: "", firstRow: "", value: "", ...error.params };
  return t(`reasons.${error.reason}`, params);
}

export function fileErrorMessage(t: Translator, error: ImportFileError): string {
  return t(`fileErrors.${error.reason}`, { limit: "", size: "", sheet: "", sheets: "", rows: "", ...error.params });
}

/** The column as a person finds it: the file's header, else the field's name. */
export function columnLabel(t: Translator, error: RowError): string | null {
  if (error.column) return error.column;
  return error.field ? t(`fields.${error.field}`) : null;
}

/** "converted from million baht (× 1,000,000)" — for a money column not in baht. */
export function amountUnitNote(t: Translator, unit: ColumnUnit): string {
  return t(`amounts.converted.${unit.source}`, { unit: t(`amounts.units.${unit.unit}`) });
}

export function amountWarningMessage(t: Translator, warning: AmountUnitWarning, locale: Locale = "en"): string {
  const format = (n: number) => new Intl.NumberFormat(locale === "th" ? "th-TH-u-nu-latn" : "en-US", { maximumFractionDigits: 2 }).format(n);
  const agencies = warning.agencies
    .slice(0, 5)
    .map((a) => t("amounts.agencyEvidence", { agency: a.agencyName, file: format(a.fileMedian), earlier: format(a.earlierMedian ?? 0) }))
    .join("; ");
  return t(`amounts.warning.${warning.kind}`, { median: format(warning.fileMedian), unit: warning.kind === "look_like_baht" ? t(`amounts.units.${warning.unit}`) : "", agencies: agencies || "–" });
}

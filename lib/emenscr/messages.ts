// Import messages outside React (CLI, fix-list export): the same texts as the UI, from messages/*.json,
// so a reason reads the same in the terminal, the preview and the downloaded fix list.

import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/domain/enums";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import type { ImportFileError } from "@/lib/import/errors";
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

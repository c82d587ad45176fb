import type { Locale } from "@/core/enums";

/** Chooses the Thai or English variant of a bilingual field, falling back to Thai (the official text). */
export function pick(locale: Locale | string, th: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : th;
}

export function pickName(locale: Locale | string, row: { nameTh: string; nameEn?: string | null }): string {
  return pick(locale, row.nameTh, row.nameEn);
}

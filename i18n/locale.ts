import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/core/enums";

export const LOCALE_COOKIE = "lamnam_locale";

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

// The API's reasons in words, from messages/*.json (namespace "api"), in the caller's language: Thai
// unless Accept-Language prefers English. Machines read `error`; people reading logs read `message`.
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/core/enums";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

const MESSAGES = { th, en } as const;

export function apiLocale(request: Request): Locale {
  const header = request.headers.get("accept-language") ?? "";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "th";
}

export function apiTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "api" });
}
export type ApiTranslator = ReturnType<typeof apiTranslator>;

/** A code's sentence, or the generic one for a code without its own (never an empty answer). */
export function apiMessage(t: ApiTranslator, section: "errors" | "reasons", code: string, values: Record<string, string | number> = {}): string {
  const key = `${section}.${code}`;
  return t.has(key as never) ? t(key as never, values as never) : t(`${section}.unknown` as never);
}

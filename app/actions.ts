"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALES } from "@/core/enums";
import { getActor } from "@/lib/auth/session";
import { LOCALE_COOKIE } from "@/i18n/locale";
import { servedOverHttps } from "@/lib/http/https";
import { saveLocalePreference } from "@/lib/users/preferences";

const localeInput = z.enum(LOCALES);
const ONE_YEAR = 60 * 60 * 24 * 365;
/** Read by the client too (not httpOnly): it holds nothing but "th" or "en". */
const localeCookie = () => ({ path: "/", maxAge: ONE_YEAR, sameSite: "lax" as const, httpOnly: false, secure: servedOverHttps() });

/**
 * The language switch. Works signed out (sign-in page); when signed in, the choice is also saved to
 * the user's profile so it follows them to other devices.
 */
export async function setLocale(input: unknown): Promise<void> {
  const locale = localeInput.parse(input);
  (await cookies()).set(LOCALE_COOKIE, locale, localeCookie());
  const actor = await getActor();
  if (actor && actor.locale !== locale) {
    await saveLocalePreference(actor, locale);
  }
}

/** After sign-in: adopt the language saved in the user's profile. */
export async function adoptProfileLocale(): Promise<void> {
  const actor = await getActor();
  if (!actor) return;
  (await cookies()).set(LOCALE_COOKIE, actor.locale, localeCookie());
}

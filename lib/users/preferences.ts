import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { LOCALES, type Locale } from "@/core/enums";
import { ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/core/errors/field-errors";
import { recordAudit } from "@/lib/audit/record";

const localeInput = z.enum(LOCALES);

/**
 * Saves the caller's language to their own profile (it follows them to other devices). Writes, with its
 * audit entry, only when the language changes; returns whether it did.
 */
export async function saveLocalePreference(actor: Actor, input: unknown): Promise<boolean> {
  const parsed = localeInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const locale: Locale = parsed.data;
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.id)).for("update");
    if (!before || before.locale === locale) return false;
    await tx.update(users).set({ locale }).where(eq(users.id, actor.id));
    await recordAudit(tx, actor, { action: "user.set_locale", entityType: "user", entityId: actor.id, before: { locale: before.locale }, after: { locale } });
    return true;
  });
}

import "server-only";
import { createTranslator } from "use-intl/core";
import type { Queryable } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import type { Locale } from "@/core/enums";
import { formatDateTime } from "@/core/format/thai";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

const MESSAGES = { th, en } as const;

/** Base of links in e-mails: APP_URL, else the app's public URL. */
export function appBaseUrl(): string {
  return (process.env.APP_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
}

interface Recipient {
  id: number;
  email: string;
  locale: Locale;
}

/**
 * E-mails about the account itself, written to the outbox in the owner's language. They are not in-app
 * notifications: the owner may be unable to sign in (locked out, password forgotten) when they matter.
 */
export async function queueAccountLockedMail(db: Queryable, user: Recipient, lockedUntil: Date): Promise<void> {
  const t = createTranslator({ locale: user.locale, messages: MESSAGES[user.locale], namespace: "accountMail.locked" });
  await db.insert(emailOutbox).values({
    userId: user.id,
    toAddress: user.email,
    subject: `[Lamnam] ${t("subject")}`,
    body: t("body", { until: formatDateTime(lockedUntil, user.locale), link: `${appBaseUrl()}/forgot-password` }),
  });
}

/** The reset link is in the message only until it leaves the outbox (bodyAfterDelivery). */
export async function queuePasswordResetMail(db: Queryable, user: Recipient, token: string, expiresAt: Date): Promise<void> {
  const t = createTranslator({ locale: user.locale, messages: MESSAGES[user.locale], namespace: "accountMail.reset" });
  const until = formatDateTime(expiresAt, user.locale);
  await db.insert(emailOutbox).values({
    userId: user.id,
    toAddress: user.email,
    subject: `[Lamnam] ${t("subject")}`,
    body: t("body", { until, link: `${appBaseUrl()}/set-password?token=${token}` }),
    bodyAfterDelivery: t("body", { until, link: t("linkRemoved") }),
  });
}

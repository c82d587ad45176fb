import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import type { Queryable } from "@/db/client";
import { emailOutbox, notifications, users } from "@/db/schema";
import type { NotificationKind } from "@/lib/assessments/enums";
import type { Locale } from "@/lib/domain/enums";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

export type NotificationPayload = Record<string, string | number | null>;

const MESSAGES = { th, en } as const;

/** The title and body of a notification in the reader's language (used for the in-app list and email). */
export function renderNotification(locale: Locale, kind: NotificationKind, payload: NotificationPayload) {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications.kinds" });
  const values = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v ?? ""]));
  return { title: t(`${kind}.title`, values), body: t(`${kind}.body`, values) };
}

export interface NotifyOptions {
  userIds: readonly number[];
  kind: NotificationKind;
  payload: NotificationPayload;
  /** One notification per user and key: reminder runs can repeat without spamming. */
  dedupeKey?: string;
  /** Link appended to the email body (the in-app list links by payload). */
  path?: string;
}

/**
 * In-app notification plus a queued email for each active user, in the caller's transaction so a
 * notice exists exactly when the event that caused it does. Returns how many were new.
 */
export async function notifyUsers(db: Queryable, options: NotifyOptions): Promise<number> {
  if (!options.userIds.length) return 0;
  const recipients = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, [...options.userIds]), eq(users.active, true)));
  let created = 0;
  const baseUrl = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  for (const user of recipients) {
    const [row] = await db
      .insert(notifications)
      .values({ userId: user.id, kind: options.kind, payload: { ...options.payload, path: options.path ?? null }, dedupeKey: options.dedupeKey ?? null })
      .onConflictDoNothing()
      .returning({ id: notifications.id });
    if (!row) continue;
    created++;
    const { title, body } = renderNotification(user.locale, options.kind, options.payload);
    await db.insert(emailOutbox).values({
      userId: user.id,
      toAddress: user.email,
      subject: `[Lamnam] ${title}`,
      body: options.path ? `${body}\n\n${new URL(options.path, baseUrl).toString()}` : body,
      notificationId: row.id,
    });
  }
  return created;
}

import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import type { Queryable } from "@/db/client";
import { emailOutbox, notificationPreferences, notifications, users } from "@/db/schema";
import { deliveryModeFor, type DeliveryMode, type PreferenceMap } from "@/core/notifications/preferences";
import type { NotificationKind } from "@/core/assessments/enums";
import type { Locale } from "@/core/enums";
import { parsePeriodCode } from "@/core/fiscal/calendar";
import { formatPeriod } from "@/core/format/thai";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

export type NotificationPayload = Record<string, string | number | null>;

const MESSAGES = { th, en } as const;

const translators = new Map<Locale, ReturnType<typeof makeTranslator>>();
const makeTranslator = (locale: Locale) => createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications.kinds" });
/** One translator per language: a digest renders tens of thousands of notices. */
function translatorOf(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  return t;
}

/** The title and body of a notification in the reader's language (used for the in-app list and email). */
export function renderNotification(locale: Locale, kind: NotificationKind, payload: NotificationPayload) {
  const t = translatorOf(locale);
  const values = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, v ?? ""]));
  // A period is stored as its code ("2570Q1") and read as the reader's words ("ไตรมาส 1/2570").
  if (typeof payload.period === "string" && parsePeriodCode(payload.period)) values.period = formatPeriod(payload.period, locale, "short");
  return { title: t(`${kind}.title`, values), body: t(`${kind}.body`, values) };
}

export interface NotifyOptions extends Omit<Notice, "userId"> {
  userIds: readonly number[];
}

/** One notice to one user. */
export interface Notice {
  userId: number;
  kind: NotificationKind;
  payload: NotificationPayload;
  /** One notification per user and key: repeated runs (reminders, re-evaluations) do not spam. */
  dedupeKey?: string;
  /** Link appended to the email body (the in-app list links by payload). */
  path?: string;
}

/**
 * In-app notification plus a queued email for each active user, in the caller's transaction so a
 * notice exists exactly when the event that caused it does. Returns how many were new.
 */
export async function notifyUsers(db: Queryable, options: NotifyOptions): Promise<number> {
  const { userIds, ...notice } = options;
  return sendNotices(
    db,
    userIds.map((userId) => ({ userId, ...notice })),
  );
}

/**
 * The set-based form of notifyUsers: many notices (different users, kinds, payloads) in two inserts,
 * so an evaluation that opens thousands of flags does not write row by row. Inactive users are skipped.
 */
export async function sendNotices(db: Queryable, notices: readonly Notice[]): Promise<number> {
  if (!notices.length) return 0;
  const recipients = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, [...new Set(notices.map((n) => n.userId))]), eq(users.active, true)));
  const userOf = new Map(recipients.map((u) => [u.id, u]));
  const deliverable = notices.filter((n) => userOf.has(n.userId));
  if (!deliverable.length) return 0;
  const preferences = await loadPreferences(db, [...userOf.keys()]);
  const modeOf = (n: { userId: number; kind: NotificationKind }): DeliveryMode => deliveryModeFor(n.kind, preferences.get(n.userId));
  const baseUrl = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  let created = 0;
  for (let i = 0; i < deliverable.length; i += CHUNK) {
    const chunk = deliverable.slice(i, i + CHUNK);
    const rows = await db
      .insert(notifications)
      .values(chunk.map((n) => ({ userId: n.userId, kind: n.kind, payload: { ...n.payload, path: n.path ?? null }, dedupeKey: n.dedupeKey ?? null, digestPending: modeOf(n) === "daily" })))
      .onConflictDoNothing()
      .returning({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, payload: notifications.payload });
    if (!rows.length) continue;
    created += rows.length;
    // The in-app notice always exists; the e-mail goes now only for "immediate" (daily: the digest; off: none).
    const mailNow = rows.filter((row) => modeOf(row) === "immediate");
    if (!mailNow.length) continue;
    await db.insert(emailOutbox).values(
      mailNow.map((row) => {
        const user = userOf.get(row.userId)!;
        const { path, ...payload } = row.payload;
        const { title, body } = renderNotification(user.locale, row.kind, payload);
        return {
          userId: user.id,
          toAddress: user.email,
          subject: `[Lamnam] ${title}`,
          body: typeof path === "string" ? `${body}\n\n${new URL(path, baseUrl).toString()}` : body,
          notificationId: row.id,
        };
      }),
    );
  }
  return created;
}

/** The users' stored choices (a user without rows gets the defaults). */
async function loadPreferences(db: Queryable, userIds: readonly number[]): Promise<Map<number, PreferenceMap>> {
  const map = new Map<number, PreferenceMap>();
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds.slice(i, i + CHUNK)));
    for (const row of rows) map.set(row.userId, { ...map.get(row.userId), [row.group]: row.mode });
  }
  return map;
}

/** Rows per insert: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 1000;

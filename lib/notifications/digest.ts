import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { getDb } from "@/db/client";
import { emailOutbox, notifications, users } from "@/db/schema";
import type { Locale } from "@/core/enums";
import { formatDate } from "@/core/format/thai";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { renderNotification, type NotificationPayload } from "./notify";
import type { NotificationKind } from "@/core/assessments/enums";

// The daily digest: one e-mail per user gathering the notices that waited for it (kinds the user set to
// "daily"), written to the outbox like every other e-mail and delivered by the e-mail job. Users are taken
// in batches, each in its own transaction that writes the e-mails and clears the waiting marks together,
// so a run that stops half-way sends nothing twice and the next run takes up the rest.

const MESSAGES = { th, en } as const;
const USERS_PER_BATCH = 2000;

export interface DigestSummary {
  users: number;
  notices: number;
}

export interface DigestOptions {
  /** Shown in the subject ("…of 5 Dec 2569"); today in Bangkok by default. */
  today: string;
}

/** Sends every waiting digest; returns how many users got one and how many notices they held. */
export async function runDailyDigest(options: DigestOptions): Promise<DigestSummary> {
  const db = getDb();
  const baseUrl = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
  const summary: DigestSummary = { users: 0, notices: 0 };
  let afterUserId = 0;
  for (;;) {
    const batch = await db
      .selectDistinct({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.digestPending, true), gt(notifications.userId, afterUserId)))
      .orderBy(asc(notifications.userId))
      .limit(USERS_PER_BATCH);
    if (!batch.length) return summary;
    afterUserId = batch[batch.length - 1]!.userId;
    const ids = batch.map((b) => b.userId);
    await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, payload: notifications.payload, email: users.email, locale: users.locale, active: users.active })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(and(eq(notifications.digestPending, true), inArray(notifications.userId, ids)))
        .orderBy(asc(notifications.userId), asc(notifications.id))
        .for("update", { of: notifications, skipLocked: true });
      if (!rows.length) return;
      const byUser = new Map<number, typeof rows>();
      for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
      const mails = [...byUser.values()]
        .filter((list) => list[0]!.active)
        .map((list) => {
          const { email, locale, userId } = list[0]!;
          return { userId, toAddress: email, ...renderDigest(locale, options.today, list, baseUrl) };
        });
      for (let i = 0; i < mails.length; i += 1000) await tx.insert(emailOutbox).values(mails.slice(i, i + 1000));
      // Inactive users' notices stop waiting too: a reactivated account does not get a month of news at once.
      const noticeIds = rows.map((r) => r.id);
      for (let i = 0; i < noticeIds.length; i += 10_000) await tx.update(notifications).set({ digestPending: false }).where(inArray(notifications.id, noticeIds.slice(i, i + 10_000)));
      summary.users += mails.length;
      summary.notices += rows.filter((r) => r.active).length;
    });
  }
}

interface DigestNotice {
  kind: NotificationKind;
  payload: NotificationPayload;
}

/** The digest's subject and body in the reader's language: one line per notice, grouped by kind. */
export function renderDigest(locale: Locale, today: string, notices: readonly DigestNotice[], baseUrl: string): { subject: string; body: string } {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notificationSettings.digest" });
  const lines = notices.map((n) => {
    const { path, ...payload } = n.payload;
    const { title, body } = renderNotification(locale, n.kind, payload);
    const link = typeof path === "string" ? `\n  ${new URL(path, baseUrl).toString()}` : "";
    return `• ${title}\n  ${body}${link}`;
  });
  return {
    subject: `[Lamnam] ${t("subject", { date: formatDate(today, locale), count: notices.length })}`,
    body: [t("intro", { count: notices.length }), "", ...lines, "", t("footer", { url: new URL("/settings/notifications", baseUrl).toString() })].join("\n"),
  };
}

/** How many notices wait for a digest (the settings page and tests). */
export async function countPendingDigest(userId: number): Promise<number> {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.digestPending, true)));
  return row?.n ?? 0;
}

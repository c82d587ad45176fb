import "server-only";
import { and, asc, eq, isNull, lte, min, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { isQueueActive, JOB_QUEUES, sendJob } from "@/lib/jobs/queue";

/** A refused message is tried this many times in all, then marked failed (shown on the jobs page). */
export const MAX_EMAIL_ATTEMPTS = 8;

/** Wait before the n-th retry (n ≥ 1): EMAIL_RETRY_BASE_MS (30 s) doubled each time, so 8 attempts span about an hour. */
export function emailRetryDelayMs(attempts: number, baseMs = Number(process.env.EMAIL_RETRY_BASE_MS ?? 30_000)): number {
  return baseMs * 2 ** Math.max(0, attempts - 1);
}

export interface DeliverySummary {
  sent: number;
  logged: number;
  failed: number;
}

/** A message that has left no longer needs its secret (a reset link): its body becomes bodyAfterDelivery, when given. */
const settledBody = { body: sql`coalesce(${emailOutbox.bodyAfterDelivery}, ${emailOutbox.body})`, bodyAfterDelivery: null };

const due = () => and(eq(emailOutbox.status, "pending"), or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, sql`now()`)));

/**
 * Delivers the queued emails that are due through SMTP_URL (e.g. smtp://user:pass@mail.example:587);
 * without it the messages are written to the log and marked "logged", so a demo never needs a mail server.
 * A refused message stays pending with a later nextAttemptAt; after MAX_EMAIL_ATTEMPTS it is failed.
 */
export async function deliverOutbox(options: { smtpUrl?: string; from?: string; log?: (line: string) => void } = {}): Promise<DeliverySummary> {
  const db = getDb();
  const smtpUrl = options.smtpUrl ?? process.env.SMTP_URL;
  const from = options.from ?? process.env.MAIL_FROM ?? "Lamnam <no-reply@lamnam.local>";
  const log = options.log ?? ((line: string) => console.log(line));
  const pending = await db.select().from(emailOutbox).where(due()).orderBy(emailOutbox.id).limit(500);
  const summary: DeliverySummary = { sent: 0, logged: 0, failed: 0 };
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  for (const mail of pending) {
    const attempts = mail.attempts + 1;
    if (!transport) {
      log(`[mail] (SMTP_URL not set) to=${mail.toAddress} subject=${mail.subject}`);
      await db.update(emailOutbox).set({ status: "logged", attempts, ...settledBody }).where(eq(emailOutbox.id, mail.id));
      summary.logged++;
      continue;
    }
    try {
      await transport.sendMail({ from, to: mail.toAddress, subject: mail.subject, text: mail.body });
      await db.update(emailOutbox).set({ status: "sent", attempts, sentAt: new Date(), lastError: null, nextAttemptAt: null, ...settledBody }).where(eq(emailOutbox.id, mail.id));
      summary.sent++;
    } catch (error) {
      const gaveUp = attempts >= MAX_EMAIL_ATTEMPTS;
      await db
        .update(emailOutbox)
        .set({
          status: gaveUp ? "failed" : "pending",
          attempts,
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          nextAttemptAt: gaveUp ? null : new Date(Date.now() + emailRetryDelayMs(attempts)),
          ...(gaveUp ? settledBody : {}),
        })
        .where(eq(emailOutbox.id, mail.id));
      summary.failed++;
    }
  }
  transport?.close();
  return summary;
}

/**
 * Asks the e-mail job to deliver now rather than at the next minute's tick (someone is waiting for a reset
 * link). Without running workers (CLIs, tests) the message waits for whoever delivers the outbox.
 */
export async function deliverOutboxSoon(): Promise<void> {
  if (isQueueActive()) await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "now" });
}

/** When the next refused message falls due, or null when none waits (the e-mail job schedules itself then). */
export async function nextEmailRetry(): Promise<Date | null> {
  const [row] = await getDb()
    .select({ at: min(emailOutbox.nextAttemptAt) })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), sql`${emailOutbox.nextAttemptAt} is not null`));
  return row?.at ? new Date(row.at) : null;
}

/** Failed and waiting messages for the jobs page: the admin sees what the mail server refused. */
export async function listUndeliveredEmail(limit = 50) {
  return getDb()
    .select({ id: emailOutbox.id, toAddress: emailOutbox.toAddress, subject: emailOutbox.subject, status: emailOutbox.status, attempts: emailOutbox.attempts, lastError: emailOutbox.lastError, nextAttemptAt: emailOutbox.nextAttemptAt, createdAt: emailOutbox.createdAt })
    .from(emailOutbox)
    .where(or(eq(emailOutbox.status, "failed"), and(eq(emailOutbox.status, "pending"), sql`${emailOutbox.attempts} > 0`)))
    .orderBy(asc(emailOutbox.id))
    .limit(limit);
}

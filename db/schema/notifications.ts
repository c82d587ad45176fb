import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { DELIVERY_MODES, NOTIFICATION_GROUPS } from "@/core/notifications/preferences";
import { EMAIL_STATUSES, NOTIFICATION_KINDS } from "@/core/assessments/enums";
import { users } from "./users";

export const notificationKindEnum = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const emailStatusEnum = pgEnum("email_status", EMAIL_STATUSES);
export const notificationGroupEnum = pgEnum("notification_group", NOTIFICATION_GROUPS);
export const deliveryModeEnum = pgEnum("delivery_mode", DELIVERY_MODES);

/** In-app notifications. `dedupeKey` makes a reminder run idempotent: one per user, stage and period. */
export const notifications = pgTable(
  "notifications",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: notificationKindEnum().notNull(),
    /** Message parameters (period code, component code, agency name…); rendered in the reader's language. */
    payload: jsonb().$type<Record<string, string | number | null>>().notNull(),
    dedupeKey: text(),
    readAt: timestamp({ withTimezone: true }),
    /** Waits for the user's next daily digest (their preference for this kind is "daily"). */
    digestPending: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.userId, t.readAt),
    unique("notifications_user_dedupe").on(t.userId, t.dedupeKey),
    // The digest run reads only what waits: a partial index stays small however long the history.
    index("notifications_digest_pending_idx").on(t.userId).where(sql`${t.digestPending}`),
  ],
);
export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/**
 * Emails are written here in the same transaction as the event that causes them, then delivered by the
 * e-mail job within a minute (or logged when SMTP_URL is unset), so a failed SMTP server never loses a
 * message: a refused one waits until nextAttemptAt, doubling the wait each time.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer().references(() => users.id),
    toAddress: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    /**
     * What `body` becomes once the message has left (sent, logged or failed): a message carrying a secret
     * (a password-reset link) keeps it in the database only while it waits for delivery.
     */
    bodyAfterDelivery: text(),
    status: emailStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: timestamp({ withTimezone: true }),
    notificationId: integer().references(() => notifications.id),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status), index().on(t.userId), index().on(t.notificationId)],
);
export type EmailMessage = typeof emailOutbox.$inferSelect;

/** A user's choice per group of notices (core/notifications/preferences.ts); no row = immediate. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    group: notificationGroupEnum().notNull(),
    mode: deliveryModeEnum().notNull(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.userId, t.group] })],
);
export type NotificationPreference = typeof notificationPreferences.$inferSelect;

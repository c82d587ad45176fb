// What agencies ask DGA for (issue 21): the managed tag list, DGA's units, the asks an analyst has tagged
// or routed, and the support requests routed to a unit. An ask's text is never copied: it is read from
// the submission narrative or eMENSCR row it comes from (source + sourceId), so it is always the agency's own.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { ASK_SOURCES, SUPPORT_REQUEST_STATUSES } from "@/core/asks/enums";
import { timestamps } from "./_columns";
import { agencies, components } from "./ecosystem";
import { periods } from "./indicators";
import { users } from "./users";

export const askSourceEnum = pgEnum("ask_source", ASK_SOURCES);
export const supportRequestStatusEnum = pgEnum("support_request_status", SUPPORT_REQUEST_STATUSES);

/** The managed list asks are tagged from (budget, staff skills…), with the keywords that suggest each tag. */
export const askTags = pgTable(
  "ask_tags",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    keywords: jsonb().$type<string[]>().notNull().default([]),
    ordinal: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [check("ask_tags_code_format", sql`${t.code} ~ '^[a-z][a-z0-9_]{1,39}$'`)],
);
export type AskTag = typeof askTags.$inferSelect;

/** DGA's units a support request can be routed to (a small managed list). */
export const dgaUnits = pgTable(
  "dga_units",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [check("dga_units_code_format", sql`${t.code} ~ '^[a-z][a-z0-9_]{1,39}$'`)],
);
export type DgaUnit = typeof dgaUnits.$inferSelect;

/**
 * An ask an analyst has acted on (confirmed its tags or routed it). Agency, period and component are
 * copied from the source row when the ask is created, so counts need no union over the sources.
 */
export const asks = pgTable(
  "asks",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    source: askSourceEnum().notNull(),
    /** submissions.id for submission sources, emenscr_progress.id for eMENSCR ones. */
    sourceId: integer().notNull(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    componentId: integer().references(() => components.id),
    tagsConfirmedAt: timestamp({ withTimezone: true }),
    tagsConfirmedById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    unique("asks_source_row").on(t.source, t.sourceId),
    index().on(t.agencyId),
    index().on(t.periodId, t.componentId),
    index().on(t.componentId),
    index().on(t.tagsConfirmedById),
  ],
);
export type Ask = typeof asks.$inferSelect;

/** The tags an analyst confirmed for an ask. */
export const askTagLinks = pgTable(
  "ask_tag_links",
  {
    askId: integer()
      .notNull()
      .references(() => asks.id, { onDelete: "cascade" }),
    tagId: integer()
      .notNull()
      .references(() => askTags.id),
  },
  (t) => [primaryKey({ columns: [t.askId, t.tagId] }), index().on(t.tagId)],
);

/** An ask routed to a DGA unit: its own status and, once answered, the answer the agency reads. */
export const supportRequests = pgTable(
  "support_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    askId: integer()
      .notNull()
      .unique()
      .references(() => asks.id),
    unitId: integer()
      .notNull()
      .references(() => dgaUnits.id),
    status: supportRequestStatusEnum().notNull().default("received"),
    /** Optimistic lock, as submissions and cases. */
    version: integer().notNull().default(1),
    answer: text(),
    routedById: integer().references(() => users.id),
    answeredById: integer().references(() => users.id),
    answeredAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index().on(t.unitId, t.status),
    index().on(t.routedById),
    index().on(t.answeredById),
    check("support_requests_answered_has_answer", sql`${t.status} <> 'answered' or (${t.answer} is not null and ${t.answeredAt} is not null)`),
  ],
);
export type SupportRequest = typeof supportRequests.$inferSelect;

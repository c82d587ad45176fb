import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, unique, type AnyPgColumn } from "drizzle-orm/pg-core";
import { bytea, timestamps } from "./_columns";
import { agencies, components } from "./ecosystem";
import { caseEventKindEnum, caseScopeEnum, caseStatusEnum, flagStatusEnum, ruleKindEnum, severityEnum } from "./enums";
import { periods } from "./indicators";
import { users } from "./users";

/** An admin-editable lagging rule; every edit bumps the version and keeps the old one in history. */
export const flagRules = pgTable("flag_rules", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  kind: ruleKindEnum().notNull(),
  version: integer().notNull().default(1),
  severity: severityEnum().notNull(),
  params: jsonb().notNull(),
  active: boolean().notNull().default(true),
  nameTh: text().notNull(),
  nameEn: text().notNull(),
  descriptionTh: text().notNull(),
  descriptionEn: text().notNull(),
  ...timestamps,
});
export type FlagRule = typeof flagRules.$inferSelect;
export type NewFlagRule = typeof flagRules.$inferInsert;

export const flagRuleVersions = pgTable(
  "flag_rule_versions",
  {
    ruleId: integer()
      .notNull()
      .references(() => flagRules.id),
    version: integer().notNull(),
    severity: severityEnum().notNull(),
    params: jsonb().notNull(),
    active: boolean().notNull(),
    changedBy: integer().references(() => users.id),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.version] })],
);

/**
 * One lagging finding. Unique per rule × agency × period × subject, so re-evaluation updates the same
 * row (idempotent). When the data recovers the flag is marked recovered, never deleted: its case
 * history stays.
 */
export const flags = pgTable(
  "flags",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ruleId: integer()
      .notNull()
      .references(() => flagRules.id),
    ruleVersion: integer().notNull(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    subjectType: text().notNull(),
    subjectKey: text().notNull(),
    /** The ecosystem component the finding concerns (its indicator, form, score or project); null for agency-wide findings. */
    componentId: integer().references(() => components.id),
    severity: severityEnum().notNull(),
    status: flagStatusEnum().notNull().default("open"),
    /** Rule, version, values, threshold, reason and source rows: enough to explain the flag. */
    evidence: jsonb().notNull(),
    /**
     * SHA-1 of what an evaluation wrote (version, severity, subject type, component, evidence), so a
     * re-evaluation finds unchanged flags by comparing this instead of reading every evidence back.
     */
    fingerprint: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    recoveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("flags_identity").on(t.ruleId, t.agencyId, t.periodId, t.subjectKey),
    index().on(t.agencyId, t.status),
    index().on(t.periodId, t.status),
    index().on(t.componentId),
  ],
);
export type Flag = typeof flags.$inferSelect;
export type NewFlag = typeof flags.$inferInsert;

export const followUpCases = pgTable(
  "follow_up_cases",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    status: caseStatusEnum().notNull().default("open"),
    assigneeId: integer().references(() => users.id),
    dueOn: date({ mode: "string" }),
    plannedActions: text(),
    resolution: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    /** Optimistic locking for concurrent edits. */
    version: integer().notNull().default(1),
    /** The ministry's or province's case this is the agency's part of (null: a case of its own). */
    groupId: integer().references((): AnyPgColumn => caseGroups.id),
    /** Escalation steps taken for the current due date (core/flags/escalation.ts); a new due date resets it. */
    escalationSteps: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [index().on(t.agencyId, t.status), index().on(t.assigneeId), index().on(t.periodId), index().on(t.groupId)],
);
export type FollowUpCase = typeof followUpCases.$inferSelect;
export type NewFollowUpCase = typeof followUpCases.$inferInsert;

/**
 * A follow-up case for a ministry (its agencies, by their nearest ministry) or a province (its agencies):
 * DGA follows up at the level that can act. Each agency's part is a follow_up_cases row with groupId set,
 * which the agency answers alone; the group closes when every part is resolved or waived.
 */
export const caseGroups = pgTable(
  "case_groups",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scope: caseScopeEnum().notNull(),
    /** The ministry (scope ministry). */
    ministryId: integer().references(() => agencies.id),
    /** The province's name as agencies.province holds it (scope province). */
    province: text(),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    status: caseStatusEnum().notNull().default("open"),
    assigneeId: integer().references(() => users.id),
    dueOn: date({ mode: "string" }),
    plannedActions: text(),
    resolution: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    escalationSteps: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [index().on(t.periodId, t.status), index().on(t.ministryId), index().on(t.province), index().on(t.assigneeId), index().on(t.createdBy)],
);
export type CaseGroup = typeof caseGroups.$inferSelect;

export const caseGroupEvents = pgTable(
  "case_group_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer()
      .notNull()
      .references(() => caseGroups.id),
    kind: caseEventKindEnum().notNull(),
    actorId: integer().references(() => users.id),
    fromStatus: caseStatusEnum(),
    toStatus: caseStatusEnum(),
    body: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.groupId), index().on(t.actorId)],
);
export type CaseGroupEvent = typeof caseGroupEvents.$inferSelect;

/**
 * What the worklist scores, per agency and quarter: kept by the flag evaluation for the agencies it
 * judged (lib/flags/summaries.ts), so a national worklist page reads a few thousand narrow rows instead of
 * grouping 50,000 flags. A row exists for every agency with any flag in the quarter (recurrence counts
 * quarters with flags, open or recovered since); open_flags = 0 when all recovered.
 */
export const agencyFlagSummaries = pgTable(
  "agency_flag_summaries",
  {
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    /** The agency's nearest ministry (null: none), for the ministry scope and roll-up. */
    ministryId: integer().references(() => agencies.id),
    openFlags: integer().notNull(),
    /** Worst open severity, 1 low … 4 critical; 0 when none is open. */
    worstRank: smallint().notNull(),
    oldestOpenAt: timestamp({ withTimezone: true }),
    /** Allocated budget of the agency's eMENSCR projects in the quarter's fiscal year (baht). */
    budgetBaht: numeric({ precision: 18, scale: 2 }).notNull().default("0"),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.periodId] }), index().on(t.periodId, t.ministryId), index().on(t.ministryId)],
);

/** The worklist's weights (core/flags/priority.ts), versioned like the rules: the highest version is in force. */
export const priorityWeightVersions = pgTable(
  "priority_weight_versions",
  {
    version: integer().primaryKey(),
    weights: jsonb().notNull(),
    changedBy: integer().references(() => users.id),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.changedBy)],
);

export const caseFlags = pgTable(
  "case_flags",
  {
    caseId: integer()
      .notNull()
      .references(() => followUpCases.id),
    flagId: integer()
      .notNull()
      .references(() => flags.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.flagId] }), index().on(t.flagId)],
);

export const caseEvents = pgTable(
  "case_events",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer()
      .notNull()
      .references(() => followUpCases.id),
    kind: caseEventKindEnum().notNull(),
    actorId: integer().references(() => users.id),
    fromStatus: caseStatusEnum(),
    toStatus: caseStatusEnum(),
    body: text(),
    /** Agency responses: the remediation plan's target date. */
    plannedBy: date({ mode: "string" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId)],
);
export type CaseEvent = typeof caseEvents.$inferSelect;

/**
 * A file attached to a follow-up case (minutes, remediation plans, proof of recovery) by an analyst or
 * the agency. Same rules as self-assessment evidence (lib/files/uploads.ts); bytes in a separate table
 * so that listing never loads them.
 */
export const caseAttachments = pgTable(
  "case_attachments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer()
      .notNull()
      .references(() => followUpCases.id),
    title: text().notNull(),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    uploadedById: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.caseId), index().on(t.uploadedById)],
);
export type CaseAttachment = typeof caseAttachments.$inferSelect;

export const caseAttachmentBlobs = pgTable("case_attachment_blobs", {
  attachmentId: integer()
    .primaryKey()
    .references(() => caseAttachments.id, { onDelete: "cascade" }),
  content: bytea().notNull(),
});

/**
 * Agencies whose lagging flags wait to be judged again, written when the derived-refresh job has rebuilt
 * their figures: the flag-evaluation job of a period claims them all at once and judges only the agencies
 * named, or the whole period where a row names none.
 */
export const flagChanges = pgTable(
  "flag_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer().notNull(),
    /** Null: the whole period. */
    agencyId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.periodId)],
);

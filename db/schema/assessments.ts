import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import {
  ANSWER_TYPES,
  EVIDENCE_KINDS,
  ITEM_KINDS,
  REVIEW_REASONS,
  SUBMISSION_ACTIONS,
  SUBMISSION_STATUSES,
} from "@/core/assessments/enums";
import { DGA_RETURN_TARGETS, INTERMEDIATE_LEVELS } from "@/core/assessments/review-chain";
import { bytea, timestamps } from "./_columns";
import { agencies, components } from "./ecosystem";
import { agencyTypeEnum } from "./enums";
import { indicators, periods } from "./indicators";
import { users } from "./users";

export const submissionStatusEnum = pgEnum("submission_status", SUBMISSION_STATUSES);
export const submissionActionEnum = pgEnum("submission_action", SUBMISSION_ACTIONS);
export const itemKindEnum = pgEnum("assessment_item_kind", ITEM_KINDS);
export const answerTypeEnum = pgEnum("answer_type", ANSWER_TYPES);
export const reviewReasonEnum = pgEnum("review_reason", REVIEW_REASONS);
export const evidenceKindEnum = pgEnum("evidence_kind", EVIDENCE_KINDS);
export const intermediateLevelEnum = pgEnum("intermediate_review_level", INTERMEDIATE_LEVELS);
export const dgaReturnTargetEnum = pgEnum("dga_return_target", DGA_RETURN_TARGETS);

/**
 * The review chain of each agency type: which intermediate level (none, the agency's ministry, its
 * province) reviews its submissions before DGA, and where a DGA return goes. Loaded with the reference
 * catalogue (core/assessments/review-chain.ts holds the defaults, which also stand for a missing row);
 * DGA administrators edit it on /admin/review-chains.
 */
export const reviewChains = pgTable(
  "review_chains",
  {
    agencyType: agencyTypeEnum().primaryKey(),
    intermediate: intermediateLevelEnum().notNull(),
    dgaReturnTo: dgaReturnTargetEnum().notNull(),
    updatedById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [index().on(t.updatedById)],
);
export type ReviewChainRow = typeof reviewChains.$inferSelect;

/** One level of a maturity scale (1–5), described in both languages. */
export interface LevelDescriptor {
  level: number;
  th: string;
  en: string;
}

/**
 * What an agency answers for a component, in versions: each row is one version of the component's form,
 * with its own items. A version applies from its effective quarter (null: from the start) until a later
 * version takes over; a submission is bound to the version effective for its period when it is created,
 * so a later edit never changes a form already filled in (lib/admin/templates.ts).
 */
export const assessmentTemplates = pgTable(
  "assessment_templates",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    version: integer().notNull().default(1),
    effectiveFromPeriodId: integer().references(() => periods.id),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    active: boolean().notNull().default(true),
    /** Loaded from the reference catalogue as a starting point for DGA to adapt (cleared once edited). */
    isStartingPoint: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    unique("assessment_templates_component_version").on(t.componentId, t.version),
    unique("assessment_templates_component_effective").on(t.componentId, t.effectiveFromPeriodId).nullsNotDistinct(),
    index().on(t.effectiveFromPeriodId),
  ],
);
export type AssessmentTemplate = typeof assessmentTemplates.$inferSelect;
export type NewAssessmentTemplate = typeof assessmentTemplates.$inferInsert;

/**
 * An item of a template. Items are deactivated, never deleted, so that past submissions keep their
 * values' meaning; `code` is stable and is what reviewers and exports refer to.
 */
export const assessmentItems = pgTable(
  "assessment_items",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    templateId: integer()
      .notNull()
      .references(() => assessmentTemplates.id),
    code: text().notNull(),
    ordinal: integer().notNull(),
    kind: itemKindEnum().notNull(),
    /** Set for indicator items; names, unit and target then come from the indicator. */
    indicatorId: integer().references(() => indicators.id),
    /** For questions (and to override an indicator's wording when set). */
    questionTh: text(),
    questionEn: text(),
    helpTh: text(),
    helpEn: text(),
    answerType: answerTypeEnum().notNull(),
    required: boolean().notNull().default(true),
    /** For level answers: what each level 1–5 means. */
    levelDescriptors: jsonb().$type<LevelDescriptor[]>(),
    /** Values outside this range are accepted with a warning and a stated reason. */
    plausibleMin: numeric({ precision: 20, scale: 4 }),
    plausibleMax: numeric({ precision: 20, scale: 4 }),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    unique("assessment_items_template_code").on(t.templateId, t.code),
    index().on(t.templateId),
    index().on(t.indicatorId),
    check("assessment_items_indicator_kind", sql`(${t.kind} = 'indicator') = (${t.indicatorId} is not null)`),
    check("assessment_items_question_text", sql`${t.kind} <> 'question' or ${t.questionTh} is not null`),
  ],
);
export type AssessmentItem = typeof assessmentItems.$inferSelect;
export type NewAssessmentItem = typeof assessmentItems.$inferInsert;

/** One agency's answer for one component in one period, with its narrative and workflow state. */
export const submissions = pgTable(
  "submissions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    templateId: integer()
      .notNull()
      .references(() => assessmentTemplates.id),
    status: submissionStatusEnum().notNull().default("draft"),
    /** Optimistic lock: every write bumps it; a write based on an older version is refused. */
    version: integer().notNull().default(1),
    /** First submitted to DGA after the period's due date; stays set through later returns. */
    late: boolean().notNull().default(false),
    progressText: text(),
    problemsText: text(),
    supportText: text(),
    createdById: integer().references(() => users.id),
    updatedById: integer().references(() => users.id),
    endorsedAt: timestamp({ withTimezone: true }),
    endorsedById: integer().references(() => users.id),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    submittedById: integer().references(() => users.id),
    returnedAt: timestamp({ withTimezone: true }),
    approvedAt: timestamp({ withTimezone: true }),
    approvedById: integer().references(() => users.id),
    /** When the current status began: the review queue's "waiting since". */
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    unique("submissions_agency_period_component").on(t.agencyId, t.periodId, t.componentId),
    index().on(t.periodId, t.status),
    // The review queues: what waits in a status, longest first.
    index().on(t.status, t.statusChangedAt),
    index().on(t.componentId),
    index().on(t.templateId),
    index().on(t.createdById),
    index().on(t.updatedById),
    index().on(t.endorsedById),
    index().on(t.submittedById),
    index().on(t.approvedById),
  ],
);
export type Submission = typeof submissions.$inferSelect;
export type NewSubmission = typeof submissions.$inferInsert;

/** The answer to one template item. Exactly one of the value columns is used, by the item's answer type. */
export const submissionValues = pgTable(
  "submission_values",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    itemId: integer()
      .notNull()
      .references(() => assessmentItems.id),
    numericValue: numeric({ precision: 20, scale: 4 }),
    levelValue: integer(),
    booleanValue: boolean(),
    textValue: text(),
    note: text(),
    /** Set when the value is outside the item's plausible range; the agency's explanation, if given. */
    outOfRange: boolean().notNull().default(false),
    outOfRangeReason: text(),
    ...timestamps,
  },
  (t) => [
    unique("submission_values_submission_item").on(t.submissionId, t.itemId),
    index().on(t.itemId),
    check("submission_values_level_range", sql`${t.levelValue} is null or ${t.levelValue} between 1 and 5`),
  ],
);
export type SubmissionValue = typeof submissionValues.$inferSelect;
export type NewSubmissionValue = typeof submissionValues.$inferInsert;

/**
 * Evidence: an uploaded file (metadata here, bytes in evidence_blobs, so listing never loads files)
 * or a link. Files are served only through an authorised route, never from the web root.
 */
export const evidence = pgTable(
  "evidence",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    itemId: integer().references(() => assessmentItems.id),
    kind: evidenceKindEnum().notNull(),
    title: text().notNull(),
    fileName: text(),
    mimeType: text(),
    sizeBytes: bigint({ mode: "number" }),
    sha256: text(),
    url: text(),
    uploadedById: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.submissionId),
    index().on(t.itemId),
    index().on(t.uploadedById),
    check("evidence_kind_fields", sql`(${t.kind} = 'file' and ${t.sha256} is not null) or (${t.kind} = 'link' and ${t.url} is not null)`),
  ],
);
export type Evidence = typeof evidence.$inferSelect;
export type NewEvidence = typeof evidence.$inferInsert;

export const evidenceBlobs = pgTable("evidence_blobs", {
  evidenceId: integer()
    .primaryKey()
    .references(() => evidence.id, { onDelete: "cascade" }),
  content: bytea().notNull(),
});

/** A reviewer's comment: on an item, on a narrative field, or (both null) on the whole submission. */
export const reviewComments = pgTable(
  "review_comments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    itemId: integer().references(() => assessmentItems.id),
    /** A narrative field name (progress/problems/support) when the comment is about one. */
    field: text(),
    reason: reviewReasonEnum().notNull(),
    comment: text().notNull(),
    authorId: integer().references(() => users.id),
    /** The submission event (the return) that carried this comment. */
    eventId: bigint({ mode: "number" }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.submissionId), index().on(t.itemId), index().on(t.authorId), index().on(t.eventId)],
);
export type ReviewComment = typeof reviewComments.$inferSelect;
export type NewReviewComment = typeof reviewComments.$inferInsert;

/** Every workflow transition, in order: the source of "time in step". */
export const submissionEvents = pgTable(
  "submission_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    action: submissionActionEnum().notNull(),
    fromStatus: submissionStatusEnum(),
    toStatus: submissionStatusEnum().notNull(),
    actorId: integer().references(() => users.id),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.submissionId, t.at), index().on(t.actorId)],
);
export type SubmissionEvent = typeof submissionEvents.$inferSelect;
export type NewSubmissionEvent = typeof submissionEvents.$inferInsert;

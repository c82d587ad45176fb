// Enumerations of the self-assessment domain, shared by the database (pgEnum in db/schema/assessments.ts),
// zod schemas and the UI. Kept beside the feature rather than in core/enums.ts so that the feature's
// schema lives in its own files; adding a value means a migration.

/**
 * draft (agency officer edits) → endorsed (agency head) → submitted (sent up the review chain) →
 * verified (passed the intermediate level: ministry or province; skipped when the chain has none) →
 * approved (locked); any review level may return it (returned: the agency corrects it and resends).
 * See core/assessments/workflow.ts for who may move it and core/assessments/review-chain.ts for levels.
 */
export const SUBMISSION_STATUSES = ["draft", "endorsed", "submitted", "verified", "returned", "approved"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const SUBMISSION_ACTIONS = ["save", "endorse", "return_to_officer", "submit", "resubmit", "return", "approve", "reopen", "verify"] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** A template item is either an indicator (its value type, unit and target come from it) or a question. */
export const ITEM_KINDS = ["indicator", "question"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Answer types of a template item; the same names as an indicator's value type. */
export const ANSWER_TYPES = ["number", "percent", "boolean", "level", "text"] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** Why a reviewer returns a field: structured, so returns can be counted by reason. */
export const REVIEW_REASONS = ["incorrect_value", "missing_evidence", "inconsistent", "unclear_narrative", "other"] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const NARRATIVE_FIELDS = ["progress", "problems", "support"] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

export const EVIDENCE_KINDS = ["file", "link"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const NOTIFICATION_KINDS = [
  "reminder_due_soon",
  "reminder_due_today",
  "reminder_overdue",
  /** To DGA analysts: one digest per period and week listing how many agencies are overdue. */
  "reminder_overdue_digest",
  "submission_returned",
  "submission_approved",
  "submission_endorsement_needed",
  /** To the intermediate reviewers (ministry or province) of the agency: a submission waits for their review. */
  "submission_review_needed",
  /** To the agency's officers and head: a lagging flag opened (or re-opened) for their agency. */
  "flag_opened",
  /** To the analyst a follow-up case was assigned to. */
  "case_assigned",
  /** To the assignee and the agency: a follow-up case passed its due date unresolved. */
  "case_overdue",
  /** To the next level of the review chain (ministry or province reviewers, then DGA): a follow-up case is overdue. */
  "case_escalated",
  /** To the asking agency's officers and head: DGA answered one of their support requests. */
  "support_request_answered",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_STATUSES = ["pending", "sent", "logged", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

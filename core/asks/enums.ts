// What agencies ask DGA for: where an ask comes from, the default tag list, support-request states.
// Shared by the database (pgEnum in db/schema/asks.ts), zod and the UI; adding a value means a migration.

/** The four free texts an ask is read from: a submission's two narratives, an eMENSCR row's two columns. */
export const ASK_SOURCES = ["submission_problems", "submission_support", "emenscr_problems", "emenscr_recommendations"] as const;
export type AskSource = (typeof ASK_SOURCES)[number];

export function isSubmissionSource(source: AskSource): boolean {
  return source === "submission_problems" || source === "submission_support";
}

/**
 * received (routed to a DGA unit) → in_progress → answered. Answering straight from received is allowed
 * (a quick answer); an answered request is closed: a new need is a new request.
 */
export const SUPPORT_REQUEST_STATUSES = ["received", "in_progress", "answered"] as const;
export type SupportRequestStatus = (typeof SUPPORT_REQUEST_STATUSES)[number];

const NEXT_STATUSES: Record<SupportRequestStatus, readonly SupportRequestStatus[]> = {
  received: ["in_progress", "answered"],
  in_progress: ["answered"],
  answered: [],
};

export function canMoveSupportRequest(from: SupportRequestStatus, to: SupportRequestStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Longest answer or tag keyword stored (characters). */
export const ANSWER_MAX_LENGTH = 4000;

// Escalating an overdue follow-up case up the review chain: an agency's case goes first to the level that
// reviews the agency (its ministry's or province's reviewer, where one applies), then to DGA; a ministry's
// or a province's case goes to DGA. One step when the due date has passed, the next after ESCALATION_STEP_DAYS
// more; each step is taken once per due date (a new due date starts again).

export const ESCALATION_LEVELS = ["ministry", "province", "dga"] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const ESCALATION_STEP_DAYS = 14;

export interface EscalationInput {
  /** agency: a case of one agency; ministry or province: the case covering its agencies. */
  scope: "agency" | "ministry" | "province";
  /** The intermediate level that reviews the agency (agency cases only). */
  reviewLevel: "none" | "ministry" | "province";
  daysOverdue: number;
  /** Steps already taken for the current due date. */
  stepsTaken: number;
}

/** The levels above the case, nearest first. */
export function escalationPath(scope: EscalationInput["scope"], reviewLevel: EscalationInput["reviewLevel"]): EscalationLevel[] {
  if (scope !== "agency" || reviewLevel === "none") return ["dga"];
  return [reviewLevel, "dga"];
}

/** The level to escalate to now, or null (not overdue, or this step was taken already). */
export function nextEscalation(input: EscalationInput): EscalationLevel | null {
  if (input.daysOverdue <= 0) return null;
  const path = escalationPath(input.scope, input.reviewLevel);
  const due = Math.min(path.length, 1 + Math.floor(input.daysOverdue / ESCALATION_STEP_DAYS));
  return input.stepsTaken < due ? path[input.stepsTaken]! : null;
}

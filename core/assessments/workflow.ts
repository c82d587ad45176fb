// The submission workflow as data: which action moves which status to which, and which permission it
// needs. Pure, so the whole table is unit-tested; the service (lib/assessments/submissions.ts) asks it
// before touching the database and adds what only the database knows (agency scope, the review level that
// applies to the agency, versions, dates).

import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import { isAgencyRole, isReviewerRole } from "@/core/enums";
import type { SubmissionAction, SubmissionStatus } from "./enums";
import { reviewLevelOf, waitingFor, type DgaReturnTarget, type IntermediateLevel } from "./review-chain";

export interface Transition {
  from: readonly SubmissionStatus[];
  to: SubmissionStatus;
  /** Any one of these permissions lets a role take the action (review actions: DGA's or the intermediate level's). */
  permissions: readonly Permission[];
  /** Actions that must say why (sending back, unlocking). */
  reasonRequired: boolean;
  /** Actions that need a complete, valid form first. */
  requiresComplete: boolean;
  /** Agency-side actions: only on one's own agency's submission. */
  agencySide: boolean;
  /** Review actions: only by the level the submission waits for (core/assessments/review-chain.ts). */
  review: boolean;
}

const agency = { agencySide: true, review: false } as const;
const review = { agencySide: false, review: true } as const;

/** Saving keeps the status; it is listed so that "who may edit in which status" lives here too. */
export const TRANSITIONS: Record<SubmissionAction, Transition> = {
  save: { from: ["draft", "returned"], to: "draft", permissions: ["submission.edit"], reasonRequired: false, requiresComplete: false, ...agency },
  endorse: { from: ["draft"], to: "endorsed", permissions: ["submission.endorse"], reasonRequired: false, requiresComplete: true, ...agency },
  return_to_officer: { from: ["endorsed"], to: "draft", permissions: ["submission.endorse"], reasonRequired: true, requiresComplete: false, ...agency },
  submit: { from: ["endorsed"], to: "submitted", permissions: ["submission.submit"], reasonRequired: false, requiresComplete: true, ...agency },
  // A returned submission was endorsed before; the fixes answer the reviewers' comments, so the agency resends it
  // (up the whole chain again: the intermediate level sees the corrected values too).
  resubmit: { from: ["returned"], to: "submitted", permissions: ["submission.submit"], reasonRequired: false, requiresComplete: true, ...agency },
  // The intermediate level (ministry or province) passes a submission on to DGA.
  verify: { from: ["submitted"], to: "verified", permissions: ["submission.verify"], reasonRequired: false, requiresComplete: false, ...review },
  // Either review level sends it back; where a DGA return goes is the chain's (see nextStatus).
  return: { from: ["submitted", "verified"], to: "returned", permissions: ["submission.review", "submission.verify"], reasonRequired: true, requiresComplete: false, ...review },
  approve: { from: ["submitted", "verified"], to: "approved", permissions: ["submission.review"], reasonRequired: false, requiresComplete: false, ...review },
  reopen: { from: ["approved"], to: "returned", permissions: ["submission.reopen"], reasonRequired: true, requiresComplete: false, agencySide: false, review: false },
};

/** The steps the workflow panel offers as buttons (saving, endorsing and resending are the form's own). */
export const PANEL_ACTIONS = ["submit", "return_to_officer", "verify", "approve", "return", "reopen"] as const satisfies readonly SubmissionAction[];
export type PanelAction = (typeof PANEL_ACTIONS)[number];

/** Statuses in which the agency may change values (saving keeps a returned submission "returned"). */
export const EDITABLE_STATUSES: readonly SubmissionStatus[] = TRANSITIONS.save.from;

export function isEditable(status: SubmissionStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export type TransitionRefusal = "forbidden" | "invalid_transition" | "locked" | "other_agency";

/** What only the database knows about the submission's agency, for review actions. */
export interface ReviewContext {
  /** The intermediate level that applies to the agency ("none": straight to DGA). */
  level: IntermediateLevel;
  /** For a ministry or provincial reviewer: the agency is within their ministry or province (and level). */
  inScope: boolean;
  /** Where a DGA return goes (the agency type's chain). */
  dgaReturnTo: DgaReturnTarget;
}

/** No intermediate level: the workflow as it was before review levels, and what agency-side checks need. */
export const DIRECT_TO_DGA: ReviewContext = { level: "none", inScope: false, dgaReturnTo: "officer" };

export interface TransitionCheck {
  action: SubmissionAction;
  status: SubmissionStatus;
  actor: Pick<Actor, "role" | "agencyId">;
  submissionAgencyId: number;
  review?: ReviewContext;
}

/**
 * Whether the actor may take the action on a submission in this status. Agency roles act only on their
 * own agency's submissions; reviewers only within their scope (anything else does not exist for them);
 * a review action only by the level the submission waits for; DGA roles never on an agency's behalf.
 */
export function checkTransition({ action, status, actor, submissionAgencyId, review: context = DIRECT_TO_DGA }: TransitionCheck): TransitionRefusal | null {
  const transition = TRANSITIONS[action];
  if (isReviewerRole(actor.role) && !context.inScope) return "other_agency";
  if (!transition.permissions.some((p) => can(actor, p))) return "forbidden";
  if (transition.agencySide && (!isAgencyRole(actor.role) || actor.agencyId !== submissionAgencyId)) return "other_agency";
  if (!transition.from.includes(status)) return status === "approved" ? "locked" : "invalid_transition";
  if (transition.review && waitingFor(status, context.level) !== reviewLevelOf(actor.role)) return "invalid_transition";
  return null;
}

/**
 * The status after an action; saving a returned submission leaves it returned. A DGA return goes back to
 * the intermediate level when the chain says so and the agency has one; every other return to the agency.
 */
export function nextStatus(action: SubmissionAction, status: SubmissionStatus, context: ReviewContext = DIRECT_TO_DGA): SubmissionStatus {
  if (action === "save") return status;
  if (action === "return" && status === "verified" && context.level !== "none" && context.dgaReturnTo === "previous_level") return "submitted";
  return TRANSITIONS[action].to;
}

/** The actions the actor could take now, for the buttons a page shows (the services re-check). */
export function availableActions(status: SubmissionStatus, actor: Pick<Actor, "role" | "agencyId">, submissionAgencyId: number, review?: ReviewContext): SubmissionAction[] {
  return (Object.keys(TRANSITIONS) as SubmissionAction[]).filter(
    (action) => checkTransition({ action, status, actor, submissionAgencyId, review }) === null,
  );
}

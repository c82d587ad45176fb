// The submission workflow as data: which action moves which status to which, and which permission it
// needs. Pure, so the whole table is unit-tested; the services (lib/assessments/transitions.ts) ask it
// before touching the database and add what only the database knows (agency scope, versions, dates).

import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import { isAgencyRole } from "@/core/enums";
import type { SubmissionAction, SubmissionStatus } from "./enums";

export interface Transition {
  from: readonly SubmissionStatus[];
  to: SubmissionStatus;
  permission: Permission;
  /** Actions that must say why (sending back, unlocking). */
  reasonRequired: boolean;
  /** Actions that need a complete, valid form first. */
  requiresComplete: boolean;
  /** Agency-side actions: only on one's own agency's submission. */
  agencySide: boolean;
}

/** Saving keeps the status; it is listed so that "who may edit in which status" lives here too. */
export const TRANSITIONS: Record<SubmissionAction, Transition> = {
  save: { from: ["draft", "returned"], to: "draft", permission: "submission.edit", reasonRequired: false, requiresComplete: false, agencySide: true },
  endorse: { from: ["draft"], to: "endorsed", permission: "submission.endorse", reasonRequired: false, requiresComplete: true, agencySide: true },
  return_to_officer: { from: ["endorsed"], to: "draft", permission: "submission.endorse", reasonRequired: true, requiresComplete: false, agencySide: true },
  submit: { from: ["endorsed"], to: "submitted", permission: "submission.submit", reasonRequired: false, requiresComplete: true, agencySide: true },
  // A returned submission was endorsed before; the fixes answer DGA's comments, so the agency resends it.
  resubmit: { from: ["returned"], to: "submitted", permission: "submission.submit", reasonRequired: false, requiresComplete: true, agencySide: true },
  return: { from: ["submitted"], to: "returned", permission: "submission.review", reasonRequired: true, requiresComplete: false, agencySide: false },
  approve: { from: ["submitted"], to: "approved", permission: "submission.review", reasonRequired: false, requiresComplete: false, agencySide: false },
  reopen: { from: ["approved"], to: "returned", permission: "submission.reopen", reasonRequired: true, requiresComplete: false, agencySide: false },
};

/** Statuses in which the agency may change values (saving keeps a returned submission "returned"). */
export const EDITABLE_STATUSES: readonly SubmissionStatus[] = TRANSITIONS.save.from;

export function isEditable(status: SubmissionStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

export type TransitionRefusal = "forbidden" | "invalid_transition" | "locked" | "other_agency";

export interface TransitionCheck {
  action: SubmissionAction;
  status: SubmissionStatus;
  actor: Pick<Actor, "role" | "agencyId">;
  submissionAgencyId: number;
}

/**
 * Whether the actor may take the action on a submission in this status. Agency roles act only on their
 * own agency's submissions; DGA roles act only on the DGA side, never on an agency's behalf.
 */
export function checkTransition({ action, status, actor, submissionAgencyId }: TransitionCheck): TransitionRefusal | null {
  const transition = TRANSITIONS[action];
  if (!can(actor, transition.permission)) return "forbidden";
  if (transition.agencySide && (!isAgencyRole(actor.role) || actor.agencyId !== submissionAgencyId)) return "other_agency";
  if (!transition.from.includes(status)) return status === "approved" ? "locked" : "invalid_transition";
  return null;
}

/** The status after an action; saving a returned submission leaves it returned. */
export function nextStatus(action: SubmissionAction, status: SubmissionStatus): SubmissionStatus {
  if (action === "save") return status;
  return TRANSITIONS[action].to;
}

/** The actions the actor could take now, for the buttons a page shows (the services re-check). */
export function availableActions(status: SubmissionStatus, actor: Pick<Actor, "role" | "agencyId">, submissionAgencyId: number): SubmissionAction[] {
  return (Object.keys(TRANSITIONS) as SubmissionAction[]).filter(
    (action) => checkTransition({ action, status, actor, submissionAgencyId }) === null,
  );
}

import { describe, expect, it } from "vitest";
import { SUBMISSION_ACTIONS, SUBMISSION_STATUSES, type SubmissionAction, type SubmissionStatus } from "@/core/assessments/enums";
import { availableActions, checkTransition, isEditable, nextStatus, type TransitionRefusal } from "@/core/assessments/workflow";
import { ROLES, type Role } from "@/core/enums";

const OWN = 7;
const actorFor = (role: Role, agencyId: number | null = role.startsWith("agency") ? OWN : null) => ({ role, agencyId });

/** The whole policy, written out: [action, from status, role] → allowed. Anything not listed is refused. */
const ALLOWED: [SubmissionAction, SubmissionStatus, Role][] = [
  ["save", "draft", "agency_officer"],
  ["save", "draft", "agency_head"],
  ["save", "returned", "agency_officer"],
  ["save", "returned", "agency_head"],
  ["endorse", "draft", "agency_head"],
  ["return_to_officer", "endorsed", "agency_head"],
  ["submit", "endorsed", "agency_officer"],
  ["submit", "endorsed", "agency_head"],
  ["resubmit", "returned", "agency_officer"],
  ["resubmit", "returned", "agency_head"],
  ["return", "submitted", "analyst"],
  ["return", "submitted", "admin"],
  ["approve", "submitted", "analyst"],
  ["approve", "submitted", "admin"],
  ["reopen", "approved", "admin"],
];

describe("submission workflow", () => {
  const cases = SUBMISSION_ACTIONS.flatMap((action) =>
    SUBMISSION_STATUSES.flatMap((status) => ROLES.map((role) => [action, status, role] as const)),
  );
  it.each(cases)("%s from %s by %s", (action, status, role) => {
    const allowed = ALLOWED.some(([a, s, r]) => a === action && s === status && r === role);
    const refusal = checkTransition({ action, status, actor: actorFor(role), submissionAgencyId: OWN });
    expect(refusal === null, `refusal=${refusal}`).toBe(allowed);
  });

  it("refuses agency roles on another agency's submission, whatever the status", () => {
    for (const [action, status, role] of ALLOWED.filter(([, , r]) => r.startsWith("agency"))) {
      expect(checkTransition({ action, status, actor: actorFor(role, OWN + 1), submissionAgencyId: OWN })).toBe<TransitionRefusal>("other_agency");
    }
  });

  it("locks approved submissions for everyone but an admin reopening them", () => {
    for (const action of ["save", "submit", "resubmit", "return", "approve", "endorse"] as const) {
      for (const role of ROLES) {
        const refusal = checkTransition({ action, status: "approved", actor: actorFor(role), submissionAgencyId: OWN });
        expect(refusal).not.toBeNull();
      }
    }
    expect(checkTransition({ action: "save", status: "approved", actor: actorFor("agency_officer"), submissionAgencyId: OWN })).toBe("locked");
    expect(checkTransition({ action: "reopen", status: "approved", actor: actorFor("analyst"), submissionAgencyId: OWN })).toBe("forbidden");
  });

  it.each<[SubmissionAction, SubmissionStatus, SubmissionStatus]>([
    ["save", "draft", "draft"],
    ["save", "returned", "returned"],
    ["endorse", "draft", "endorsed"],
    ["return_to_officer", "endorsed", "draft"],
    ["submit", "endorsed", "submitted"],
    ["resubmit", "returned", "submitted"],
    ["return", "submitted", "returned"],
    ["approve", "submitted", "approved"],
    ["reopen", "approved", "returned"],
  ])("%s moves %s to %s", (action, from, to) => {
    expect(nextStatus(action, from)).toBe(to);
  });

  it("lists the buttons each role gets", () => {
    expect(availableActions("draft", actorFor("agency_officer"), OWN)).toEqual(["save"]);
    expect(availableActions("draft", actorFor("agency_head"), OWN)).toEqual(["save", "endorse"]);
    expect(availableActions("submitted", actorFor("analyst"), OWN)).toEqual(["return", "approve"]);
    expect(availableActions("submitted", actorFor("executive"), OWN)).toEqual([]);
    expect(isEditable("endorsed")).toBe(false);
    expect(isEditable("returned")).toBe(true);
  });
});

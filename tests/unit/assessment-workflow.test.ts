import { describe, expect, it } from "vitest";
import { SUBMISSION_ACTIONS, SUBMISSION_STATUSES, type SubmissionAction, type SubmissionStatus } from "@/core/assessments/enums";
import { availableActions, checkTransition, isEditable, nextStatus, type ReviewContext, type TransitionRefusal } from "@/core/assessments/workflow";
import { timeByLevel, waitingFor } from "@/core/assessments/review-chain";
import { ROLES, type Role } from "@/core/enums";

const OWN = 7;
const actorFor = (role: Role, agencyId: number | null = role.startsWith("agency") ? OWN : role === "ministry_reviewer" ? 3 : null) => ({ role, agencyId });

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
  // Verified, and no intermediate level applies any more (its reviewer left): DGA's.
  ["return", "verified", "analyst"],
  ["return", "verified", "admin"],
  ["approve", "verified", "analyst"],
  ["approve", "verified", "admin"],
  ["reopen", "approved", "admin"],
];

/** With a ministry level in scope of the reviewer: what changes against the table above (the agency side does not). */
const WITH_MINISTRY: ReviewContext = { level: "ministry", inScope: true, dgaReturnTo: "officer" };
const ALLOWED_WITH_MINISTRY: [SubmissionAction, SubmissionStatus, Role][] = [
  ...ALLOWED.filter(([action, , role]) => !["return", "approve"].includes(action) || role === "agency_head" || role === "agency_officer"),
  ["verify", "submitted", "ministry_reviewer"],
  ["return", "submitted", "ministry_reviewer"],
  ["return", "verified", "analyst"],
  ["return", "verified", "admin"],
  ["approve", "verified", "analyst"],
  ["approve", "verified", "admin"],
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

  describe("with an intermediate level", () => {
    const cases = SUBMISSION_ACTIONS.flatMap((action) => SUBMISSION_STATUSES.flatMap((status) => ROLES.map((role) => [action, status, role] as const)));
    it.each(cases)("%s from %s by %s (ministry level)", (action, status, role) => {
      const allowed = ALLOWED_WITH_MINISTRY.some(([a, s, r]) => a === action && s === status && r === role);
      const refusal = checkTransition({ action, status, actor: actorFor(role), submissionAgencyId: OWN, review: WITH_MINISTRY });
      expect(refusal === null, `refusal=${refusal}`).toBe(allowed);
    });

    it("treats a reviewer outside their scope as if the submission did not exist", () => {
      for (const action of ["verify", "return", "approve"] as const) {
        for (const role of ["ministry_reviewer", "province_reviewer"] as const) {
          expect(checkTransition({ action, status: "submitted", actor: actorFor(role), submissionAgencyId: OWN, review: { ...WITH_MINISTRY, inScope: false } })).toBe("other_agency");
        }
      }
      // A provincial reviewer in scope of a ministry-level agency cannot be: the level is not theirs.
      expect(checkTransition({ action: "verify", status: "submitted", actor: actorFor("province_reviewer"), submissionAgencyId: OWN, review: WITH_MINISTRY })).toBe("invalid_transition");
    });

    it("sends a DGA return to the officer, or back to the ministry when the chain says so", () => {
      expect(nextStatus("return", "verified", WITH_MINISTRY)).toBe("returned");
      expect(nextStatus("return", "verified", { ...WITH_MINISTRY, dgaReturnTo: "previous_level" })).toBe("submitted");
      // The intermediate level's own return always goes to the agency; so does DGA's where no level applies.
      expect(nextStatus("return", "submitted", { ...WITH_MINISTRY, dgaReturnTo: "previous_level" })).toBe("returned");
      expect(nextStatus("return", "verified", { level: "none", inScope: false, dgaReturnTo: "previous_level" })).toBe("returned");
      expect(nextStatus("verify", "submitted", WITH_MINISTRY)).toBe("verified");
    });

    it("says who holds the submission, and for how long at each level", () => {
      expect(waitingFor("submitted", "ministry")).toBe("ministry");
      expect(waitingFor("submitted", "none")).toBe("dga");
      expect(waitingFor("verified", "province")).toBe("dga");
      expect(waitingFor("returned", "ministry")).toBe("agency");
      expect(waitingFor("approved", "ministry")).toBeNull();
      const day = (d: number) => new Date(Date.UTC(2026, 10, d));
      const events = [
        { toStatus: "draft" as const, at: day(1) },
        { toStatus: "endorsed" as const, at: day(3) },
        { toStatus: "submitted" as const, at: day(4) },
        { toStatus: "returned" as const, at: day(6) },
        { toStatus: "submitted" as const, at: day(7) },
        { toStatus: "verified" as const, at: day(8) },
        { toStatus: "approved" as const, at: day(11) },
      ];
      const DAY = 86_400_000;
      expect(timeByLevel(events, "ministry", day(20))).toEqual({ agency: 4 * DAY, ministry: 3 * DAY, dga: 3 * DAY });
      expect(timeByLevel(events, "none", day(20))).toEqual({ agency: 4 * DAY, dga: 6 * DAY });
    });

    it("offers the ministry reviewer verify and return, and DGA nothing until it is verified", () => {
      expect(availableActions("submitted", actorFor("ministry_reviewer"), OWN, WITH_MINISTRY)).toEqual(["verify", "return"]);
      expect(availableActions("submitted", actorFor("analyst"), OWN, WITH_MINISTRY)).toEqual([]);
      expect(availableActions("verified", actorFor("analyst"), OWN, WITH_MINISTRY)).toEqual(["return", "approve"]);
    });
  });
});

// The review chain of a submission: agency (officer, head) → an intermediate level (a ministry or a
// province, by agency type) → DGA. Pure: the database keeps one chain per agency type (review_chains),
// the services work out which level applies to one agency, and the workflow table asks these functions.

import { AGENCY_TYPES, type AgencyType, type Role } from "@/core/enums";
import type { SubmissionStatus } from "./enums";

/** The level between an agency and DGA that a chain names: none, the agency's ministry, or its province. */
export const INTERMEDIATE_LEVELS = ["none", "ministry", "province"] as const;
export type IntermediateLevel = (typeof INTERMEDIATE_LEVELS)[number];

/** Where a DGA return goes: back to the intermediate level (when the chain has one) or to the agency's officer. */
export const DGA_RETURN_TARGETS = ["previous_level", "officer"] as const;
export type DgaReturnTarget = (typeof DGA_RETURN_TARGETS)[number];

export interface ReviewChain {
  intermediate: IntermediateLevel;
  dgaReturnTo: DgaReturnTarget;
}

/**
 * The starting chains: local administrations are reviewed by their province; departments, public
 * organisations and the other bodies under a ministry by that ministry; a ministry's own submission
 * goes straight to DGA. DGA administrators change them on /admin/review-chains.
 */
export const DEFAULT_REVIEW_CHAINS: Readonly<Record<AgencyType, ReviewChain>> = {
  ministry: { intermediate: "none", dgaReturnTo: "officer" },
  department: { intermediate: "ministry", dgaReturnTo: "officer" },
  public_organization: { intermediate: "ministry", dgaReturnTo: "officer" },
  state_enterprise: { intermediate: "ministry", dgaReturnTo: "officer" },
  independent_agency: { intermediate: "none", dgaReturnTo: "officer" },
  local_administration: { intermediate: "province", dgaReturnTo: "officer" },
  other: { intermediate: "ministry", dgaReturnTo: "officer" },
};

/** Stored chains over the defaults: a type without a row keeps its default. */
export function completeChains(rows: readonly ({ agencyType: AgencyType } & ReviewChain)[]): Record<AgencyType, ReviewChain> {
  const chains = Object.fromEntries(AGENCY_TYPES.map((t) => [t, { ...DEFAULT_REVIEW_CHAINS[t] }])) as Record<AgencyType, ReviewChain>;
  for (const row of rows) chains[row.agencyType] = { intermediate: row.intermediate, dgaReturnTo: row.dgaReturnTo };
  return chains;
}

/** The agency types whose chain names this intermediate level. */
export function typesReviewedAt(chains: Readonly<Record<AgencyType, ReviewChain>>, level: Exclude<IntermediateLevel, "none">): AgencyType[] {
  return AGENCY_TYPES.filter((t) => chains[t].intermediate === level);
}

/** Who acts on a submission in review: an intermediate level or DGA. */
export type ReviewLevel = Exclude<IntermediateLevel, "none"> | "dga";

/** The review level a role works at; null for roles that do not review. */
export function reviewLevelOf(role: Role): ReviewLevel | null {
  switch (role) {
    case "ministry_reviewer":
      return "ministry";
    case "province_reviewer":
      return "province";
    case "admin":
    case "analyst":
      return "dga";
    default:
      return null;
  }
}

/**
 * Who the submission waits for now. `level` is the intermediate level that applies to its agency (see
 * lib/assessments/review-scope.ts: the chain names it and a reviewer holds it, otherwise "none").
 */
export function waitingFor(status: SubmissionStatus, level: IntermediateLevel): "agency" | ReviewLevel | null {
  switch (status) {
    case "draft":
    case "endorsed":
    case "returned":
      return "agency";
    case "submitted":
      return level === "none" ? "dga" : level;
    case "verified":
      return "dga";
    case "approved":
      return null;
  }
}

/** Total time spent in each status, from the event history (the current step runs until now). */
export function timeInSteps(events: readonly { toStatus: SubmissionStatus; at: Date }[], now: Date = new Date()): Partial<Record<SubmissionStatus, number>> {
  const totals: Partial<Record<SubmissionStatus, number>> = {};
  events.forEach((event, index) => {
    const end = events[index + 1]?.at ?? now;
    totals[event.toStatus] = (totals[event.toStatus] ?? 0) + Math.max(0, end.getTime() - event.at.getTime());
  });
  return totals;
}

/**
 * Total time at each level (the agency, the intermediate level, DGA), from the event history: what a
 * reviewer and DGA read as "who held it how long". An approved submission's last step adds nothing.
 */
export function timeByLevel(events: readonly { toStatus: SubmissionStatus; at: Date }[], level: IntermediateLevel, now: Date = new Date()): Partial<Record<"agency" | ReviewLevel, number>> {
  const totals: Partial<Record<"agency" | ReviewLevel, number>> = {};
  events.forEach((event, index) => {
    const holder = waitingFor(event.toStatus, level);
    if (!holder) return;
    const end = events[index + 1]?.at ?? now;
    totals[holder] = (totals[holder] ?? 0) + Math.max(0, end.getTime() - event.at.getTime());
  });
  return totals;
}

/** The levels in the order a submission climbs them, for tables. */
export const HOLDERS = ["agency", "ministry", "province", "dga"] as const satisfies readonly ("agency" | ReviewLevel)[];

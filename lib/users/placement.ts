import type { Actor } from "@/core/auth/actor";
import { userAdminRefusal, type AgencyPlace } from "@/core/auth/user-admin";
import { isAgencyRole, type Role } from "@/core/enums";

/** Where an account would sit, as the form or an uploaded row asks. */
export interface RequestedPlacement {
  role: Role;
  agencyCode?: string;
  province?: string;
  managesUsers: boolean;
}

export type PlacementField = "role" | "agencyCode" | "province" | "managesUsers";

/** Why the account cannot sit there. `scope` problems are refusals (the caller may not), the others bad input. */
export interface PlacementProblem {
  field: PlacementField;
  reason: string;
  scope: boolean;
}

export interface Placement {
  agencyId: number | null;
  province: string | null;
}

/**
 * Checks a requested role, agency and province: what each role needs (an agency for agency roles, a
 * ministry for a ministry reviewer, a province for a provincial reviewer), then whether the actor may put
 * an account there (core/auth/user-admin.ts). `agency` is the looked-up agency: undefined when the code
 * names none, null when no code was given.
 */
export function checkPlacement(
  actor: Actor,
  requested: RequestedPlacement,
  agency: (AgencyPlace & { active: boolean }) | null | undefined,
): { placement: Placement; problems: PlacementProblem[] } {
  const problems: PlacementProblem[] = [];
  const bad = (field: PlacementField, reason: string) => problems.push({ field, reason, scope: false });
  const { role } = requested;
  if (agency === undefined) bad("agencyCode", "unknown_agency");
  else if (agency && !agency.active) bad("agencyCode", "agency_inactive");
  const needsAgency = isAgencyRole(role) || role === "ministry_reviewer";
  if (needsAgency && agency === null) bad("agencyCode", "agency_required");
  if (role === "ministry_reviewer" && agency && agency.type !== "ministry") bad("agencyCode", "not_a_ministry");
  if (role === "province_reviewer" && !requested.province) bad("province", "province_required");
  if (requested.managesUsers && role !== "ministry_reviewer" && role !== "province_reviewer") bad("managesUsers", "right_needs_reviewer");
  // A provincial reviewer belongs to a province, not an agency; every other role to no province.
  const placement: Placement = {
    agencyId: role === "province_reviewer" ? null : (agency?.id ?? null),
    province: role === "province_reviewer" ? (requested.province ?? null) : null,
  };
  if (!problems.length) {
    const refusal = userAdminRefusal(actor, { role, agency: role === "province_reviewer" ? null : (agency ?? null), province: placement.province, managesUsers: requested.managesUsers });
    if (refusal === "role_not_grantable" || refusal === "no_scope") problems.push({ field: "role", reason: "role_not_grantable", scope: true });
    else if (refusal === "right_not_grantable") problems.push({ field: "managesUsers", reason: "right_not_grantable", scope: true });
    else if (refusal === "outside_scope") problems.push({ field: "agencyCode", reason: "agency_outside_scope", scope: true });
  }
  return { placement, problems };
}

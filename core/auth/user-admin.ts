import type { Actor } from "./actor";
import { ROLES, type AgencyType, type Role } from "@/core/enums";

/**
 * Delegated user administration: the one rule of who may invite, change and deactivate which accounts.
 *
 * - A DGA administrator: every account, every role.
 * - An agency head: the officers of their own agency.
 * - A ministry reviewer with the managesUsers right: heads and officers of the agencies under their
 *   ministry (the parentId chain, the ministry itself excluded).
 * - A provincial reviewer with the managesUsers right: heads and officers of the local administrations of
 *   their province.
 * Nobody grants a role above their own or an agency outside their scope, and nobody manages their own account.
 */
export type UserAdminScope =
  | { kind: "all" }
  | { kind: "agency"; agencyId: number }
  | { kind: "ministry"; ministryId: number }
  | { kind: "province"; province: string };

/** What the rule needs to know about an agency: its place in the hierarchy. */
export interface AgencyPlace {
  id: number;
  type: AgencyType;
  province: string | null;
  /** Every agency above it through parentId, nearest first. */
  ancestorIds: readonly number[];
}

/** An account as it is, or as someone wants it to be. */
export interface AccountPlace {
  id?: number;
  role: Role;
  /** Null for roles without an agency. */
  agency: AgencyPlace | null;
  /** Only for province reviewers. */
  province?: string | null;
  managesUsers?: boolean;
}

type ScopeActor = Pick<Actor, "role" | "agencyId" | "province" | "managesUsers">;

/** The accounts the actor administers, or null when they administer none. */
export function userAdminScope(actor: ScopeActor): UserAdminScope | null {
  switch (actor.role) {
    case "admin":
      return { kind: "all" };
    case "agency_head":
      return actor.agencyId ? { kind: "agency", agencyId: actor.agencyId } : null;
    case "ministry_reviewer":
      return actor.managesUsers && actor.agencyId ? { kind: "ministry", ministryId: actor.agencyId } : null;
    case "province_reviewer":
      return actor.managesUsers && actor.province ? { kind: "province", province: actor.province } : null;
    default:
      return null;
  }
}

const SCOPED_ADMIN_GRANTS = ["agency_head", "agency_officer"] as const satisfies readonly Role[];
const HEAD_GRANTS = ["agency_officer"] as const satisfies readonly Role[];

/** The roles the actor may give (and whose holders they may manage). */
export function grantableRoles(actor: ScopeActor): readonly Role[] {
  const scope = userAdminScope(actor);
  if (!scope) return [];
  if (scope.kind === "all") return ROLES;
  return scope.kind === "agency" ? HEAD_GRANTS : SCOPED_ADMIN_GRANTS;
}

/** Whether an agency lies within a scope. */
export function agencyWithinScope(scope: UserAdminScope, agency: AgencyPlace | null): boolean {
  if (scope.kind === "all") return true;
  if (!agency) return false;
  switch (scope.kind) {
    case "agency":
      return agency.id === scope.agencyId;
    case "ministry":
      return agency.ancestorIds.includes(scope.ministryId);
    case "province":
      return agency.type === "local_administration" && agency.province === scope.province;
  }
}

export type UserAdminRefusal = "no_scope" | "own_account" | "role_not_grantable" | "outside_scope" | "right_not_grantable";

/**
 * Whether the actor may hold `account` in their hands: invite it, move it there, or (given the account as it
 * is stored) deactivate it. Null when allowed, else why not.
 */
export function userAdminRefusal(actor: ScopeActor & Pick<Actor, "id">, account: AccountPlace): UserAdminRefusal | null {
  const scope = userAdminScope(actor);
  if (!scope) return "no_scope";
  if (account.id !== undefined && account.id === actor.id) return "own_account";
  if (!grantableRoles(actor).includes(account.role)) return "role_not_grantable";
  // The administrator's right is given by DGA only.
  if (account.managesUsers && scope.kind !== "all") return "right_not_grantable";
  if (!agencyWithinScope(scope, account.agency)) return "outside_scope";
  return null;
}

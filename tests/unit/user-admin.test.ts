import { describe, expect, it } from "vitest";
import type { Actor } from "@/core/auth/actor";
import { grantableRoles, userAdminRefusal, userAdminScope, type AccountPlace, type AgencyPlace } from "@/core/auth/user-admin";
import type { Role } from "@/core/enums";

// The hierarchy: ministry 1 ▸ department 2 ▸ division 3; ministry 10 ▸ department 11; local administrations
// 20 (Chiang Mai) and 21 (Lampang).
const agency = (id: number, ancestorIds: number[], type: AgencyPlace["type"] = "department", province: string | null = null): AgencyPlace => ({ id, type, province, ancestorIds });
const A = {
  ministry: agency(1, [], "ministry"),
  dept: agency(2, [1]),
  division: agency(3, [2, 1]),
  otherDept: agency(11, [10]),
  chiangMai: agency(20, [], "local_administration", "เชียงใหม่"),
  lampang: agency(21, [], "local_administration", "ลำปาง"),
  chiangMaiDept: agency(22, [], "department", "เชียงใหม่"),
};

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({ id: 100, email: "a@x", name: "a", role, agencyId: null, agencyCode: null, locale: "th", ...extra });
const ACTORS = {
  admin: actor("admin"),
  head: actor("agency_head", { agencyId: 2 }),
  officer: actor("agency_officer", { agencyId: 2 }),
  analyst: actor("analyst"),
  ministryAdmin: actor("ministry_reviewer", { agencyId: 1, managesUsers: true }),
  ministryReviewer: actor("ministry_reviewer", { agencyId: 1, managesUsers: false }),
  provinceAdmin: actor("province_reviewer", { province: "เชียงใหม่", managesUsers: true }),
  provinceReviewer: actor("province_reviewer", { province: "เชียงใหม่" }),
};
type Who = keyof typeof ACTORS;

const account = (role: Role, place: AgencyPlace | null, extra: Partial<AccountPlace> = {}): AccountPlace => ({ role, agency: place, ...extra });

// who, the account, and the answer (null: allowed).
const CASES: [Who, string, AccountPlace, ReturnType<typeof userAdminRefusal>][] = [
  ["admin", "an analyst", account("analyst", null), null],
  ["admin", "a ministry administrator", account("ministry_reviewer", A.ministry, { managesUsers: true }), null],
  ["head", "an officer of their agency", account("agency_officer", A.dept), null],
  ["head", "an officer of another agency", account("agency_officer", A.otherDept), "outside_scope"],
  ["head", "an officer of the division under their agency", account("agency_officer", A.division), "outside_scope"],
  ["head", "another head of their agency (a role not below theirs)", account("agency_head", A.dept), "role_not_grantable"],
  ["head", "an admin", account("admin", null), "role_not_grantable"],
  ["head", "their own account", account("agency_officer", A.dept, { id: 100 }), "own_account"],
  ["officer", "an officer of their agency", account("agency_officer", A.dept), "no_scope"],
  ["analyst", "an officer", account("agency_officer", A.dept), "no_scope"],
  ["ministryAdmin", "a head of a department under the ministry", account("agency_head", A.dept), null],
  ["ministryAdmin", "an officer two levels down", account("agency_officer", A.division), null],
  ["ministryAdmin", "a head in another ministry", account("agency_head", A.otherDept), "outside_scope"],
  ["ministryAdmin", "a head of the ministry itself", account("agency_head", A.ministry), "outside_scope"],
  ["ministryAdmin", "another ministry reviewer", account("ministry_reviewer", A.ministry), "role_not_grantable"],
  ["ministryAdmin", "a head given the administrator's right", account("agency_head", A.dept, { managesUsers: true }), "right_not_grantable"],
  ["ministryReviewer", "a head under the ministry (no managesUsers right)", account("agency_head", A.dept), "no_scope"],
  ["provinceAdmin", "a head of a local administration of the province", account("agency_head", A.chiangMai), null],
  ["provinceAdmin", "a head of a local administration of another province", account("agency_head", A.lampang), "outside_scope"],
  ["provinceAdmin", "a head of a department located in the province", account("agency_head", A.chiangMaiDept), "outside_scope"],
  ["provinceAdmin", "an analyst", account("analyst", null), "role_not_grantable"],
  ["provinceReviewer", "a head of a local administration of the province", account("agency_head", A.chiangMai), "no_scope"],
];

describe("user administration: who may manage which account", () => {
  it.each(CASES)("%s → %s", (who, _what, target, expected) => {
    expect(userAdminRefusal(ACTORS[who], target)).toBe(expected);
  });

  it("grants no role above one's own", () => {
    expect(grantableRoles(ACTORS.head)).toEqual(["agency_officer"]);
    expect(grantableRoles(ACTORS.ministryAdmin)).toEqual(["agency_head", "agency_officer"]);
    expect(grantableRoles(ACTORS.provinceAdmin)).toEqual(["agency_head", "agency_officer"]);
    expect(grantableRoles(ACTORS.officer)).toEqual([]);
    expect(grantableRoles(ACTORS.admin)).toContain("admin");
  });

  it("gives reviewers a scope only with the managesUsers right", () => {
    expect(userAdminScope(ACTORS.ministryReviewer)).toBeNull();
    expect(userAdminScope(ACTORS.ministryAdmin)).toEqual({ kind: "ministry", ministryId: 1 });
    expect(userAdminScope(ACTORS.provinceAdmin)).toEqual({ kind: "province", province: "เชียงใหม่" });
    expect(userAdminScope(ACTORS.head)).toEqual({ kind: "agency", agencyId: 2 });
  });
});

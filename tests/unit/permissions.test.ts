import { describe, expect, it } from "vitest";
import type { Actor } from "@/core/auth/actor";
import { adminSectionsFor, navigationFor } from "@/lib/auth/navigation";
import { can, canViewAgency, type Permission } from "@/core/auth/permissions";
import { ROLES, type Role } from "@/core/enums";

const actor = (role: Role, agencyId: number | null = null): Actor => ({
  id: 1,
  email: "x@example.test",
  name: "x",
  role,
  agencyId,
  agencyCode: agencyId ? `A${agencyId}` : null,
  locale: "th",
});

describe("permissions", () => {
  it.each<[Permission, Role, boolean]>([
    ["admin.users", "admin", true],
    ["admin.users", "analyst", false],
    ["admin.users", "executive", false],
    ["admin.users", "agency_head", false],
    ["admin.audit", "agency_officer", false],
    ["agency.view_all", "analyst", true],
    ["agency.view_all", "executive", true],
    ["agency.view_all", "agency_head", false],
    ["agency.view_all", "agency_officer", false],
    ["dashboard.view", "agency_officer", true],
    ["import.run", "analyst", true],
    ["import.run", "admin", true],
    ["import.run", "executive", false],
    ["import.run", "agency_head", false],
    ["import.run", "agency_officer", false],
    ["import.view", "executive", true],
    ["import.view", "agency_officer", false],
    // Review levels (issue 19): reviewers verify and see their queue; they neither approve nor see every agency.
    ["submission.verify", "ministry_reviewer", true],
    ["submission.verify", "province_reviewer", true],
    ["submission.verify", "analyst", false],
    ["submission.review", "ministry_reviewer", false],
    ["review.queue", "province_reviewer", true],
    ["review.queue", "executive", false],
    ["agency.view_all", "ministry_reviewer", false],
    ["admin.review_chains", "admin", true],
    ["admin.review_chains", "analyst", false],
  ])("%s for %s is %s", (permission, role, expected) => {
    expect(can(actor(role), permission)).toBe(expected);
  });

  it("lets agency roles view only their own agency", () => {
    expect(canViewAgency(actor("agency_officer", 7), 7)).toBe(true);
    expect(canViewAgency(actor("agency_officer", 7), 8)).toBe(false);
    expect(canViewAgency(actor("agency_head", 7), 8)).toBe(false);
    expect(canViewAgency(actor("executive"), 8)).toBe(true);
  });

  it("builds the navigation from the permissions: officers get their agency, admins the admin pages", () => {
    expect(navigationFor(actor("agency_officer", 7)).map((i) => i.href)).toEqual(["/", "/map", "/indicators", "/agencies/A7", "/lagging", "/reports", "/notifications"]);
    expect(navigationFor(actor("admin")).map((i) => i.href)).toEqual([
      "/",
      "/map",
      "/indicators",
      "/agencies",
      "/lagging",
      "/asks",
      "/imports",
      "/review",
      "/completeness",
      "/reports",
      "/team",
      "/notifications",
      "/admin",
    ]);
    // Delegated user administration: a head manages their officers; a reviewer only with the managesUsers right.
    expect(navigationFor(actor("agency_head", 7)).map((i) => i.href)).toContain("/team");
    expect(navigationFor({ ...actor("ministry_reviewer", 7), managesUsers: true }).map((i) => i.href)).toContain("/team");
    expect(navigationFor(actor("ministry_reviewer", 7)).map((i) => i.href)).not.toContain("/team");
    expect(navigationFor(actor("executive")).map((i) => i.href)).not.toContain("/admin");
  });

  it("lists under /admin only the administration pages the role may open", () => {
    expect(adminSectionsFor(actor("admin")).map((i) => i.href)).toEqual([
      "/admin/templates",
      "/admin/targets",
      "/admin/indicators",
      "/admin/sroi",
      "/admin/agencies",
      "/admin/periods",
      "/admin/platforms",
      "/admin/components",
      "/admin/rules",
      "/admin/review-chains",
      "/admin/asks",
      "/admin/users",
      "/admin/audit",
      "/admin/jobs",
      "/admin/api-tokens",
    ]);
    expect(adminSectionsFor(actor("analyst")).map((i) => i.href)).toEqual(["/admin/templates", "/admin/targets", "/admin/indicators", "/admin/sroi", "/admin/periods"]);
    expect(navigationFor(actor("analyst")).map((i) => i.href)).toContain("/admin");
    for (const role of ["executive", "agency_head", "agency_officer"] as const) expect(adminSectionsFor(actor(role, 7))).toEqual([]);
  });
});

describe("navigation words", () => {
  const at = (messages: unknown, key: string) => key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], messages);
  const everyone = ROLES.map((role) => ({ ...actor(role, 1), province: "เชียงใหม่", managesUsers: true }));

  it("name every menu entry and describe every administration page, in Thai and English", async () => {
    const [th, en] = [(await import("@/messages/th.json")).default, (await import("@/messages/en.json")).default];
    const sections = new Set(everyone.flatMap((a) => adminSectionsFor(a).map((s) => s.key)));
    const entries = new Set(everyone.flatMap((a) => navigationFor(a).map((s) => s.key)));
    const missing = [th, en].flatMap((messages, i) => [
      ...[...sections].filter((k) => typeof at(messages, `adminIndex.descriptions.${k}`) !== "string").map((k) => `${i ? "en" : "th"} adminIndex.descriptions.${k}`),
      ...[...sections, ...entries].filter((k) => typeof at(messages, `nav.${k}`) !== "string").map((k) => `${i ? "en" : "th"} nav.${k}`),
    ]);
    expect(missing).toEqual([]);
  });
});

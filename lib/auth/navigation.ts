import { isAgencyRole } from "@/core/enums";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { userAdminScope } from "@/core/auth/user-admin";

/** The administration pages the actor may open, as message keys under "nav." (listed on /admin). */
export function adminSectionsFor(actor: Actor): { href: string; key: string }[] {
  const items: { href: string; key: string }[] = [];
  if (can(actor, "admin.templates")) items.push({ href: "/admin/templates", key: "templates" }, { href: "/admin/targets", key: "targets" });
  if (can(actor, "admin.catalogue")) items.push({ href: "/admin/indicators", key: "manageIndicators" }, { href: "/admin/sroi", key: "manageSroi" });
  if (can(actor, "admin.master_data")) items.push({ href: "/admin/agencies", key: "manageAgencies" });
  // Analysts open the periods page to reopen a closed quarter; administrators also set deadlines and roll the year over.
  if (can(actor, "period.reopen")) items.push({ href: "/admin/periods", key: "periods" });
  if (can(actor, "admin.master_data")) items.push({ href: "/admin/platforms", key: "managePlatforms" }, { href: "/admin/components", key: "manageComponents" });
  if (can(actor, "flags.rules")) items.push({ href: "/admin/rules", key: "rules" });
  if (can(actor, "admin.review_chains")) items.push({ href: "/admin/review-chains", key: "reviewChains" });
  if (can(actor, "asks.admin")) items.push({ href: "/admin/asks", key: "askLists" });
  if (can(actor, "admin.users")) items.push({ href: "/admin/users", key: "users" });
  if (can(actor, "admin.audit")) items.push({ href: "/admin/audit", key: "audit" });
  if (can(actor, "admin.jobs")) items.push({ href: "/admin/jobs", key: "jobs" });
  if (can(actor, "admin.api_tokens")) items.push({ href: "/admin/api-tokens", key: "apiTokens" });
  return items;
}

/**
 * Navigation entries as message keys under "nav."; derived from the permission table, never by role name.
 * The administration pages share one entry, /admin, which lists those the actor may open.
 */
export function navigationFor(actor: Actor): { href: string; key: string }[] {
  const items = [{ href: "/", key: "home" }];
  if (can(actor, "dashboard.view")) items.push({ href: "/map", key: "map" });
  if (can(actor, "indicator.view")) items.push({ href: "/indicators", key: "indicators" });
  if (can(actor, "agency.view_all")) items.push({ href: "/agencies", key: "agencies" });
  else if (isAgencyRole(actor.role) && actor.agencyCode) items.push({ href: `/agencies/${actor.agencyCode}`, key: "myAgency" });
  if (can(actor, "flags.view")) items.push({ href: "/lagging", key: "lagging" });
  if (can(actor, "asks.view")) items.push({ href: "/asks", key: "asks" });
  if (can(actor, "import.view")) items.push({ href: "/imports", key: "imports" });
  if (can(actor, "review.queue")) items.push({ href: "/review", key: "review" });
  if (can(actor, "completeness.view")) items.push({ href: "/completeness", key: "completeness" });
  if (can(actor, "report.export")) items.push({ href: "/reports", key: "reports" });
  if (userAdminScope(actor)) items.push({ href: "/team", key: "team" });
  items.push({ href: "/notifications", key: "notifications" });
  if (adminSectionsFor(actor).length) items.push({ href: "/admin", key: "admin" });
  return items;
}

import { isAgencyRole } from "@/lib/domain/enums";
import type { Actor } from "./actor";
import { can } from "./permissions";

/** Navigation entries as message keys under "nav."; derived from the permission table, never by role name. */
export function navigationFor(actor: Actor): { href: string; key: string }[] {
  const items = [{ href: "/", key: "home" }];
  if (can(actor, "indicator.view")) items.push({ href: "/indicators", key: "indicators" });
  if (can(actor, "agency.view_all")) items.push({ href: "/agencies", key: "agencies" });
  else if (isAgencyRole(actor.role) && actor.agencyCode) items.push({ href: `/agencies/${actor.agencyCode}`, key: "myAgency" });
  if (can(actor, "flags.view")) items.push({ href: "/lagging", key: "lagging" });
  if (can(actor, "import.view")) items.push({ href: "/imports", key: "imports" });
  if (can(actor, "submission.review")) items.push({ href: "/review", key: "review" });
  if (can(actor, "completeness.view")) items.push({ href: "/completeness", key: "completeness" });
  if (can(actor, "report.export")) items.push({ href: "/reports", key: "reports" });
  items.push({ href: "/notifications", key: "notifications" });
  if (can(actor, "admin.templates")) items.push({ href: "/admin/templates", key: "templates" });
  if (can(actor, "admin.master_data")) items.push({ href: "/admin/agencies", key: "manageAgencies" }, { href: "/admin/periods", key: "periods" });
  if (can(actor, "flags.rules")) items.push({ href: "/admin/rules", key: "rules" });
  if (can(actor, "admin.users")) items.push({ href: "/admin/users", key: "users" });
  if (can(actor, "admin.audit")) items.push({ href: "/admin/audit", key: "audit" });
  return items;
}

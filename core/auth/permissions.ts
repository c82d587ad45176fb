import { isAgencyRole, type Role } from "@/core/enums";
import type { Actor } from "./actor";

/**
 * Which role may do what. One table, read by guards, navigation and the authorization tests;
 * nothing else decides access by comparing role names.
 */
export const PERMISSIONS = {
  /** National aggregates and the ecosystem overview. */
  "dashboard.view": ["admin", "analyst", "executive", "agency_head", "agency_officer", "ministry_reviewer", "province_reviewer"],
  /** Every agency's profile and list (agency roles see only their own). */
  "agency.view_all": ["admin", "analyst", "executive"],
  "indicator.view": ["admin", "analyst", "executive", "agency_head", "agency_officer", "ministry_reviewer", "province_reviewer"],
  /** Lagging flags and follow-up cases (agency roles: their own agency's only). */
  "flags.view": ["admin", "analyst", "executive", "agency_head", "agency_officer"],
  /** Open, assign, progress, resolve or waive follow-up cases; re-evaluate flags on demand. */
  "flags.manage": ["admin", "analyst"],
  /** Answer a case of one's own agency with an explanation and a remediation plan. */
  "flags.respond": ["agency_head", "agency_officer"],
  /** Edit lagging rules (each edit is a new version). */
  "flags.rules": ["admin"],
  "admin.users": ["admin"],
  /**
   * Invite, deactivate and upload the accounts within one's scope (/team). Reviewers need the managesUsers
   * right as well, and the scope itself is core/auth/user-admin.ts's rule, checked by every service.
   */
  "users.manage": ["admin", "agency_head", "ministry_reviewer", "province_reviewer"],
  "admin.audit": ["admin"],
  /** The background job queue: what waits, runs and failed (with retry), and undelivered e-mail. */
  "admin.jobs": ["admin"],
  /** Issue and revoke the API tokens of external systems (/admin/api-tokens). */
  "admin.api_tokens": ["admin"],
  /** Upload, preview, commit and roll back eMENSCR imports; edit mapping profiles, agency aliases, component rules. */
  "import.run": ["admin", "analyst"],
  /** The import history (who imported which file when, with what result). */
  "import.view": ["admin", "analyst", "executive"],
  /**
   * Self-assessment submissions: agency roles see their own agency's, reviewers those of the agencies they
   * review (lib/assessments/review-scope.ts), DGA roles every agency's.
   */
  "submission.view": ["admin", "analyst", "executive", "agency_head", "agency_officer", "ministry_reviewer", "province_reviewer"],
  /** Fill in and save a draft (or a returned submission) of one's own agency. */
  "submission.edit": ["agency_officer", "agency_head"],
  /** The agency head's sign-off before a submission goes to DGA, or sending it back to the officer. */
  "submission.endorse": ["agency_head"],
  /** Send an endorsed (or returned) submission of one's own agency to DGA. */
  "submission.submit": ["agency_officer", "agency_head"],
  /** DGA review: the queue, returning with comments, approving what passed the intermediate level. */
  "submission.review": ["admin", "analyst"],
  /** The intermediate level (a ministry's or a province's reviewer): verifying for DGA, or returning with comments. */
  "submission.verify": ["ministry_reviewer", "province_reviewer"],
  /** The review queue of one's level (/review): DGA's, or a ministry's or province's. */
  "review.queue": ["admin", "analyst", "ministry_reviewer", "province_reviewer"],
  /** Which level reviews each agency type's submissions, and where a DGA return goes. */
  "admin.review_chains": ["admin"],
  /** Confirm a value held as implausible, so that it counts in the figures. */
  "facts.confirm": ["admin", "analyst"],
  /** Unlock an approved submission, with a reason. */
  "submission.reopen": ["admin"],
  /** Completeness and timeliness across agencies, and the overdue list. */
  "completeness.view": ["admin", "analyst", "executive"],
  /** Generate and download quarterly reports (agency roles: their own agency's report only). */
  "report.export": ["admin", "analyst", "executive", "agency_head", "agency_officer"],
  /** Assessment templates and targets: what agencies answer and against what. */
  "admin.templates": ["admin", "analyst"],
  /**
   * The indicator catalogue: create, edit the dictionary, start a new version of a definition, retire,
   * delete one nothing uses yet. Analysts define what is measured, as they do templates and targets.
   */
  "admin.catalogue": ["admin", "analyst"],
  /** Agencies, their component tags and DGA role, reporting periods, user accounts; platforms, components and elements. */
  "admin.master_data": ["admin"],
  /** What agencies ask DGA for (/asks): every agency's asks, counts and support requests. Agencies read their own on their profile. */
  "asks.view": ["admin", "analyst", "executive"],
  /** Confirm an ask's tags, route it to a DGA unit as a support request, move and answer requests. */
  "asks.manage": ["admin", "analyst"],
  /** The tag list and DGA's units that support requests are routed to. */
  "asks.admin": ["admin"],
  /** Reopen a closed quarter for agencies' work, with a reason. */
  "period.reopen": ["admin", "analyst"],
  /** Publish a closed quarter's approved aggregates as open data (CSV, JSON, public scorecard). */
  "opendata.publish": ["admin", "analyst"],
  /** Take a quarter's open data down again, with a reason. */
  "opendata.withdraw": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/**
 * Agency roles see their own agency only; DGA-wide roles see every agency. Reviewers' scope needs the
 * hierarchy (lib/assessments/review-scope.ts): not decided here.
 */
export function canViewAgency(actor: Pick<Actor, "role" | "agencyId">, agencyId: number): boolean {
  if (isAgencyRole(actor.role)) return actor.agencyId === agencyId;
  return can(actor, "agency.view_all");
}

// THE AUTHORIZATION MATRIX: what every page, route handler and server action answers to each kind of
// caller. tests/authz/endpoints.test.ts fails for an endpoint found in the code without a row here (and
// for a row whose endpoint is gone); e2e/authz/http-matrix.spec.ts requests every page and route handler
// over HTTP, tests/authz/server-actions.test.ts calls every server action, each as all seven subjects.
//
// Expected outcomes are written by hand, never derived from core/auth/permissions.ts: the table is the
// specification the permission table and the services are checked against.
//
// Sample requests point at records of the agency officer's own agency (DOPA, 03002), created by
// tests/authz/fixtures.ts; `{name}` is replaced by that fixture, `$subject` by the subject asking.
import { DEMO_USERS } from "../../scripts/seed/data/users";
import type { HttpMethod } from "./discover";

export const SUBJECTS = [
  "signed_out",
  "admin",
  "analyst",
  "executive",
  "agency_head",
  "agency_officer",
  "other_agency_officer",
  "ministry_reviewer",
  "province_reviewer",
  "other_ministry_reviewer",
] as const;
/**
 * Who asks: signed out, each role (agency roles of DOPA), the officer of another agency (Revenue), the
 * reviewer of DOPA's ministry (Interior), a provincial reviewer (Chiang Mai: DOPA is no local
 * administration of theirs) and the reviewer of another ministry (Digital Economy): the last two are
 * out of scope of every DOPA record.
 */
export type Subject = (typeof SUBJECTS)[number];

/**
 * Who calls the versioned API (/api/v1) with a bearer token instead of a session: a national token, the
 * token of DOPA's ministry (Interior), DOPA's own, the token of another ministry (Digital Economy), and
 * a national token that has expired and one that was revoked (tests/authz/api-tokens.test.ts). National and
 * agency tokens may post figures; the ministry tokens only read.
 */
export const TOKEN_SUBJECTS = ["national_token", "ministry_token", "agency_token", "other_ministry_token", "expired_token", "revoked_token"] as const;
export type TokenSubject = (typeof TOKEN_SUBJECTS)[number];
export type TokenExpectations = Readonly<Record<TokenSubject, Outcome>>;

export const OWN_AGENCY = "03002";
export const OTHER_AGENCY = "02003";
/** DOPA's ministry (Interior), and a ministry DOPA is not under (Digital Economy and Society). */
export const OWN_MINISTRY = "03000";
export const OTHER_MINISTRY = "04000";

/** The demo user a subject signs in as (null: signed out). */
export function demoEmailOf(subject: Subject): string | null {
  if (subject === "signed_out") return null;
  const agencyCode = subject === "other_agency_officer" ? OTHER_AGENCY : subject === "ministry_reviewer" ? OWN_MINISTRY : subject === "other_ministry_reviewer" ? OTHER_MINISTRY : OWN_AGENCY;
  const role = subject === "other_agency_officer" ? "agency_officer" : subject === "other_ministry_reviewer" ? "ministry_reviewer" : subject;
  const user = DEMO_USERS.find((u) => u.role === role && (u.agencyCode === agencyCode || !["agency_head", "agency_officer", "ministry_reviewer"].includes(role)));
  if (!user) throw new Error(`no demo user for ${subject}`);
  return user.email;
}

/**
 * - ok: served (page 200, route 2xx, action success)
 * - invalid: got past authorization and was refused for its (deliberately invalid) input or the
 *   record's state (route 400/409/413/415/422, action error other than the ones below)
 * - allowed: ok or invalid (the result depends on what an earlier allowed caller changed)
 * - signin: redirected to /signin?callbackUrl=<the requested path>
 * - redirect:<path>: redirected to that path
 * - unauthenticated / forbidden / not_found: 401 / 403 / 404, or the action state of that name
 */
export type Outcome = "ok" | "invalid" | "allowed" | "signin" | `redirect:${string}` | "unauthenticated" | "forbidden" | "not_found";
export type Expectations = Readonly<Record<Subject, Outcome>>;
export type Fixtures = Record<string, string>;

export interface PageEntry {
  page: string;
  /** The URL requested (placeholders allowed). */
  path: string;
  expect: Expectations;
}

export interface RouteEntry {
  route: string;
  method: HttpMethod;
  path: string;
  /** Sent as multipart form data. */
  form?: Record<string, string>;
  expect: Expectations;
  /** State-changing handlers: the same request from another site, by this (allowed) subject, is refused. */
  crossOrigin?: { subject: Subject; expect: Outcome };
  /** /api/v1 routes: what each token subject is answered (every route there but its public description). */
  tokens?: TokenExpectations;
  /** Sent as a JSON body (token subjects). */
  json?: unknown;
}

export interface ActionEntry {
  /** `<module path>#<export>`. */
  action: string;
  /** Form actions: the FormData fields (`(previousState, formData)`). */
  form?: Record<string, string | string[]>;
  /** Other server functions: the arguments. */
  args?: unknown[];
  expect: Expectations;
}

export type MatrixEntry = PageEntry | RouteEntry | ActionEntry;

// Recurring rows, spelled out once. Read them as the specification, not as a shorthand for PERMISSIONS.
const REVIEWERS_OK = { ministry_reviewer: "ok", province_reviewer: "ok", other_ministry_reviewer: "ok" } as const;
const REVIEWERS_FORBIDDEN = { ministry_reviewer: "forbidden", province_reviewer: "forbidden", other_ministry_reviewer: "forbidden" } as const;
const REVIEWERS_NOT_FOUND = { ministry_reviewer: "not_found", province_reviewer: "not_found", other_ministry_reviewer: "not_found" } as const;
/** The own agency's submission: its ministry's reviewer reviews it; the other reviewers must not learn it exists. */
const REVIEWERS_IN_SCOPE = { ...REVIEWERS_NOT_FOUND, ministry_reviewer: "ok" } as const;
const PAGE_EVERY_ROLE: Expectations = { signed_out: "signin", admin: "ok", analyst: "ok", executive: "ok", agency_head: "ok", agency_officer: "ok", other_agency_officer: "ok", ...REVIEWERS_OK };
/** Pages of agencies and DGA staff, not of reviewers (lagging follow-up, reports). */
const PAGE_NOT_REVIEWERS: Expectations = { ...PAGE_EVERY_ROLE, ...REVIEWERS_FORBIDDEN };
/** A page about the own agency's record: another agency's officer must not learn it exists (nor a reviewer: agency profiles are not theirs). */
const PAGE_OWN_AGENCY_RECORD: Expectations = { ...PAGE_EVERY_ROLE, other_agency_officer: "not_found", ...REVIEWERS_NOT_FOUND };
/** The own agency's lagging flags, cases and reports: reviewers lack the permission. */
const PAGE_OWN_AGENCY_FOLLOW_UP: Expectations = { ...PAGE_OWN_AGENCY_RECORD, ...REVIEWERS_FORBIDDEN };
/** Public pages: answered to everyone, signed out included. */
const PAGE_PUBLIC: Expectations = { ...PAGE_EVERY_ROLE, signed_out: "ok" };
const PAGE_ADMIN: Expectations = {
  signed_out: "signin",
  admin: "ok",
  analyst: "forbidden",
  executive: "forbidden",
  agency_head: "forbidden",
  agency_officer: "forbidden",
  other_agency_officer: "forbidden",
  ...REVIEWERS_FORBIDDEN,
};
const PAGE_ADMIN_ANALYST: Expectations = { ...PAGE_ADMIN, analyst: "ok" };
const PAGE_DGA: Expectations = { ...PAGE_ADMIN_ANALYST, executive: "ok" };

const API_EVERY_ROLE: Expectations = { signed_out: "unauthenticated", admin: "ok", analyst: "ok", executive: "ok", agency_head: "ok", agency_officer: "ok", other_agency_officer: "ok", ...REVIEWERS_OK };
const API_OWN_AGENCY_RECORD: Expectations = { ...API_EVERY_ROLE, other_agency_officer: "not_found", ...REVIEWERS_NOT_FOUND };
/** The own agency's follow-up and report records: reviewers lack the permission. */
const API_OWN_AGENCY_FOLLOW_UP: Expectations = { ...API_OWN_AGENCY_RECORD, ...REVIEWERS_FORBIDDEN };
const API_PUBLIC: Expectations = { ...API_EVERY_ROLE, signed_out: "ok" };
/** The versioned API answers bearer tokens only: a session, whoever's, is not a token. */
const API_TOKEN_ONLY: Expectations = {
  signed_out: "unauthenticated",
  admin: "unauthenticated",
  analyst: "unauthenticated",
  executive: "unauthenticated",
  agency_head: "unauthenticated",
  agency_officer: "unauthenticated",
  other_agency_officer: "unauthenticated",
  ministry_reviewer: "unauthenticated",
  province_reviewer: "unauthenticated",
  other_ministry_reviewer: "unauthenticated",
};
/** Dead tokens open nothing. */
const DEAD_TOKENS = { expired_token: "unauthenticated", revoked_token: "unauthenticated" } as const;
/** Catalogue and lists that every live token reads (lists narrowed to its scope). */
const TOKENS_EVERY_LIVE: TokenExpectations = { national_token: "ok", ministry_token: "ok", agency_token: "ok", other_ministry_token: "ok", ...DEAD_TOKENS };
/** Questions about DOPA: its ministry's token and its own answer; another ministry's is refused as out of scope. */
const TOKENS_OWN_AGENCY: TokenExpectations = { ...TOKENS_EVERY_LIVE, other_ministry_token: "forbidden" };

/** Form actions and state-changing handlers refused to everyone but these roles. */
const refusedExcept = (allowed: Partial<Record<Subject, Outcome>>): Expectations => ({
  signed_out: "unauthenticated",
  admin: "forbidden",
  analyst: "forbidden",
  executive: "forbidden",
  agency_head: "forbidden",
  agency_officer: "forbidden",
  other_agency_officer: "forbidden",
  ...REVIEWERS_FORBIDDEN,
  ...allowed,
});

const submissionPath = "/submissions/{agency}/{period}/{component}";

const newIndicatorForm = {
  code: "AUTHZ-$subject",
  nameTh: "ตัวชี้วัดทดสอบสิทธิ์",
  nameEn: "Authorization test indicator",
  componentCode: "{component}",
  definitionTh: "นิยามทดสอบสิทธิ์",
  definitionEn: "Authorization test definition",
  unitTh: "ครั้ง",
  unitEn: "times",
  direction: "higher",
  aggregation: "mean",
  valueType: "number",
};

export const MATRIX: readonly MatrixEntry[] = [
  // ───────────────────────────── pages ─────────────────────────────
  { page: "/", path: "/", expect: PAGE_EVERY_ROLE },
  {
    page: "/signin",
    path: "/signin",
    expect: {
      signed_out: "ok",
      admin: "redirect:/",
      analyst: "redirect:/",
      executive: "redirect:/",
      agency_head: "redirect:/",
      agency_officer: "redirect:/",
      other_agency_officer: "redirect:/",
      ministry_reviewer: "redirect:/",
      province_reviewer: "redirect:/",
      other_ministry_reviewer: "redirect:/",
    },
  },
  // Open to anyone: the one-time token in the link is what authorizes (an unknown one is told so, 200).
  // Open to anyone: asking for a reset link (the same page whoever asks).
  { page: "/forgot-password", path: "/forgot-password", expect: { ...PAGE_EVERY_ROLE, signed_out: "ok" } },
  { page: "/set-password", path: "/set-password?token=not-a-token", expect: { ...PAGE_EVERY_ROLE, signed_out: "ok" } },
  // Open data and the public scorecard: anyone, signed in or not (the fixtures publish 2569Q4).
  { page: "/open-data", path: "/open-data", expect: PAGE_PUBLIC },
  { page: "/scorecard", path: "/scorecard", expect: PAGE_PUBLIC },
  { page: "/scorecard/[fy]/[quarter]", path: "/scorecard/{publishedYear}/{publishedQuarter}", expect: PAGE_PUBLIC },
  { page: "/indicators", path: "/indicators", expect: PAGE_EVERY_ROLE },
  { page: "/indicators/[code]", path: "/indicators/{indicator}", expect: PAGE_EVERY_ROLE },
  { page: "/components/[code]", path: "/components/{component}", expect: PAGE_EVERY_ROLE },
  // The ecosystem map: national structure for every role (agency roles see agencies as counts, and no ministry filter).
  { page: "/map", path: "/map?ministry=03000&agencies=upstream", expect: PAGE_EVERY_ROLE },
  {
    page: "/agencies",
    path: "/agencies",
    // Agency roles are sent to their own agency's profile; reviewers have no agency list.
    expect: { ...PAGE_DGA, agency_head: "redirect:/agencies/{agency}", agency_officer: "redirect:/agencies/{agency}", other_agency_officer: "redirect:/agencies/{otherAgency}" },
  },
  { page: "/agencies/[code]", path: "/agencies/{agency}", expect: PAGE_OWN_AGENCY_RECORD },
  { page: "/lagging", path: "/lagging", expect: PAGE_NOT_REVIEWERS },
  { page: "/lagging/[agency]", path: "/lagging/{agency}?period={period}", expect: PAGE_OWN_AGENCY_FOLLOW_UP },
  // A case of the own agency: also read (read-only) by its ministry's reviewer, whom escalation notices send there.
  { page: "/cases/[id]", path: "/cases/{case}", expect: { ...PAGE_OWN_AGENCY_RECORD, ...REVIEWERS_IN_SCOPE } },
  // A ministry's case: DGA and that ministry's reviewer; agencies see only their own part (a case page).
  {
    page: "/cases/group/[id]",
    path: "/cases/group/{group}",
    expect: { signed_out: "signin", admin: "ok", analyst: "ok", executive: "ok", agency_head: "not_found", agency_officer: "not_found", other_agency_officer: "not_found", ...REVIEWERS_IN_SCOPE },
  },
  // The own agency's submission: its ministry's reviewer reviews it (issue 19); other reviewers: 404.
  { page: "/submissions/[agency]/[period]/[component]", path: submissionPath, expect: { ...PAGE_OWN_AGENCY_RECORD, ...REVIEWERS_IN_SCOPE } },
  // Each review level's queue: DGA's, a ministry's, a province's.
  { page: "/review", path: "/review", expect: { ...PAGE_ADMIN_ANALYST, ...REVIEWERS_OK } },
  { page: "/completeness", path: "/completeness", expect: PAGE_DGA },
  { page: "/imports", path: "/imports", expect: PAGE_DGA },
  { page: "/imports/rules", path: "/imports/rules", expect: PAGE_ADMIN_ANALYST },
  { page: "/reports", path: "/reports", expect: PAGE_NOT_REVIEWERS },
  { page: "/reports/[id]/print", path: "/reports/{report}/print", expect: PAGE_OWN_AGENCY_FOLLOW_UP },
  {
    page: "/reports/[id]/print",
    // Chromium's one-time token: a wrong one opens nothing, signed in or not.
    path: "/reports/{report}/print?token=not-a-valid-token",
    expect: { signed_out: "not_found", admin: "not_found", analyst: "not_found", executive: "not_found", agency_head: "not_found", agency_officer: "not_found", other_agency_officer: "not_found", ...REVIEWERS_NOT_FOUND },
  },
  { page: "/notifications", path: "/notifications", expect: PAGE_EVERY_ROLE },
  // Everyone's own e-mail preferences.
  { page: "/settings/notifications", path: "/settings/notifications", expect: PAGE_EVERY_ROLE },
  // What agencies ask DGA for, every agency's: DGA staff; an agency reads its own on its profile (/agencies/[code]).
  { page: "/asks", path: "/asks?period={period}", expect: PAGE_DGA },
  // Everyone who follows up lagging may read its rules; only an admin edits them (checked by the action).
  { page: "/admin/rules", path: "/admin/rules", expect: PAGE_NOT_REVIEWERS },
  { page: "/admin", path: "/admin", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/templates", path: "/admin/templates", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/targets", path: "/admin/targets", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/targets/import", path: "/admin/targets/import", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/agencies", path: "/admin/agencies", expect: PAGE_ADMIN },
  { page: "/admin/agencies/[code]", path: "/admin/agencies/{agency}", expect: PAGE_ADMIN },
  { page: "/admin/agencies/import", path: "/admin/agencies/import", expect: PAGE_ADMIN },
  // Analysts open it to reopen a closed quarter; deadlines and the fiscal-year rollover stay with admins (actions).
  { page: "/admin/periods", path: "/admin/periods", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/users", path: "/admin/users", expect: PAGE_ADMIN },
  // Which level reviews each agency type's submissions: DGA administrators.
  { page: "/admin/review-chains", path: "/admin/review-chains", expect: PAGE_ADMIN },
  { page: "/admin/asks", path: "/admin/asks", expect: PAGE_ADMIN },
  { page: "/admin/audit", path: "/admin/audit", expect: PAGE_ADMIN },
  // Delegated user administration: DGA administrators everyone, an agency head their officers (and, with the
  // managesUsers right, ministry and provincial reviewers their scope — tests/integration/user-administration.test.ts).
  { page: "/team", path: "/team", expect: { ...PAGE_ADMIN, agency_head: "ok" } },
  { page: "/team/import", path: "/team/import", expect: { ...PAGE_ADMIN, agency_head: "ok" } },
  { page: "/admin/jobs", path: "/admin/jobs", expect: PAGE_ADMIN },
  // Tokens of external systems: administrators only. The API reference is public, like the OpenAPI document.
  { page: "/admin/api-tokens", path: "/admin/api-tokens", expect: PAGE_ADMIN },
  { page: "/api-docs", path: "/api-docs", expect: { ...PAGE_EVERY_ROLE, signed_out: "ok" } },
  // The catalogue: everyone reads the platforms; analysts edit indicators with admins, platforms and components are an admin's.
  { page: "/platforms", path: "/platforms", expect: PAGE_EVERY_ROLE },
  { page: "/platforms/[code]", path: "/platforms/{platform}", expect: PAGE_EVERY_ROLE },
  { page: "/admin/indicators", path: "/admin/indicators", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/indicators/[code]", path: "/admin/indicators/{indicator}", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/sroi", path: "/admin/sroi", expect: PAGE_ADMIN_ANALYST },
  { page: "/admin/platforms", path: "/admin/platforms", expect: PAGE_ADMIN },
  { page: "/admin/components", path: "/admin/components", expect: PAGE_ADMIN },

  // ───────────────────────────── route handlers ─────────────────────────────
  { route: "/api/health", method: "GET", path: "/api/health", expect: API_PUBLIC },
  { route: "/open-data/[fy]/[file]", method: "GET", path: "/open-data/{publishedYear}/Q{publishedQuarter}.csv", expect: API_PUBLIC },
  { route: "/open-data/dictionary.json", method: "GET", path: "/open-data/dictionary.json", expect: API_PUBLIC },
  { route: "/api/auth/[...nextauth]", method: "GET", path: "/api/auth/session", expect: API_PUBLIC },
  {
    route: "/api/auth/[...nextauth]",
    method: "POST",
    // A sign-in without next-auth's CSRF token (what another site could send) signs no one in.
    path: "/api/auth/callback/credentials",
    form: { email: "officer@lamnam.demo", password: "Lamnam-demo-2569" },
    expect: {
      signed_out: "redirect:/api/auth/signin?csrf=true",
      admin: "redirect:/api/auth/signin?csrf=true",
      analyst: "redirect:/api/auth/signin?csrf=true",
      executive: "redirect:/api/auth/signin?csrf=true",
      agency_head: "redirect:/api/auth/signin?csrf=true",
      agency_officer: "redirect:/api/auth/signin?csrf=true",
      other_agency_officer: "redirect:/api/auth/signin?csrf=true",
      ministry_reviewer: "redirect:/api/auth/signin?csrf=true",
      province_reviewer: "redirect:/api/auth/signin?csrf=true",
      other_ministry_reviewer: "redirect:/api/auth/signin?csrf=true",
    },
    crossOrigin: { subject: "signed_out", expect: "redirect:/api/auth/signin?csrf=true" },
  },
  { route: "/api/agencies/[code]", method: "GET", path: "/api/agencies/{agency}", expect: API_OWN_AGENCY_RECORD },
  // The pickers' search: every role may ask; agency roles only ever find their own agency.
  { route: "/api/agencies", method: "GET", path: "/api/agencies?q=0&kind=any", expect: API_EVERY_ROLE },
  { route: "/api/measures", method: "GET", path: "/api/measures?locale=en", expect: API_EVERY_ROLE },
  { route: "/api/dashboard/overview", method: "GET", path: "/api/dashboard/overview?period={period}", expect: API_EVERY_ROLE },
  { route: "/api/dashboard/components/[code]", method: "GET", path: "/api/dashboard/components/{component}?period={period}", expect: API_EVERY_ROLE },
  { route: "/api/dashboard/agencies/[code]", method: "GET", path: "/api/dashboard/agencies/{agency}?period={period}", expect: API_OWN_AGENCY_RECORD },
  { route: "/api/dashboard/provenance", method: "GET", path: "/api/dashboard/provenance?indicator={indicator}&period={period}&agency={agency}", expect: API_OWN_AGENCY_RECORD },
  // Reviewers open the evidence of the submissions they review.
  { route: "/api/evidence/[id]", method: "GET", path: "/api/evidence/{evidence}", expect: { ...API_OWN_AGENCY_RECORD, ...REVIEWERS_IN_SCOPE } },
  {
    route: "/api/evidence/[id]",
    method: "DELETE",
    // Each subject deletes its own link of the DOPA draft; refused deletes must leave theirs in place.
    path: "/api/evidence/{disposableEvidence.$subject}",
    expect: refusedExcept({ agency_head: "ok", agency_officer: "ok", other_agency_officer: "not_found" }),
    crossOrigin: { subject: "agency_officer", expect: "forbidden" },
  },
  {
    route: "/api/submissions/[id]/evidence",
    method: "POST",
    path: "/api/submissions/{submission}/evidence",
    form: { title: "เพิ่มโดย $subject", url: "https://example.org/authz/added-by-$subject" },
    expect: refusedExcept({ agency_head: "ok", agency_officer: "ok", other_agency_officer: "not_found" }),
    crossOrigin: { subject: "agency_officer", expect: "forbidden" },
  },
  // Read by whoever reads the case: its ministry's reviewer too; other reviewers cannot tell it exists.
  { route: "/api/case-attachments/[id]", method: "GET", path: "/api/case-attachments/{caseAttachment}", expect: { ...API_OWN_AGENCY_RECORD, ...REVIEWERS_IN_SCOPE } },
  {
    route: "/api/cases/[id]/attachments",
    method: "POST",
    // No file in the form: an allowed caller is told the file is missing and nothing is attached.
    path: "/api/cases/{case}/attachments",
    form: { title: "แนบโดย $subject" },
    expect: refusedExcept({ admin: "invalid", analyst: "invalid", agency_head: "invalid", agency_officer: "invalid", other_agency_officer: "not_found" }),
    crossOrigin: { subject: "agency_officer", expect: "forbidden" },
  },
  { route: "/api/reports/[id]", method: "GET", path: "/api/reports/{report}", expect: API_OWN_AGENCY_FOLLOW_UP },
  { route: "/api/reports/[id]/file", method: "GET", path: "/api/reports/{report}/file", expect: API_OWN_AGENCY_FOLLOW_UP },
  // Imports: the form is empty, so an allowed caller is told what is missing and nothing is written.
  { route: "/api/imports/preview", method: "POST", path: "/api/imports/preview", form: {}, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }), crossOrigin: { subject: "analyst", expect: "forbidden" } },
  { route: "/api/imports/commit", method: "POST", path: "/api/imports/commit", form: {}, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }), crossOrigin: { subject: "analyst", expect: "forbidden" } },
  { route: "/api/imports/fix-list", method: "POST", path: "/api/imports/fix-list", form: {}, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }), crossOrigin: { subject: "analyst", expect: "forbidden" } },
  { route: "/api/admin/agencies/import", method: "POST", path: "/api/admin/agencies/import", form: {}, expect: refusedExcept({ admin: "invalid" }), crossOrigin: { subject: "admin", expect: "forbidden" } },
  { route: "/api/admin/agencies/import/template", method: "GET", path: "/api/admin/agencies/import/template", expect: refusedExcept({ admin: "ok" }) },
  { route: "/api/team/import", method: "POST", path: "/api/team/import", form: {}, expect: refusedExcept({ admin: "invalid", agency_head: "invalid" }), crossOrigin: { subject: "agency_head", expect: "forbidden" } },
  { route: "/api/team/import/template", method: "GET", path: "/api/team/import/template", expect: refusedExcept({ admin: "ok", agency_head: "ok" }) },
  { route: "/api/admin/targets/import", method: "POST", path: "/api/admin/targets/import", form: {}, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }), crossOrigin: { subject: "analyst", expect: "forbidden" } },
  { route: "/api/admin/targets/import/template", method: "GET", path: "/api/admin/targets/import/template", expect: refusedExcept({ admin: "ok", analyst: "ok" }) },

  // ───────────────────────────── the versioned API (bearer tokens) ─────────────────────────────
  // Its description is public; everything else answers tokens only (403 outside a token's scope, whether or not the code exists).
  { route: "/api/v1/openapi.json", method: "GET", path: "/api/v1/openapi.json", expect: API_PUBLIC },
  { route: "/api/v1/components", method: "GET", path: "/api/v1/components", expect: API_TOKEN_ONLY, tokens: TOKENS_EVERY_LIVE },
  { route: "/api/v1/indicators", method: "GET", path: "/api/v1/indicators", expect: API_TOKEN_ONLY, tokens: TOKENS_EVERY_LIVE },
  { route: "/api/v1/figures", method: "GET", path: "/api/v1/figures?scope=agency&code={agency}&period={period}", expect: API_TOKEN_ONLY, tokens: TOKENS_OWN_AGENCY },
  {
    route: "/api/v1/figures",
    method: "GET",
    // The national figure is a national token's only.
    path: "/api/v1/figures?scope=nation&period={period}",
    expect: API_TOKEN_ONLY,
    tokens: { national_token: "ok", ministry_token: "forbidden", agency_token: "forbidden", other_ministry_token: "forbidden", ...DEAD_TOKENS },
  },
  {
    route: "/api/v1/figures",
    method: "GET",
    // A ministry's figure: its own token and national ones; an agency token sees no ministry.
    path: "/api/v1/figures?scope=ministry&code={ministry}&period={period}",
    expect: API_TOKEN_ONLY,
    tokens: { ...TOKENS_OWN_AGENCY, agency_token: "forbidden" },
  },
  { route: "/api/v1/figures/provenance", method: "GET", path: "/api/v1/figures/provenance?scope=agency&code={agency}&indicator={indicator}&period={period}", expect: API_TOKEN_ONLY, tokens: TOKENS_OWN_AGENCY },
  { route: "/api/v1/flags", method: "GET", path: "/api/v1/flags?period={period}", expect: API_TOKEN_ONLY, tokens: TOKENS_EVERY_LIVE },
  { route: "/api/v1/cases", method: "GET", path: "/api/v1/cases", expect: API_TOKEN_ONLY, tokens: TOKENS_EVERY_LIVE },
  { route: "/api/v1/reports", method: "GET", path: "/api/v1/reports", expect: API_TOKEN_ONLY, tokens: TOKENS_EVERY_LIVE },
  {
    route: "/api/v1/platform-figures",
    method: "POST",
    // An unknown indicator for DOPA: a token that may write about DOPA is told so (422) and nothing is written;
    // the ministry tokens are read-only (403).
    path: "/api/v1/platform-figures",
    form: {},
    json: { figures: [{ clientKey: "authz-$subject", agencyCode: "{agency}", indicatorCode: "NO-SUCH-INDICATOR", period: "{period}", value: 1 }] },
    expect: API_TOKEN_ONLY,
    crossOrigin: { subject: "signed_out", expect: "unauthenticated" },
    tokens: { national_token: "invalid", ministry_token: "forbidden", agency_token: "invalid", other_ministry_token: "forbidden", ...DEAD_TOKENS },
  },

  // ───────────────────────────── server actions ─────────────────────────────
  // The language switch works signed out (sign-in page); signed in, it also saves the profile's choice.
  { action: "app/actions.ts#setLocale", args: ["th"], expect: { ...API_EVERY_ROLE, signed_out: "ok" } },
  { action: "app/actions.ts#adoptProfileLocale", args: [], expect: { ...API_EVERY_ROLE, signed_out: "ok" } },
  // Public: the token authorizes; an unknown token is refused for what it is, whoever asks.
  // Public: anyone may ask for a reset link; the answer is the same whether or not the address has an account.
  { action: "app/forgot-password/actions.ts#requestPasswordResetAction", form: { email: "reset-$subject@example.test" }, expect: { ...API_EVERY_ROLE, signed_out: "ok" } },
  { action: "app/set-password/actions.ts#setPasswordAction", form: { token: "not-a-token", password: "a-long-enough-password", confirm: "a-long-enough-password" }, expect: { signed_out: "invalid", admin: "invalid", analyst: "invalid", executive: "invalid", agency_head: "invalid", agency_officer: "invalid", other_agency_officer: "invalid", ministry_reviewer: "invalid", province_reviewer: "invalid", other_ministry_reviewer: "invalid" } },
  {
    action: "app/settings/notifications/actions.ts#savePreferencesAction",
    form: { new_flags: "immediate", cases_due: "daily", returned_forms: "immediate", support_answers: "off" },
    expect: refusedExcept({ admin: "ok", analyst: "ok", executive: "ok", agency_head: "ok", agency_officer: "ok", other_agency_officer: "ok", ...REVIEWERS_OK }),
  },
  // Analysts tag, route and answer asks; nobody else, not even the asking agency.
  { action: "app/asks/actions.ts#confirmTagsAction", form: { source: "submission_support", sourceId: "{askSubmission}", tags: ["budget", "standards"] }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/asks/actions.ts#routeRequestAction", form: { source: "submission_problems", sourceId: "{askSubmission}", unitCode: "agency_support" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  // The first allowed caller moves it on; the second finds a newer version (refused as stale: "allowed").
  { action: "app/asks/actions.ts#updateRequestAction", form: { requestId: "{supportRequest}", version: "{supportRequestVersion}", status: "in_progress" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  { action: "app/asks/actions.ts#saveAskTagAction", form: { code: "authz_tag", nameTh: "แท็กทดสอบสิทธิ์", nameEn: "Authorization test tag", keywords: "ทดสอบ", active: "true" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/asks/actions.ts#saveDgaUnitAction", form: { code: "authz_unit", nameTh: "หน่วยทดสอบสิทธิ์", nameEn: "Authorization test unit", active: "true" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/notifications/actions.ts#markAllReadAction", form: {}, expect: refusedExcept({ admin: "ok", analyst: "ok", executive: "ok", agency_head: "ok", agency_officer: "ok", other_agency_officer: "ok", ...REVIEWERS_OK }) },

  {
    action: "app/submissions/actions.ts#saveSubmissionAction",
    form: { agencyId: "{agencyId}", periodId: "{periodId}", componentId: "{componentId}", version: "{submissionVersion}", intent: "save", path: submissionPath },
    expect: refusedExcept({ agency_head: "allowed", agency_officer: "allowed", other_agency_officer: "not_found" }),
  },
  {
    action: "app/submissions/actions.ts#transitionAction",
    // DGA's review of a submitted form: agencies cannot approve their own; DGA waits for the ministry's
    // verification (refused as the wrong step: "allowed"); its ministry's reviewer may not approve.
    form: { submissionId: "{submittedSubmission}", version: "{submittedSubmissionVersion}", action: "approve", path: submissionPath },
    expect: {
      signed_out: "unauthenticated",
      admin: "allowed",
      analyst: "allowed",
      executive: "forbidden",
      agency_head: "forbidden",
      agency_officer: "forbidden",
      other_agency_officer: "not_found",
      ...REVIEWERS_IN_SCOPE,
      ministry_reviewer: "forbidden",
    },
  },
  {
    action: "app/submissions/actions.ts#transitionAction",
    // The intermediate level: only the reviewer of DOPA's ministry verifies; out-of-scope reviewers learn nothing.
    form: { submissionId: "{submittedSubmission}", version: "{submittedSubmissionVersion}", action: "verify", path: submissionPath },
    expect: { ...refusedExcept({ other_agency_officer: "not_found" }), ...REVIEWERS_IN_SCOPE },
  },
  {
    action: "app/submissions/actions.ts#transitionAction",
    // The head's endorsement of the draft (incomplete, so refused as such): DGA never acts for an agency.
    form: { submissionId: "{submission}", version: "{submissionVersion}", action: "endorse", path: submissionPath },
    expect: refusedExcept({ agency_head: "invalid", other_agency_officer: "not_found", ...REVIEWERS_IN_SCOPE, ministry_reviewer: "forbidden" }),
  },

  // Confirming a held value is DGA's: agencies cannot make their own unusual figures count.
  { action: "app/submissions/actions.ts#confirmHeldFigureAction", form: { factId: "{heldFact}", note: "ตรวจหลักฐานแล้ว", path: submissionPath }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },

  { action: "app/lagging/actions.ts#recomputeFlagsAction", form: { periodId: "{periodId}" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/lagging/actions.ts#openCaseAction", form: { flagIds: ["{flag}"], plannedActions: "ติดตาม" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/lagging/actions.ts#updateCaseAction", form: { caseId: "{case}", version: "{caseVersion}", note: "บันทึกทดสอบสิทธิ์" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  {
    action: "app/lagging/actions.ts#respondToCaseAction",
    form: { caseId: "{case}", explanation: "คำชี้แจงทดสอบสิทธิ์" },
    expect: refusedExcept({ agency_head: "ok", agency_officer: "ok", other_agency_officer: "not_found" }),
  },

  {
    action: "app/reports/actions.ts#requestReportAction",
    form: { period: "{period}", scope: "agency", code: "{agency}", format: "csv", locale: "th" },
    expect: refusedExcept({ admin: "ok", analyst: "ok", executive: "ok", agency_head: "ok", agency_officer: "ok", other_agency_officer: "not_found" }),
  },

  { action: "app/imports/actions.ts#mapAgencyAliasAction", form: { rawText: "กรมทดสอบสิทธิ์", agencyId: "{agencyId}" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  { action: "app/imports/actions.ts#saveMappingProfileAction", form: { name: "ทดสอบสิทธิ์", mapping: '{"รหัสโครงการ":"projectCode"}' }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/imports/actions.ts#createRuleAction", form: { componentId: "{componentId}", field: "name", match: "keyword", pattern: "สิทธิ์" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/imports/actions.ts#toggleRuleAction", form: { ruleId: "{componentRule}", active: "true" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/imports/actions.ts#applyRulesAction", form: {}, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/imports/actions.ts#linkProjectAction", form: { projectCode: "{project}", componentId: "{componentId}" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  // Last of the imports: rolling the batch back removes the project linked above.
  { action: "app/imports/actions.ts#rollbackBatchAction", form: { batchId: "{batch}" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },

  // No failed job exists in the fixture: the admin gets past authorization and is told there is no such job.
  { action: "app/admin/jobs/actions.ts#retryJobAction", form: { jobId: "6f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b" }, expect: refusedExcept({ admin: "not_found" }) },
  { action: "app/admin/targets/actions.ts#setTargetAction", form: { indicatorCode: "{indicator}", periodCode: "{period}", value: "50" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  // A change goes into a quarter not yet open (the demo's last quarter, until the calendar passes it).
  { action: "app/admin/templates/actions.ts#addTemplateItemAction", form: { kind: "question", componentCode: "{component}", fromPeriod: "2570Q4", questionTh: "คำถามทดสอบสิทธิ์", answerType: "text" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  { action: "app/admin/templates/actions.ts#setItemBoundsAction", form: { itemId: "{templateItem}", fromPeriod: "2570Q4", plausibleMin: "0", plausibleMax: "100" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  { action: "app/admin/templates/actions.ts#updateTemplateItemAction", form: { itemId: "{templateItem}", fromPeriod: "2570Q4", field: "required", value: "true" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  { action: "app/admin/review-chains/actions.ts#updateReviewChainAction", form: { agencyType: "other", intermediate: "ministry", dgaReturnTo: "officer" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/rules/actions.ts#updatePriorityWeightsAction", form: { version: "0", "weights.openFlags": "1" }, expect: refusedExcept({ admin: "allowed" }) },
  { action: "app/lagging/actions.ts#openGroupCaseAction", form: { periodId: "{periodId}", scope: "ministry", key: OWN_MINISTRY }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  { action: "app/lagging/actions.ts#updateGroupCaseAction", form: { groupId: "{group}", version: "{groupVersion}", note: "บันทึกทดสอบสิทธิ์" }, expect: refusedExcept({ admin: "allowed", analyst: "allowed" }) },
  {
    action: "app/lagging/actions.ts#bulkFollowUpAction",
    form: { periodId: "{periodId}", agencyIds: ["{agencyId}"], action: "due", dueOn: "2099-12-31" },
    expect: refusedExcept({ admin: "allowed", analyst: "allowed" }),
  },
  { action: "app/admin/rules/actions.ts#updateRuleAction", form: { ruleId: "{flagRule}", version: "{flagRuleVersion}", severity: "medium" }, expect: refusedExcept({ admin: "allowed" }) },
  { action: "app/admin/agencies/actions.ts#saveAgencyAction", form: { id: "{agencyId}", code: "{agency}", nameTh: "กรมการปกครอง", nameEn: "Department of Provincial Administration", abbrTh: "ปค.", abbrEn: "DOPA", type: "department", parentCode: "03000" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/agencies/actions.ts#setAgencyActiveAction", form: { agencyId: "{agencyId}", active: "true", code: "{agency}" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/agencies/actions.ts#setAgencyComponentAction", form: { agencyId: "{agencyId}", componentCode: "{component}", dgaRole: "connector", code: "{agency}" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/master-data-actions.ts#createUserAction", form: { email: "authz-new@lamnam.test", name: "ผู้ใช้ทดสอบสิทธิ์", role: "analyst", password: "a-long-enough-password" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/master-data-actions.ts#setUserActiveAction", form: { userId: "{otherOfficerUserId}", active: "true" }, expect: refusedExcept({ admin: "ok" }) },
  // The officer's own role and agency again: allowed, and it changes nothing (so their session stays valid).
  { action: "app/admin/master-data-actions.ts#changeUserRoleAction", form: { userId: "{otherOfficerUserId}", role: "agency_officer", agencyCode: OTHER_AGENCY }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/master-data-actions.ts#resetPasswordAction", form: { userId: "{otherOfficerUserId}", password: "a-long-enough-password" }, expect: refusedExcept({ admin: "ok" }) },
  // Invitations: a head invites officers of their own agency only, never into another agency nor a head's role.
  { action: "app/team/actions.ts#inviteUserAction", form: { email: "authz-invite-$subject@lamnam.test", name: "ผู้ได้รับเชิญ $subject", role: "agency_officer", agencyCode: "{agency}" }, expect: refusedExcept({ admin: "ok", agency_head: "ok" }) },
  { action: "app/team/actions.ts#inviteUserAction", form: { email: "authz-other-$subject@lamnam.test", name: "ผู้ได้รับเชิญ $subject", role: "agency_officer", agencyCode: "{otherAgency}" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/team/actions.ts#inviteUserAction", form: { email: "authz-head-$subject@lamnam.test", name: "ผู้ได้รับเชิญ $subject", role: "agency_head", agencyCode: "{agency}" }, expect: refusedExcept({ admin: "ok" }) },
  // Reactivating an active account changes nothing; another agency's officer is not found by a head.
  { action: "app/team/actions.ts#setTeamMemberActiveAction", form: { userId: "{officerUserId}", active: "true" }, expect: refusedExcept({ admin: "ok", agency_head: "ok" }) },
  { action: "app/team/actions.ts#setTeamMemberActiveAction", form: { userId: "{otherOfficerUserId}", active: "true" }, expect: refusedExcept({ admin: "ok", agency_head: "not_found" }) },
  // The demo officer has a password: there is no invitation to send again (past authorization, nothing written).
  { action: "app/team/actions.ts#resendInvitationAction", form: { userId: "{officerUserId}" }, expect: refusedExcept({ admin: "invalid", agency_head: "invalid" }) },
  // The indicator catalogue: admins and analysts. Deleting MID-01 is refused (it has figures: retire it), so nothing changes.
  { action: "app/admin/indicators/actions.ts#createIndicatorAction", form: newIndicatorForm, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  {
    action: "app/admin/indicators/actions.ts#updateIndicatorAction",
    form: { indicatorId: "{indicatorId}", nameTh: "จำนวนครั้งการยืนยันตัวตนทางดิจิทัลผ่าน ThaID", nameEn: "Digital identity authentications through ThaID", componentCode: "{component}", serviceCode: "{platform}", frequency: "quarterly", formulaTh: "นับครั้งที่ยืนยันสำเร็จ" },
    expect: refusedExcept({ admin: "ok", analyst: "ok" }),
  },
  {
    action: "app/admin/indicators/actions.ts#startIndicatorVersionAction",
    // The first allowed caller starts version 2 from the quarter after the open one; the second is told a version already starts there.
    form: { indicatorId: "{indicatorId}", effectiveFrom: "2570Q2", definitionTh: "นิยามรุ่นทดสอบสิทธิ์", definitionEn: "Authorization test version", unitTh: "ล้านครั้ง", unitEn: "million transactions", direction: "higher", aggregation: "sum" },
    expect: refusedExcept({ admin: "allowed", analyst: "allowed" }),
  },
  { action: "app/admin/indicators/actions.ts#setIndicatorActiveAction", form: { indicatorId: "{indicatorId}", active: "true" }, expect: refusedExcept({ admin: "ok", analyst: "ok" }) },
  { action: "app/admin/indicators/actions.ts#deleteIndicatorAction", form: { indicatorId: "{indicatorId}" }, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }) },
  // SROI per fiscal year: admins and analysts. The first allowed caller adds FY 2580 for DGA; the second is told the year exists.
  {
    action: "app/admin/sroi/actions.ts#saveSroiAction",
    form: {
      intent: "save",
      fiscalYear: "2580",
      agencyCode: "01002",
      investment: "1,000,000",
      discountRate: "3.5",
      "line.0.stakeholderTh": "ประชาชน",
      "line.0.stakeholderEn": "Citizens",
      "line.0.outcomeTh": "ประหยัดเวลา",
      "line.0.outcomeEn": "Time saved",
      "line.0.quantity": "1000",
      "line.0.financialProxy": "300",
      "line.0.deadweight": "20",
      "line.0.attribution": "30",
      "line.0.displacement": "0",
      "line.0.dropOff": "30",
      "line.0.durationYears": "2",
    },
    expect: refusedExcept({ admin: "allowed", analyst: "allowed" }),
  },
  // Platforms and the components' words: administrators only. Deleting ThaID is refused (its KPIs have figures).
  {
    action: "app/admin/platforms/actions.ts#savePlatformAction",
    form: { code: "svc.authz-$subject", nameTh: "แพลตฟอร์มทดสอบสิทธิ์", nameEn: "Authorization test platform $subject", ownerAgencyCode: "{agency}", channel: "G2G", componentCode: "{component}", status: "planned" },
    expect: refusedExcept({ admin: "ok" }),
  },
  { action: "app/admin/platforms/actions.ts#deletePlatformAction", form: { platformId: "{platformId}" }, expect: refusedExcept({ admin: "invalid" }) },
  {
    action: "app/admin/components/actions.ts#updateComponentWordsAction",
    form: { kind: "component", code: "{component}", nameTh: "กลางน้ำ", nameEn: "Midstream (shared connective tools)", descriptionTh: "คำอธิบายทดสอบสิทธิ์", descriptionEn: "Authorization test description" },
    expect: refusedExcept({ admin: "ok" }),
  },
  // API tokens: administrators only; the first allowed caller revokes the fixture's token.
  { action: "app/admin/api-tokens/actions.ts#issueApiTokenAction", form: { name: "authz $subject", scope: "agency", agencyCode: "{agency}", expiresOn: "{tokenExpiry}" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/api-tokens/actions.ts#revokeApiTokenAction", form: { tokenId: "{apiToken}" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/master-data-actions.ts#updatePeriodAction", form: { periodId: "{periodId}", status: "open", dueOn: "{periodDueOn}" }, expect: refusedExcept({ admin: "ok" }) },
  { action: "app/admin/periods/actions.ts#previewRolloverAction", form: { fiscalYear: "2571", dueDays: "15", targets: "scale", factor: "1.1" }, expect: refusedExcept({ admin: "ok" }) },
  // The demo's own year: refused as existing (nothing created), which shows the admin got past authorization.
  { action: "app/admin/periods/actions.ts#rolloverAction", form: { fiscalYear: "2570", dueDays: "15", targets: "copy" }, expect: refusedExcept({ admin: "invalid" }) },
  // The open demo quarter needs no reopening: refused as not closed, past authorization, changing nothing.
  // Publishing the open demo quarter: refused as not closed (past authorization, nothing written); analysts and admins only.
  { action: "app/admin/periods/actions.ts#publishOpenDataAction", form: { periodId: "{periodId}" }, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }) },
  // Withdrawing the open quarter's (absent) publication: refused as not published; administrators only.
  { action: "app/admin/periods/actions.ts#withdrawOpenDataAction", form: { periodId: "{periodId}", reason: "ทดสอบสิทธิ์" }, expect: refusedExcept({ admin: "invalid" }) },
  { action: "app/admin/periods/actions.ts#reopenPeriodAction", form: { periodId: "{periodId}", reason: "ทดสอบสิทธิ์", closesOn: "2999-01-01" }, expect: refusedExcept({ admin: "invalid", analyst: "invalid" }) },
];

/** The key of a row, as discovery names endpoints. */
export function entryKey(entry: MatrixEntry): string {
  if ("page" in entry) return `page ${entry.page}`;
  if ("route" in entry) return `${entry.method} ${entry.route}`;
  return `action ${entry.action}`;
}

/** Fills `$subject` and `{fixture}` placeholders; an unknown fixture is an error, not a silent blank. */
export function fill(template: string, fixtures: Fixtures, subject?: Subject | TokenSubject): string {
  return template.replaceAll("$subject", subject ?? "").replace(/\{([\w.]+)\}/g, (_, name: string) => {
    const value = fixtures[name];
    if (value === undefined) throw new Error(`unknown fixture {${name}}`);
    return value;
  });
}

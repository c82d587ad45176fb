// Bad URLs: path segments and query strings of pages (and a few routes), requested over HTTP against the
// production build by e2e/corpus/urls.spec.ts. Plain data, no app imports: Playwright loads it too, and
// tests/corpus/corpus.test.ts counts it with the rest of the corpus.
//
// Every answer must be the status named here — never a 5xx — and no body may show a stack trace or SQL,
// or render the marker markup (MARKUP) as markup.

/** Injected markup whose raw text must never appear in a page (React would have written &lt;…). */
export const MARKUP = `<img src=x onerror="alert('lamnam')">`;
const M = encodeURIComponent(MARKUP);
const SCRIPT = encodeURIComponent(`</script><script>alert('lamnam')</script>`);

export interface UrlCase {
  id: string;
  surface: "url";
  category: "wrong_type" | "missing" | "huge" | "unicode" | "control_chars" | "html_injection" | "sql" | "traversal" | "malformed";
  /** Signed out, or the demo user of a role (the officer and head of DOPA, 03002). */
  as: "signed_out" | "admin" | "analyst" | "agency_officer" | "ministry_reviewer" | "province_reviewer";
  path: string;
  /** 200 (served, the bad part ignored or explained), 404 (names nothing), or a redirect. */
  status: 200 | 404 | 307;
  /** A redirect's target: a path on the app's own origin (/signin when not given). */
  location?: string;
}

const url = (id: string, category: UrlCase["category"], as: UrlCase["as"], path: string, status: UrlCase["status"], more: Pick<UrlCase, "location"> = {}): UrlCase => ({ id, surface: "url", category, as, path, status, ...more });
/** Signed in, /signin sends the user on to the callbackUrl: only ever a path of this origin ("/" for anything else). */
const callback = (id: string, category: UrlCase["category"], value: string, location = "/"): UrlCase => url(id, category, "analyst", `/signin?callbackUrl=${value}`, 307, { location });

export const URL_CASES: UrlCase[] = [
  // Sign-in: where to go afterwards and the error shown come from the URL.
  url("url.signin.callback-javascript", "html_injection", "signed_out", "/signin?callbackUrl=javascript:alert(1)", 200),
  url("url.signin.callback-offsite", "traversal", "signed_out", "/signin?callbackUrl=%2F%2Fevil.example%2Fphish", 200),
  url("url.signin.error-markup", "html_injection", "signed_out", `/signin?error=${M}&reason=${SCRIPT}`, 200),
  url("url.signin.error-nul", "control_chars", "signed_out", "/signin?error=%00&callbackUrl=%00", 200),
  // Open redirects after sign-in (issue 19): what the URL parser (and so the browser) reads as another host.
  callback("url.signin.callback-tab", "control_chars", "/%09/evil.example"),
  callback("url.signin.callback-newline", "control_chars", "/%0A/evil.example"),
  callback("url.signin.callback-crlf", "control_chars", "/%0D%0A/evil.example"),
  callback("url.signin.callback-tab-backslash", "control_chars", "/%09%5Cevil.example"),
  callback("url.signin.callback-backslash", "traversal", "/%5Cevil.example"),
  callback("url.signin.callback-slash-backslash", "traversal", "/%5C/evil.example"),
  callback("url.signin.callback-scheme-relative", "traversal", "//evil.example/phish"),
  callback("url.signin.callback-triple-slash", "traversal", "///evil.example"),
  callback("url.signin.callback-absolute", "malformed", "https%3A%2F%2Fevil.example%2F"),
  callback("url.signin.callback-userinfo", "malformed", "//evil.example%40localhost/"),
  callback("url.signin.callback-javascript-host", "html_injection", "javascript:alert(1)//evil.example"),
  callback("url.signin.callback-double-encoded-tab", "malformed", "/%2509/evil.example", "/%09/evil.example"),
  callback("url.signin.callback-own-page", "wrong_type", "/indicators%3Ffy%3D2569", "/indicators"),
  // Signed out, the form gets the resolved target (e2e/foundation/auth.spec.ts signs in through it).
  url("url.signin.form-callback-tab", "control_chars", "signed_out", "/signin?callbackUrl=/%09/evil.example", 200),
  url("url.signin.form-callback-tab-backslash", "control_chars", "signed_out", "/signin?callbackUrl=/%09%5Cevil.example", 200),
  url("url.signed-out.agency-nul", "control_chars", "signed_out", "/agencies/%00", 307),

  // Agency profiles and the admin's agency page: the code in the path.
  url("url.agency.nul", "control_chars", "analyst", "/agencies/%00", 404),
  url("url.agency.percent", "malformed", "analyst", "/agencies/%25", 404),
  url("url.agency.broken-escape", "malformed", "analyst", "/agencies/%E0%B8", 404),
  url("url.agency.sql", "sql", "analyst", "/agencies/03002'%20OR%20'1'%3D'1", 404),
  url("url.agency.traversal", "traversal", "analyst", "/agencies/..%2F..%2Fetc%2Fpasswd", 404),
  url("url.agency.thai", "unicode", "analyst", "/agencies/%E0%B8%81%E0%B8%A3%E0%B8%A1", 404),
  url("url.agency.zero-width", "unicode", "analyst", "/agencies/03002%E2%80%8B", 404),
  url("url.agency.markup", "html_injection", "analyst", `/agencies/${M}`, 404),
  url("url.agency.huge", "huge", "analyst", `/agencies/${"9".repeat(8000)}`, 404),
  url("url.agency.own-with-bad-filters", "html_injection", "agency_officer", `/agencies/03002?period=${M}&ministry=%00&type=${SCRIPT}&page=-1`, 200),
  url("url.admin-agency.nul", "control_chars", "admin", "/admin/agencies/%00", 404),
  url("url.admin-agency.sql", "sql", "admin", "/admin/agencies/x'%3BDROP%20TABLE%20agencies--", 404),

  // Component pages and the dashboard filters every page keeps in the URL.
  url("url.component.nul", "control_chars", "analyst", "/components/upstream%00", 404),
  url("url.component.traversal", "traversal", "analyst", "/components/..%2F..%2Fadmin", 404),
  url("url.component.unknown", "wrong_type", "analyst", "/components/DROP%20TABLE", 404),
  url("url.component.bad-filters", "html_injection", "analyst", `/components/upstream?period=${M}&component=${SCRIPT}&type=x`, 200),
  url("url.platform.markup", "html_injection", "agency_officer", `/platforms/${M}`, 404),
  url("url.indicator.markup", "html_injection", "agency_officer", `/indicators/${M}`, 404),
  url("url.indicator.unknown", "wrong_type", "analyst", "/indicators/NO-SUCH-99", 404),
  url("url.indicator.traversal", "traversal", "analyst", "/indicators/..%2F..%2Fadmin", 404),
  url("url.platform.traversal", "traversal", "analyst", "/platforms/..%2F..%2Fadmin", 404),
  url("url.platform.bad-period", "sql", "agency_officer", `/platforms/svc.thaid?period=2570Q1'%20OR%201=1--`, 200),
  url("url.admin-indicator.unknown", "wrong_type", "analyst", "/admin/indicators/NO-SUCH-01", 404),
  url("url.admin-indicator.nul", "control_chars", "admin", "/admin/indicators/MID-01%00", 404),
  url("url.home.bad-filters", "html_injection", "analyst", `/?period=2570Q9&ministry=${M}&type=%00&component=${SCRIPT}`, 200),
  url("url.home.repeated-filters", "wrong_type", "analyst", "/?period=2570Q1&period=2570Q2&period=&type=ministry&type=x", 200),
  url("url.home.thai-digits-period", "unicode", "analyst", "/?period=%E0%B9%92%E0%B9%95%E0%B9%97%E0%B9%90Q1", 200),
  url("url.home.huge-filter", "huge", "analyst", `/?period=${"9".repeat(6000)}&ministry=${"ก".repeat(300)}`, 200),
  url("url.home.rtl-override", "unicode", "analyst", "/?ministry=%E2%80%AE03000", 200),

  // Records by id.
  url("url.case.text", "wrong_type", "analyst", "/cases/latest", 404),
  url("url.case.negative", "wrong_type", "analyst", "/cases/-1", 404),
  url("url.case.exponent", "wrong_type", "analyst", "/cases/1e3", 404),
  url("url.case.beyond-int", "huge", "analyst", "/cases/2147483648", 404),
  url("url.case.beyond-safe-integer", "huge", "analyst", "/cases/99999999999999999999999", 404),
  url("url.case.nul", "control_chars", "analyst", "/cases/1%00", 404),
  url("url.report-print.text", "wrong_type", "analyst", "/reports/abc/print", 404),
  url("url.report-print.beyond-int", "huge", "analyst", "/reports/2147483648/print", 404),
  url("url.report-print.token-markup", "html_injection", "signed_out", `/reports/1/print?token=${M}`, 404),

  // Lagging agencies and their flags.
  url("url.lagging.agency-nul", "control_chars", "analyst", "/lagging/%00?period=2570Q1", 404),
  url("url.lagging.agency-sql", "sql", "analyst", "/lagging/03002%20OR%201%3D1", 404),
  url("url.lagging.own-period-markup", "html_injection", "agency_officer", `/lagging/03002?period=${M}`, 200),
  url("url.lagging.bad-filters", "html_injection", "analyst", `/lagging?severity=${M}&component=..%2F&ministry=%00&overdue=maybe&sort=${SCRIPT}&period=2570Q5`, 200),
  url("url.lagging.bad-type", "html_injection", "analyst", `/lagging?type=${SCRIPT}&type=department&ministry=03000`, 200),

  // Self-assessment forms: agency, period and component in the path.
  url("url.submission.nul-everywhere", "control_chars", "agency_officer", "/submissions/%00/%00/%00", 404),
  url("url.submission.component-nul", "control_chars", "agency_officer", "/submissions/03002/2570Q1/midstream%00", 404),
  url("url.submission.period-quarter-nine", "wrong_type", "agency_officer", "/submissions/03002/2570Q9/midstream", 404),
  url("url.submission.period-traversal", "traversal", "agency_officer", "/submissions/03002/..%2F..%2Fadmin/midstream", 404),
  url("url.submission.agency-markup", "html_injection", "agency_officer", `/submissions/${M}/2570Q1/midstream`, 404),

  // Lists with filters and pages in the query string.
  url("url.audit.bad-filters", "html_injection", "admin", `/admin/audit?actor=${M}&action=%00&entity=${SCRIPT}&page=-1`, 200),
  url("url.audit.page-huge", "huge", "admin", "/admin/audit?page=99999999999999999999", 200),
  url("url.audit.page-sql", "sql", "admin", "/admin/audit?page=1%3B%20DELETE%20FROM%20audit_log", 200),
  url("url.targets.unknown-filters", "html_injection", "analyst", `/admin/targets?period=%00&component=${M}`, 404),
  url("url.targets.period-nul-ignored", "control_chars", "analyst", "/admin/targets?period=2570Q1%00", 200),
  url("url.indicators.year-text", "wrong_type", "analyst", "/indicators?fy=abc", 200),
  url("url.indicators.year-huge", "huge", "analyst", "/indicators?fy=99999999999999", 200),
  url("url.agencies.bad-filters", "html_injection", "analyst", `/agencies?q=${M}&page=1e9&type=%00&ministry=${SCRIPT}`, 200),
  url("url.review.bad-filters", "html_injection", "analyst", `/review?status=${M}&period=%00&component=${SCRIPT}`, 200),
  // A reviewer's queue is paged on the server: a page that is not a number is the first, one past the end is empty.
  url("url.review.page-text", "wrong_type", "ministry_reviewer", "/review?page=abc&component=%00", 200),
  url("url.review.page-huge", "huge", "province_reviewer", "/review?page=99999999999999999999", 200),
  // A period that does not exist is "not found" on the completeness and target pages (they show one period).
  url("url.completeness.unknown-period", "wrong_type", "analyst", `/completeness?period=2570Q9&group=${M}&ministry=%00`, 404),
  url("url.completeness.period-nul", "control_chars", "analyst", "/completeness?period=2570Q1%00", 200),
  url("url.agency.broken-escape-api", "malformed", "analyst", "/api/agencies/%E0%B8", 404),
  url("url.imports.bad-params", "html_injection", "analyst", `/imports?batch=${M}&page=-3`, 200),
  url("url.notifications.bad-page", "wrong_type", "agency_officer", "/notifications?page=-5&filter=%00", 200),
  url("url.reports.bad-params", "html_injection", "agency_officer", `/reports?period=${M}&scope=${SCRIPT}`, 200),
  // Pages of the long lists (a page past the end shows the last one; anything not a page number, the first).
  url("url.lagging.page-negative", "wrong_type", "analyst", "/lagging?page=-1&severity=high", 200),
  url("url.lagging.page-huge", "huge", "analyst", `/lagging?page=${"9".repeat(40)}`, 200),
  url("url.lagging.page-text", "html_injection", "analyst", `/lagging?page=${M}&sort=case_age`, 200),
  url("url.lagging.page-beyond", "wrong_type", "agency_officer", "/lagging?page=999999", 200),
  url("url.agencies.page-negative", "wrong_type", "analyst", "/agencies?page=-1&type=ministry", 200),
  url("url.agencies.page-huge", "huge", "analyst", `/agencies?page=${"9".repeat(40)}&q=a`, 200),
  url("url.agencies.page-text", "sql", "analyst", "/agencies?page=2%3B%20DROP%20TABLE%20agencies", 200),
  url("url.reports.page-negative", "wrong_type", "analyst", "/reports?page=-1", 200),
  url("url.reports.page-huge", "huge", "agency_officer", `/reports?page=${"9".repeat(40)}`, 200),
  url("url.reports.page-text", "html_injection", "analyst", `/reports?page=${SCRIPT}&page=2`, 200),
  url("url.imports.page-huge", "huge", "analyst", `/imports?page=${"9".repeat(40)}`, 200),
  url("url.imports.page-text", "wrong_type", "analyst", "/imports?page=abc&page=-1", 200),
  url("url.admin-agencies.page-negative", "wrong_type", "admin", "/admin/agencies?page=-1", 200),
  url("url.admin-agencies.page-huge", "huge", "admin", `/admin/agencies?page=${"9".repeat(40)}`, 200),

  // Route handlers over HTTP (the in-process corpus covers their query strings in depth).
  url("url.http.evidence-traversal", "traversal", "agency_officer", "/api/evidence/..%2F..%2Fetc%2Fpasswd", 404),
  url("url.http.dashboard-agency-percent", "malformed", "analyst", "/api/dashboard/agencies/%25", 404),
  url("url.http.health-junk-query", "control_chars", "signed_out", "/api/health?x=%00&y=%E0%B8", 200),

  // Open data and the public scorecard, asked for signed out: an unknown or unpublished quarter, a malformed
  // year or file name is a 404 (files: JSON in Thai and English; pages: the localized not-found page).
  url("url.open-data.unknown-quarter", "wrong_type", "signed_out", "/open-data/2599/Q1.csv", 404),
  url("url.open-data.open-quarter", "wrong_type", "signed_out", "/open-data/2570/Q1.json", 404),
  url("url.open-data.format-xml", "malformed", "signed_out", "/open-data/2569/Q4.xml", 404),
  url("url.open-data.quarter-5", "wrong_type", "signed_out", "/open-data/2569/Q5.csv", 404),
  url("url.open-data.year-ce", "wrong_type", "signed_out", "/open-data/2026/Q1.csv", 404),
  url("url.open-data.nul", "control_chars", "signed_out", "/open-data/2569/Q4.csv%00", 404),
  url("url.open-data.traversal", "traversal", "signed_out", "/open-data/2569/..%2F..%2Fetc%2Fpasswd", 404),
  url("url.open-data.sql", "sql", "signed_out", "/open-data/2569'%20OR%20'1'%3D'1/Q4.csv", 404),
  url("url.open-data.markup", "html_injection", "signed_out", `/open-data/2569/${M}`, 404),
  url("url.open-data.huge", "huge", "signed_out", `/open-data/2569/Q${"4".repeat(5000)}.csv`, 404),
  url("url.scorecard.unknown-quarter", "wrong_type", "signed_out", "/scorecard/2599/1", 404),
  url("url.scorecard.unpublished", "wrong_type", "signed_out", "/scorecard/2570/1", 404),
  url("url.scorecard.quarter-words", "wrong_type", "signed_out", "/scorecard/2569/%E0%B8%AA%E0%B8%B5%E0%B9%88", 404),
  url("url.scorecard.markup", "html_injection", "signed_out", `/scorecard/${M}/1`, 404),
];

/**
 * Bad sign-ins (the sign-in form, posted to next-auth as the browser does). Each must come back as the
 * ordinary "invalid_credentials", whose message the form shows — never a query or a stack in `?error=`.
 */
export interface SignInCase {
  id: string;
  surface: "form";
  category: UrlCase["category"];
  email: string;
  password: string;
}
const signIn = (id: string, category: UrlCase["category"], email: string, password = "Lamnam-demo-2569"): SignInCase => ({ id, surface: "form", category, email, password });

export const SIGN_IN_CASES: SignInCase[] = [
  signIn("form.signin.email-nul", "control_chars", "officer\u0000@lamnam.demo"),
  signIn("form.signin.email-sql", "sql", "' OR '1'='1' --"),
  signIn("form.signin.email-markup", "html_injection", MARKUP),
  signIn("form.signin.email-huge", "huge", `${"a".repeat(100_000)}@lamnam.demo`),
  signIn("form.signin.password-huge", "huge", "nobody-corpus@lamnam.demo", "x".repeat(1_000_000)),
  signIn("form.signin.email-thai", "unicode", "เจ้าหน้าที่@ตัวอย่าง.ไทย"),
];

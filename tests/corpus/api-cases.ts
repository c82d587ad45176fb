// Bad request bodies (the text fields of multipart posts) and bad path segments and query strings of the
// JSON and download routes, in process. Pages are requested over HTTP by e2e/corpus/urls.spec.ts.
import { expect } from "vitest";
import { csv } from "./samples";
import type { CheckContext, Expectation, RouteCase, UploadFile } from "./types";

type Check = (ctx: CheckContext) => Promise<void>;
const refused = (error: string, fields?: Record<string, string>, status?: number): Expectation => ({ refused: { error, fields, status } });
const notFound: Expectation = { refused: { error: "not_found", status: 404 } };
const accepted = (says: string, check?: Check, writes = false): Expectation => ({ accepted: { says, writes, check } });

const csvFile = (rows: string[][]): UploadFile => {
  const bytes = Buffer.from(csv(rows));
  return { name: "export.csv", type: "text/csv", bytes: () => bytes };
};
const EMENSCR = csvFile([
  ["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน", "รหัสหน่วยงาน", "วงเงินงบประมาณ"],
  ["API-1", "โครงการทดสอบ", "กรมการปกครอง", "03002", "1000"],
]);
const AGENCIES = csvFile([["รหัสหน่วยงาน", "ชื่อหน่วยงานภาษาไทย", "ชื่อหน่วยงานภาษาอังกฤษ", "ประเภทหน่วยงาน"], ["API-A", "หน่วยงาน", "Agency", "department"]]);

// ── evidence links and the text fields of uploads (officer, own draft) ──
const link = (id: string, category: RouteCase["category"], form: Record<string, string>, expect: Expectation, submission = "{submission}"): RouteCase => ({
  id,
  surface: "api",
  category,
  as: "agency_officer",
  route: "evidenceUpload",
  params: { id: submission },
  form: { title: "ลิงก์", ...form },
  expect,
});
const badUrl = refused("validation", { url: "invalid_url" });
const linkCases: RouteCase[] = [
  link("api.evidence.javascript-url", "html_injection", { url: "javascript:alert(document.cookie)" }, badUrl),
  link("api.evidence.javascript-url-obfuscated", "html_injection", { url: " JaVaScRiPt:alert(1)" }, badUrl),
  link("api.evidence.data-url", "html_injection", { url: "data:text/html,<script>alert(1)</script>" }, badUrl),
  link("api.evidence.file-url", "traversal", { url: "file:///etc/passwd" }, badUrl),
  link("api.evidence.not-a-url", "wrong_type", { url: "โปรดดูเอกสารแนบ" }, badUrl),
  link("api.evidence.url-nul", "control_chars", { url: "https://example.org/\u0000" }, refused("validation", { url: "invalid_characters" })),
  link("api.evidence.item-text", "wrong_type", { url: "https://example.org", itemId: "first" }, refused("validation", { itemId: "unknown_item" })),
  link("api.evidence.item-beyond-int", "huge", { url: "https://example.org", itemId: "2147483648" }, refused("validation", { itemId: "unknown_item" })),
  link("api.evidence.item-other-template", "wrong_type", { url: "https://example.org", itemId: "2147483647" }, refused("validation", { itemId: "unknown_item" })),
  link("api.evidence.submission-text", "wrong_type", { url: "https://example.org" }, notFound, "abc"),
  link("api.evidence.submission-sql", "sql", { url: "https://example.org" }, notFound, "1 OR 1=1"),
  link("api.evidence.submission-beyond-int", "huge", { url: "https://example.org" }, notFound, "99999999999"),
  link(
    "api.evidence.idn-url",
    "unicode",
    { url: "https://ตัวอย่าง.ไทย/รายงาน?q=ผล", title: "" },
    accepted("an internationalised link is stored encoded, titled by its host", async ({ rows }) => {
      const [row] = await rows("select url, title from evidence where kind = 'link' order by id desc limit 1");
      expect(row).toEqual({ url: "https://xn--72c1a1bt4awk9o.xn--o3cw4h/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99?q=%E0%B8%9C%E0%B8%A5", title: "xn--72c1a1bt4awk9o.xn--o3cw4h" });
    }, true),
  ),
  link(
    "api.evidence.title-too-long",
    "huge",
    { url: "https://example.org/long", title: "ก".repeat(5000) },
    accepted("a long title is cut to 300 characters", async ({ rows }) => {
      expect(String((await rows("select title from evidence where kind = 'link' order by id desc limit 1"))[0]?.title)).toHaveLength(300);
    }, true),
  ),
];

// ── eMENSCR import form fields (analyst) ──
const importForm = (id: string, category: RouteCase["category"], form: Record<string, string>, expect: Expectation, route: "emenscrPreview" | "emenscrCommit" = "emenscrPreview"): RouteCase => ({
  id,
  surface: "api",
  category,
  as: "analyst",
  route,
  form,
  file: EMENSCR,
  expect,
});
const importCases: RouteCase[] = [
  importForm("api.import.period-q5", "wrong_type", { period: "2570Q5" }, refused("validation", { period: "import_invalid_period" }, 422)),
  importForm("api.import.period-markup", "html_injection", { period: "<img src=x onerror=alert(1)>" }, refused("validation", { period: "import_invalid_period" }, 422)),
  importForm("api.import.mapping-not-json", "malformed", { period: "2570Q1", mapping: "{'a':" }, refused("validation", { mapping: "validation" }, 422)),
  importForm("api.import.mapping-nested", "wrong_type", { period: "2570Q1", mapping: '{"รหัส": {"$ne": null}}' }, refused("validation", { mapping: "validation" }, 422)),
  importForm("api.import.positions-huge", "huge", { period: "2570Q1", positions: `{${Array.from({ length: 5000 }, (_, i) => `"${i}":"projectCode"`).join(",")}}` }, refused("validation", { positions: "too_long" }, 422)),
  importForm("api.import.profile-text", "wrong_type", { period: "2570Q1", profileId: "newest" }, refused("validation", { profileId: "invalid" }, 422)),
  importForm("api.import.profile-beyond-int", "huge", { period: "2570Q1", profileId: "2147483648" }, refused("validation", { profileId: "invalid" }, 422)),
  importForm("api.import.profile-unknown", "wrong_type", { period: "2570Q1", profileId: "2147483647" }, refused("not_found")),
  importForm("api.import.amount-unit-unknown", "wrong_type", { period: "2570Q1", amountUnit: "gold" }, refused("validation", { amountUnit: "invalid" }, 422)),
  importForm("api.import.header-row-maybe", "wrong_type", { period: "2570Q1", hasHeaderRow: "maybe" }, refused("validation", { hasHeaderRow: "invalid" }, 422)),
  importForm("api.import.sheet-too-long", "huge", { period: "2570Q1", sheet: "ก".repeat(101) }, refused("validation", { sheet: "too_long" }, 422)),
  importForm("api.import.sha-not-hex", "wrong_type", { period: "2570Q1", expectedSha256: "'; DROP TABLE import_batches; --" }, refused("validation", { expectedSha256: "invalid" }, 422), "emenscrCommit"),
  importForm("api.import.sha-other-file", "wrong_type", { period: "2570Q1", expectedSha256: "0".repeat(64) }, refused("import_file_changed"), "emenscrCommit"),
  importForm("api.import.field-nul", "control_chars", { period: "2570Q1", sheet: "a\u0000" }, refused("validation", { sheet: "invalid_characters" }, 422)),
  importForm(
    "api.import.mapping-unknown-field",
    "wrong_type",
    { period: "2570Q1", mapping: '{"รหัสโครงการ": "password_hash", "ชื่อโครงการ": "projectName"}' },
    accepted("a mapping to a field that does not exist is ignored (the column is left unmapped)", async ({ answer }) => {
      expect((answer as { columns: { header: string; field: string | null }[] }).columns.find((c) => c.header === "รหัสโครงการ")?.field).toBeNull();
    }),
  ),
];

// ── table import form fields (admin) ──
const tableForm = (id: string, category: RouteCase["category"], form: Record<string, string>, expect: Expectation): RouteCase => ({ id, surface: "api", category, as: "admin", route: "agencyImport", form, file: AGENCIES, expect });
const tableCases: RouteCase[] = [
  tableForm("api.table.mode-delete", "wrong_type", { mode: "delete" }, refused("validation", { mode: "invalid" }, 422)),
  tableForm("api.table.mode-missing", "missing", {}, refused("validation", { mode: "invalid" }, 422)),
  tableForm("api.table.sha-other-file", "wrong_type", { mode: "commit", expectedSha256: "f".repeat(64) }, refused("import_file_changed", undefined, 409)),
  tableForm("api.table.sha-sql", "sql", { mode: "commit", expectedSha256: "1' OR '1'='1" }, refused("validation", { expectedSha256: "invalid" }, 422)),
];

// ── JSON and download routes: path segments and query strings (read only) ──
const get = (id: string, category: RouteCase["category"], route: RouteCase["route"], expect: Expectation, options: { params?: Record<string, string>; query?: string; as?: RouteCase["as"] } = {}): RouteCase => ({
  id,
  surface: "url",
  category,
  as: options.as ?? "analyst",
  route,
  params: options.params,
  query: options.query,
  expect,
});
const invalidQuery = (...fields: string[]): Expectation => ({ refused: { error: "validation", fields: Object.fromEntries(fields.map((f) => [f, "invalid"])), status: 422 } });
/** Served, with the filter that made no sense left out (the dashboards say which). */
const servedIgnoring: Expectation = accepted("answered without the invalid filter");
const getCases: RouteCase[] = [
  get("url.api.evidence-id-text", "wrong_type", "evidenceFile", notFound, { params: { id: "abc" }, as: "agency_officer" }),
  get("url.api.evidence-id-negative", "wrong_type", "evidenceFile", notFound, { params: { id: "-1" }, as: "agency_officer" }),
  get("url.api.evidence-id-beyond-int", "huge", "evidenceFile", notFound, { params: { id: "2147483648" }, as: "agency_officer" }),
  get("url.api.evidence-id-exponent", "wrong_type", "evidenceFile", notFound, { params: { id: "1e3" }, as: "agency_officer" }),
  get("url.api.evidence-id-traversal", "traversal", "evidenceFile", notFound, { params: { id: "../../etc/passwd" }, as: "agency_officer" }),
  get(
    "url.api.evidence-download-sandboxed",
    "html_injection",
    "evidenceFile",
    accepted("a stored file is only ever an attachment: fixed type, nosniff, sandboxed", async ({ answer }) => {
      const headers = (answer as { headers: Record<string, string> }).headers;
      expect(headers["content-disposition"]).toMatch(/^attachment; filename\*=UTF-8''/);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["content-security-policy"]).toBe("default-src 'none'; sandbox");
    }),
    { params: { id: "{evidence}" }, as: "agency_officer" },
  ),
  get("url.api.evidence-delete-text", "wrong_type", "evidenceDelete", notFound, { params: { id: "x" }, as: "agency_officer" }),
  get("url.api.attachment-id-beyond-int", "huge", "caseAttachmentFile", notFound, { params: { id: "9999999999999999999999" } }),
  get("url.api.report-id-sql", "sql", "reportStatus", notFound, { params: { id: "1;select pg_sleep(10)" } }),
  get("url.api.report-file-id-unicode", "unicode", "reportFile", notFound, { params: { id: "๑" } }),
  get("url.api.agency-code-nul", "control_chars", "agencyJson", notFound, { params: { code: "03002\u0000" } }),
  get("url.api.agency-code-sql", "sql", "agencyJson", notFound, { params: { code: "03002' OR '1'='1" } }),
  get("url.api.agency-code-huge", "huge", "agencyJson", notFound, { params: { code: "9".repeat(10_000) } }),
  get("url.api.agency-search-missing", "missing", "agencySearch", invalidQuery("q"), { query: "kind=parent" }),
  get("url.api.agency-search-blank", "missing", "agencySearch", invalidQuery("q"), { query: "q=%20%20" }),
  get("url.api.agency-search-nul", "control_chars", "agencySearch", invalidQuery("q"), { query: "q=%E0%B8%81%00" }),
  get("url.api.agency-search-huge", "huge", "agencySearch", invalidQuery("q"), { query: `q=${"ก".repeat(5000)}` }),
  get("url.api.agency-search-limit-huge", "huge", "agencySearch", invalidQuery("limit"), { query: "q=0&limit=100000" }),
  get("url.api.agency-search-limit-text", "wrong_type", "agencySearch", invalidQuery("limit"), { query: "q=0&limit=all" }),
  get("url.api.agency-search-kind-sql", "sql", "agencySearch", invalidQuery("kind"), { query: "q=0&kind=parent'%20OR%201=1--" }),
  get("url.api.agency-search-component-traversal", "traversal", "agencySearch", invalidQuery("component"), { query: "q=0&component=../../admin" }),
  get(
    "url.api.agency-search-wildcard",
    "sql",
    "agencySearch",
    accepted("a % or _ in the text is matched literally, not as a wildcard", async ({ answer }) => {
      expect((answer as { agencies: unknown[] }).agencies).toEqual([]);
    }),
    { query: "q=%25_%25" },
  ),
  get(
    "url.api.agency-search-officer-scope",
    "spoofing",
    "agencySearch",
    accepted("an agency officer searching every agency finds only their own", async ({ answer }) => {
      expect((answer as { agencies: { code: string }[] }).agencies.map((a) => a.code)).toEqual(["03002"]);
    }),
    { query: "q=0&limit=50", as: "agency_officer" },
  ),
  get("url.api.dashboard-agency-percent", "malformed", "agencyDashboard", notFound, { params: { code: "%" } }),
  get("url.api.dashboard-agency-nul", "control_chars", "agencyDashboard", notFound, { params: { code: "%00" } }),
  get("url.api.dashboard-component-traversal", "traversal", "componentDashboard", notFound, { params: { code: "../../admin" } }),
  get("url.api.dashboard-component-nul", "control_chars", "componentDashboard", notFound, { params: { code: "upstream\u0000" } }),
  get("url.api.overview-period-markup", "html_injection", "overview", servedIgnoring, { query: "period=%3Cscript%3Ealert(1)%3C%2Fscript%3E" }),
  get("url.api.overview-type-sql", "sql", "overview", servedIgnoring, { query: "period=2570Q1&type=department'--&ministry=03000%20OR%201=1" }),
  get("url.api.overview-repeated-params", "wrong_type", "overview", servedIgnoring, { query: "period=2570Q1&period=2570Q2&period=%00" }),
  get("url.api.provenance-indicator-sql", "sql", "provenance", invalidQuery("indicator"), { query: "indicator=MID-01'%20OR%201=1--&period=2570Q1" }),
  get("url.api.provenance-limit-huge", "huge", "provenance", invalidQuery("limit"), { query: "indicator=MID-01&period=2570Q1&limit=1000000000" }),
  get("url.api.provenance-offset-negative", "wrong_type", "provenance", invalidQuery("offset"), { query: "indicator=MID-01&period=2570Q1&offset=-5" }),
  get("url.api.provenance-missing", "missing", "provenance", invalidQuery("indicator", "period"), { query: "" }),
  get("url.api.provenance-agency-unicode", "unicode", "provenance", invalidQuery("agency"), { query: "indicator=MID-01&period=2570Q1&agency=%E0%B8%81%E0%B8%A3%E0%B8%A1" }),
  get("url.api.provenance-unknown-indicator", "wrong_type", "provenance", notFound, { query: "indicator=NOPE-1&period=2570Q1" }),
  get(
    "url.api.template-format-injection",
    "formula",
    "agencyTemplate",
    accepted("an unknown format gives the xlsx template", async ({ answer }) => {
      expect((answer as { headers: Record<string, string> }).headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }),
    { query: "format=csv%0d%0aContent-Type:text/html", as: "admin" },
  ),
];

// ── bodies that cannot be read at all: every upload and import route answers 400 malformed_body, never a 500 ──
const malformed: Expectation = { refused: { error: "malformed_body", status: 400 } };
const BOUNDARY = "----lamnam-corpus";
const multipart = (bytes: string, boundary = BOUNDARY) => ({ contentType: `multipart/form-data; boundary=${boundary}`, bytes });
/** A file part whose closing boundary never comes (the upload was cut off). */
const CUT_OFF = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="export.csv"\r\nContent-Type: text/csv\r\n\r\nรหัสโครงการ,ชื่อโครงการ\r\nAPI-1,โครง`;
const raw = (id: string, category: RouteCase["category"], as: RouteCase["as"], route: RouteCase["route"], rawBody: RouteCase["rawBody"], params?: Record<string, string>): RouteCase => ({
  id,
  surface: "api",
  category,
  as,
  route,
  params,
  rawBody,
  expect: malformed,
});
const bodyCases: RouteCase[] = [
  raw("api.body.evidence-cut-off", "truncated", "agency_officer", "evidenceUpload", multipart(CUT_OFF), { id: "{submission}" }),
  raw("api.body.evidence-no-boundary", "malformed", "agency_officer", "evidenceUpload", { contentType: "multipart/form-data", bytes: "title=x" }, { id: "{submission}" }),
  raw("api.body.attachment-other-boundary", "malformed", "analyst", "caseAttachmentUpload", multipart(CUT_OFF.replaceAll(BOUNDARY, "----someone-else")), { id: "{case}" }),
  raw("api.body.import-json", "wrong_type", "analyst", "emenscrPreview", { contentType: "application/json", bytes: '{"file": "export.csv", "period": "2570Q1"' }),
  raw("api.body.import-commit-cut-off", "truncated", "analyst", "emenscrCommit", multipart(CUT_OFF)),
  raw("api.body.fix-list-garbage", "malformed", "analyst", "emenscrFixList", multipart("\u0000\u0001PK\u0003\u0004 not multipart at all")),
  raw("api.body.agency-import-json", "wrong_type", "admin", "agencyImport", { contentType: "application/json", bytes: "{'mode': 'commit'" }),
  raw("api.body.target-import-text", "wrong_type", "admin", "targetImport", { contentType: "text/plain; charset=utf-8", bytes: "mode=commit" }),
];

// ── the versioned API (/api/v1, bearer tokens; no session: sent signed out) ──
const v1 = (id: string, category: RouteCase["category"], route: "apiComponents" | "apiFigures" | "apiPlatformFigures", token: string | undefined, expect: Expectation, extra: Partial<RouteCase> = {}): RouteCase => ({
  id,
  surface: "api",
  category,
  as: "signed_out",
  route,
  token,
  expect,
  ...extra,
});
const json = (body: unknown): RouteCase["rawBody"] => ({ contentType: "application/json", bytes: JSON.stringify(body) });
const figure = (overrides: Record<string, unknown> = {}) => ({ clientKey: "corpus-1", agencyCode: "{agency}", indicatorCode: "MID-05", period: "{period}", value: 12, reason: "ทดสอบ", ...overrides });
const post = (id: string, category: RouteCase["category"], body: RouteCase["rawBody"], expect: Expectation, token = "{apiToken.national_token}") => v1(id, category, "apiPlatformFigures", token, expect, { rawBody: body });
const figuresInvalid = (fields: Record<string, string>) => refused("validation", fields, 422);
const v1Cases: RouteCase[] = [
  v1("api.v1.token-missing", "missing", "apiComponents", undefined, refused("missing_token", undefined, 401)),
  v1("api.v1.token-expired", "spoofing", "apiComponents", "{apiToken.expired_token}", refused("expired_token", undefined, 401)),
  v1("api.v1.token-revoked", "spoofing", "apiComponents", "{apiToken.revoked_token}", refused("revoked_token", undefined, 401)),
  v1("api.v1.token-sql", "sql", "apiComponents", "lmn_'OR'1'='1", refused("invalid_token", undefined, 401)),
  v1("api.v1.token-huge", "huge", "apiComponents", `lmn_${"A".repeat(10_000)}`, refused("invalid_token", undefined, 401)),
  v1("api.v1.token-not-bearer", "malformed", "apiComponents", "{apiToken.national_token} extra", refused("missing_token", undefined, 401)),
  v1("api.v1.over-rate", "huge", "apiComponents", "{apiToken.used_up}", refused("rate_limited", undefined, 429)),
  v1("api.v1.scope-nation-for-agency-token", "spoofing", "apiFigures", "{apiToken.agency_token}", refused("out_of_scope", undefined, 403), { query: "scope=nation" }),
  v1("api.v1.scope-other-agency", "spoofing", "apiFigures", "{apiToken.agency_token}", refused("out_of_scope", undefined, 403), { query: "scope=agency&code={otherAgency}" }),
  v1("api.v1.scope-unknown-code-narrow-token", "spoofing", "apiFigures", "{apiToken.ministry_token}", refused("out_of_scope", undefined, 403), { query: "scope=agency&code=99999" }),
  v1("api.v1.query-sql", "sql", "apiFigures", "{apiToken.national_token}", refused("validation", { code: "invalid_parameter" }, 422), { query: "scope=agency&code=1'%20OR%20'1'%3D'1" }),
  v1("api.v1.query-traversal", "traversal", "apiFigures", "{apiToken.national_token}", refused("validation", { code: "invalid_parameter" }, 422), { query: "scope=agency&code=..%2F..%2Fetc%2Fpasswd" }),
  v1("api.v1.query-period-q5", "wrong_type", "apiFigures", "{apiToken.national_token}", refused("validation", { period: "invalid_parameter" }, 422), { query: "period=2570Q5" }),
  post("api.v1.figures-malformed-json", "malformed", { contentType: "application/json", bytes: '{"figures": [' }, refused("malformed_body", undefined, 400)),
  post("api.v1.figures-truncated-json", "truncated", { contentType: "application/json", bytes: JSON.stringify({ figures: [figure()] }).slice(0, 40) }, refused("malformed_body", undefined, 400)),
  post("api.v1.figures-not-json", "wrong_type", { contentType: "text/plain", bytes: "agency=03002&value=12" }, refused("malformed_body", undefined, 400)),
  post("api.v1.figures-oversized", "huge", json({ figures: [figure({ reason: "ก".repeat(400_000) })] }), refused("payload_too_large", undefined, 413)),
  post("api.v1.figures-none", "missing", json({ figures: [] }), figuresInvalid({ figures: "required" })),
  post("api.v1.figures-unknown-agency", "wrong_type", json({ figures: [figure({ agencyCode: "99999" })] }), figuresInvalid({ "figures.0.agencyCode": "unknown_agency" })),
  post("api.v1.figures-unknown-indicator", "wrong_type", json({ figures: [figure({ indicatorCode: "NO-SUCH" })] }), figuresInvalid({ "figures.0.indicatorCode": "unknown_indicator" })),
  post("api.v1.figures-unknown-period", "wrong_type", json({ figures: [figure({ period: "2599Q1" })] }), figuresInvalid({ "figures.0.period": "unknown_period" })),
  post("api.v1.figures-value-text", "wrong_type", json({ figures: [figure({ value: "12" })] }), figuresInvalid({ "figures.0.value": "invalid" })),
  post("api.v1.figures-value-huge", "huge", json({ figures: [figure({ value: 1e20 })] }), figuresInvalid({ "figures.0.value": "too_large" })),
  post("api.v1.figures-percent-over", "wrong_type", json({ figures: [figure({ indicatorCode: "MID-04", value: 150 })] }), figuresInvalid({ "figures.0.value": "percent_range" })),
  post("api.v1.figures-key-nul", "control_chars", json({ figures: [figure({ clientKey: "corpus\u0000key" })] }), figuresInvalid({ "figures.0.clientKey": "invalid" })),
  post("api.v1.figures-agency-formula", "formula", json({ figures: [figure({ agencyCode: "=HYPERLINK(1)" })] }), figuresInvalid({ "figures.0.agencyCode": "invalid" })),
  post("api.v1.figures-agency-markup", "html_injection", json({ figures: [figure({ agencyCode: "<b>03002</b>" })] }), figuresInvalid({ "figures.0.agencyCode": "invalid" })),
  post("api.v1.figures-thai-digits", "unicode", json({ figures: [figure({ agencyCode: "๐๓๐๐๒" })] }), figuresInvalid({ "figures.0.agencyCode": "invalid" })),
  post(
    "api.v1.figures-duplicate-key",
    "regex",
    json({ figures: [figure({ clientKey: "same" }), figure({ clientKey: "same", indicatorCode: "MID-01" })] }),
    figuresInvalid({ "figures.1.clientKey": "duplicate_client_key" }),
  ),
  post("api.v1.figures-read-only-token", "spoofing", json({ figures: [figure()] }), refused("read_only_token", undefined, 403), "{apiToken.ministry_token}"),
  post("api.v1.figures-other-ministry", "spoofing", json({ figures: [figure()] }), refused("out_of_scope", undefined, 403), "{apiToken.other_ministry_token}"),
  post(
    "api.v1.figures-first-post",
    "regex",
    json({ figures: [figure({ clientKey: "corpus-once" })] }),
    accepted("a figure with its reason lands as an api fact", async ({ rows }) => {
      expect(await rows("select f.source, f.state from indicator_facts f join api_figure_posts p on p.fact_id = f.id where p.client_key = 'corpus-once'")).toEqual([{ source: "api", state: "approved" }]);
    }, true),
  ),
  post("api.v1.figures-key-reused", "spoofing", json({ figures: [figure({ clientKey: "corpus-once", value: 13 })] }), refused("client_key_reused", undefined, 409)),
];

export const API_CASES: RouteCase[] = [...linkCases, ...importCases, ...tableCases, ...getCases, ...bodyCases, ...v1Cases];

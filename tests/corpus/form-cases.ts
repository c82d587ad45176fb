// Bad input to every form (server action), as the person who may use the form would send it. Fields not
// named keep a valid value, so each case refuses (or accepts) for the one reason it is about.
import { expect } from "vitest";
import type { CheckContext, Expectation, Fields, FormCase } from "./types";

type Check = (ctx: CheckContext) => Promise<void>;
const refused = (error: string, fields?: Record<string, string | string[]>): Expectation => ({ refused: { error, fields } });
const invalid = (fields: Record<string, string | string[]>) => refused("validation", fields);
const accepted = (says: string, check?: Check, writes = true): Expectation => ({ accepted: { says, writes, check } });

const NUL = "\u0000";
const MARKUP_EMAIL = `<img src=x onerror=alert(1)>@lamnam.demo`;
const SCRIPT = `<script>alert("xss")</script><img src=x onerror=alert(1)>`;
const SQL = `'); DROP TABLE submissions; --`;
/** Thai with stacked combining marks (tone on tone), a zero-width joiner and an emoji sequence. */
const THAI_MARKS = "ก้้้้้ำ่่่ ปั๊๊๊ม 👩‍👩‍👧 ผู้ใหญ่";
const long = (n: number, unit = "ก") => unit.repeat(n);
/** A quarter of the demo not yet open (until the calendar reaches it): template changes go there. */
const UPCOMING = "2570Q4";
const rollover = (fields: Fields): Fields => ({ fiscalYear: "2571", dueDays: "15", targets: "copy", ...fields });

/** Text stored in a column exactly as typed. */
const storedAs = (query: string, expected: unknown): Check => async ({ rows }) => {
  const [row] = await rows(query);
  expect(row?.value).toBe(expected);
};

// ── self-assessment form (the officer's draft of 2570Q1 midstream) ──
const save = (fields: Fields): Fields => ({
  agencyId: "{agencyId}",
  periodId: "{periodId}",
  componentId: "{componentId}",
  version: "{submissionVersion}",
  intent: "save",
  path: "/submissions/{agency}/{period}/{component}",
  ...fields,
});
const submissionText = (column: string) => `select ${column} as value from submissions where id = {submission}`;
const numberItem = "value.{item.number}";

const submissionCases: Omit<FormCase, "surface" | "as" | "action">[] = [
  { id: "form.submission.number-in-words", category: "wrong_type", form: save({ [numberItem]: "สิบสอง" }), expect: invalid({ [numberItem]: "not_a_number" }) },
  { id: "form.submission.number-hex", category: "wrong_type", form: save({ [numberItem]: "0x1A" }), expect: invalid({ [numberItem]: "not_a_number" }) },
  { id: "form.submission.number-infinity", category: "wrong_type", form: save({ [numberItem]: "Infinity" }), expect: invalid({ [numberItem]: "not_a_number" }) },
  { id: "form.submission.number-ambiguous-comma", category: "wrong_type", form: save({ [numberItem]: "12,5" }), expect: invalid({ [numberItem]: "not_a_number" }) },
  { id: "form.submission.number-negative", category: "wrong_type", form: save({ [numberItem]: "-5" }), expect: invalid({ [numberItem]: "negative" }) },
  { id: "form.submission.number-1e300", category: "huge", form: save({ [numberItem]: "1e300" }), expect: invalid({ [numberItem]: "too_large" }) },
  { id: "form.submission.number-17-digits", category: "huge", form: save({ [numberItem]: "12345678901234567" }), expect: invalid({ [numberItem]: "too_large" }) },
  { id: "form.submission.number-sql", category: "sql", form: save({ [numberItem]: "1; DELETE FROM submission_values" }), expect: invalid({ [numberItem]: "not_a_number" }) },
  { id: "form.submission.number-twice", category: "wrong_type", form: save({ [numberItem]: ["1", "2"] }), expect: invalid({ [numberItem]: "invalid" }) },
  { id: "form.submission.percent-over-100", category: "huge", form: save({ "value.{item.percent}": "150" }), expect: invalid({ "value.{item.percent}": "percent_range" }) },
  { id: "form.submission.level-six", category: "wrong_type", form: save({ "value.{item.level}": "6" }), expect: invalid({ "value.{item.level}": "level_range" }) },
  { id: "form.submission.level-markup", category: "html_injection", form: save({ "value.{item.level}": SCRIPT }), expect: invalid({ "value.{item.level}": "level_range" }) },
  { id: "form.submission.narrative-too-long", category: "huge", form: save({ progress: long(4001) }), expect: invalid({ progress: "too_long" }) },
  { id: "form.submission.narrative-megabyte", category: "huge", form: save({ problems: long(1_000_000, "x") }), expect: invalid({ problems: "too_long" }) },
  { id: "form.submission.note-too-long", category: "huge", form: save({ "note.{item.number}": long(1001) }), expect: invalid({ "note.{item.number}": "too_long" }) },
  { id: "form.submission.narrative-nul", category: "control_chars", form: save({ progress: `ก่อน${NUL}หลัง` }), expect: invalid({ progress: "invalid_characters" }) },
  { id: "form.submission.version-text", category: "wrong_type", form: save({ version: "latest" }), expect: invalid({ version: "invalid" }) },
  { id: "form.submission.version-huge", category: "huge", form: save({ version: "1e400" }), expect: invalid({ version: "invalid" }) },
  { id: "form.submission.agency-sql", category: "sql", form: save({ agencyId: "1 OR 1=1" }), expect: invalid({ agencyId: "invalid" }) },
  { id: "form.submission.period-negative", category: "wrong_type", form: save({ periodId: "-1" }), expect: invalid({ periodId: "invalid" }) },
  { id: "form.submission.intent-approve", category: "wrong_type", form: save({ intent: "approve" }), expect: invalid({ intent: "invalid" }) },
  { id: "form.submission.path-offsite", category: "traversal", form: save({ path: "https://evil.example/submissions/" }), expect: invalid({ path: "invalid" }) },
  { id: "form.submission.missing-ids", category: "missing", form: { intent: "save", path: "/submissions/x" }, expect: invalid({ agencyId: "invalid", periodId: "invalid", componentId: "invalid", version: "invalid" }) },
  {
    id: "form.submission.thai-digits",
    category: "unicode",
    form: save({ [numberItem]: "๑,๒๓๔" }),
    expect: accepted("Thai digits are read as the number", storedAs(`select numeric_value::float8 as value from submission_values where submission_id = {submission} and item_id = {item.number}`, 1234)),
  },
  {
    id: "form.submission.zero-width-in-number",
    category: "unicode",
    form: save({ [numberItem]: "1\u200B2\u200D3" }),
    expect: accepted("zero-width characters pasted with a number are dropped", storedAs(`select numeric_value::float8 as value from submission_values where submission_id = {submission} and item_id = {item.number}`, 123)),
  },
  {
    id: "form.submission.thai-marks",
    category: "unicode",
    form: save({ progress: THAI_MARKS }),
    expect: accepted("stacked Thai marks and emoji kept; the zero-width joiners dropped like every invisible character", storedAs(submissionText("progress_text"), THAI_MARKS.replaceAll("\u200D", ""))),
  },
  {
    id: "form.submission.rtl-override",
    category: "unicode",
    form: save({ problems: "งบ\u202Eประมาณ\u202C ล่าช้า" }),
    expect: accepted("direction overrides that would reorder the text on screen are removed", storedAs(submissionText("problems_text"), "งบประมาณ ล่าช้า")),
  },
  { id: "form.submission.markup", category: "html_injection", form: save({ support: SCRIPT }), expect: accepted("markup stored as the text typed (React shows it as text)", storedAs(submissionText("support_text"), SCRIPT)) },
  {
    id: "form.submission.sql-text",
    category: "sql",
    form: save({ progress: SQL }),
    expect: accepted("SQL metacharacters stored as text, nothing executed", async (ctx) => {
      await storedAs(submissionText("progress_text"), SQL)(ctx);
      expect((await ctx.rows("select count(*)::int as n from submissions"))[0]!.n).toBeGreaterThan(0);
    }),
  },
  {
    id: "form.submission.unknown-item",
    category: "wrong_type",
    form: save({ "value.999999999": "5", [numberItem]: "7" }),
    expect: accepted("a value for an item not on the form is ignored", async ({ rows }) => {
      expect(await rows("select 1 from submission_values where item_id = 999999999")).toEqual([]);
    }),
  },
];

// ── workflow buttons (the head endorses the officer's draft) ──
const transition = (fields: Fields): Fields => ({ submissionId: "{submission}", version: "{submissionVersion}", action: "endorse", path: "/submissions/{agency}/{period}/{component}", ...fields });
const transitionCases: Omit<FormCase, "surface" | "as" | "action">[] = [
  { id: "form.transition.unknown-action", category: "wrong_type", form: transition({ action: "delete" }), expect: invalid({ action: "invalid" }) },
  { id: "form.transition.save-is-not-a-button", category: "wrong_type", form: transition({ action: "save" }), expect: invalid({ action: "invalid" }) },
  { id: "form.transition.id-text", category: "wrong_type", form: transition({ submissionId: "abc" }), expect: invalid({ submissionId: "invalid" }) },
  { id: "form.transition.id-sql", category: "sql", form: transition({ submissionId: "1 UNION SELECT password_hash FROM users" }), expect: invalid({ submissionId: "invalid" }) },
  { id: "form.transition.reason-too-long", category: "huge", form: transition({ action: "return_to_officer", reason: long(2001) }), expect: invalid({ reason: "too_long" }) },
  { id: "form.transition.reason-nul", category: "control_chars", form: transition({ action: "return_to_officer", reason: `แก้${NUL}ไข` }), expect: invalid({ reason: "invalid_characters" }) },
  { id: "form.transition.path-traversal", category: "traversal", form: transition({ path: "../../admin" }), expect: invalid({ path: "invalid" }) },
];

// ── an analyst confirming a value held as implausible ──
const confirm = (fields: Fields): Fields => ({ factId: "{heldFact}", note: "ตรวจหลักฐานแล้ว", path: "/submissions/{agency}/{period}/{component}", ...fields });
const confirmCases: Omit<FormCase, "surface" | "as" | "action">[] = [
  { id: "form.confirm-held.no-note", category: "missing", form: confirm({ note: "   " }), expect: invalid({ note: "required" }) },
  { id: "form.confirm-held.note-too-long", category: "huge", form: confirm({ note: long(1001) }), expect: invalid({ note: "too_long" }) },
  { id: "form.confirm-held.note-nul", category: "control_chars", form: confirm({ note: `ยืนยัน${NUL}` }), expect: invalid({ note: "invalid_characters" }) },
  { id: "form.confirm-held.fact-text", category: "wrong_type", form: confirm({ factId: "abc" }), expect: invalid({ factId: "invalid" }) },
  { id: "form.confirm-held.fact-sql", category: "sql", form: confirm({ factId: "1 OR 1=1" }), expect: invalid({ factId: "invalid" }) },
  { id: "form.confirm-held.fact-unknown", category: "wrong_type", form: confirm({ factId: "2147483647" }), expect: refused("not_found") },
];

// ── follow-up cases (analyst), the agency's response (officer) ──
const caseUpdate = (fields: Fields): Fields => ({ caseId: "{case}", version: "{caseVersion}", ...fields });
const caseCases: Omit<FormCase, "surface" | "action">[] = [
  { id: "form.recompute.period-text", category: "wrong_type", as: "analyst", form: { periodId: "2570Q1" }, expect: invalid({ periodId: "invalid" }) },
  { id: "form.open-case.no-flags", category: "missing", as: "analyst", form: { plannedActions: "ติดตาม" }, expect: invalid({ flagIds: "required" }) },
  { id: "form.open-case.flag-text", category: "wrong_type", as: "analyst", form: { flagIds: "abc" }, expect: invalid({ "flagIds.0": "invalid" }) },
  { id: "form.open-case.flag-sql", category: "sql", as: "analyst", form: { flagIds: "1) OR (1=1" }, expect: invalid({ "flagIds.0": "invalid" }) },
  { id: "form.open-case.flag-unknown", category: "wrong_type", as: "analyst", form: { flagIds: "2147483647" }, expect: refused("not_found") },
  { id: "form.open-case.flag-beyond-int", category: "huge", as: "analyst", form: { flagIds: "2147483648" }, expect: invalid({ "flagIds.0": "invalid" }) },
  { id: "form.open-case.flag-1e20", category: "huge", as: "analyst", form: { flagIds: "99999999999999999999" }, expect: invalid({ "flagIds.0": "invalid" }) },
  { id: "form.open-case.due-impossible", category: "wrong_type", as: "analyst", form: { flagIds: "{flag}", dueOn: "2570-02-30" }, expect: invalid({ dueOn: "invalid_date" }) },
  { id: "form.open-case.due-thai-format", category: "wrong_type", as: "analyst", form: { flagIds: "{flag}", dueOn: "31/12/2569" }, expect: invalid({ dueOn: "invalid_date" }) },
  { id: "form.open-case.plan-too-long", category: "huge", as: "analyst", form: { flagIds: "{flag}", plannedActions: long(4001) }, expect: invalid({ plannedActions: "too_long" }) },
  { id: "form.open-case.assignee-executive", category: "wrong_type", as: "analyst", form: { flagIds: "{flag}", assigneeId: "{user.executive}" }, expect: invalid({ assigneeId: "invalid_assignee" }) },
  { id: "form.open-case.assignee-negative", category: "wrong_type", as: "analyst", form: { flagIds: "{flag}", assigneeId: "-3" }, expect: invalid({ assigneeId: "invalid" }) },
  { id: "form.update-case.version-text", category: "wrong_type", as: "analyst", form: caseUpdate({ version: "abc", note: "x" }), expect: invalid({ version: "invalid" }) },
  { id: "form.update-case.version-stale", category: "wrong_type", as: "analyst", form: caseUpdate({ version: "999", note: "x" }), expect: refused("stale_version") },
  { id: "form.update-case.status-unknown", category: "wrong_type", as: "analyst", form: caseUpdate({ status: "closed" }), expect: invalid({ status: "invalid" }) },
  { id: "form.update-case.resolve-without-reason", category: "missing", as: "analyst", form: caseUpdate({ status: "resolved" }), expect: invalid({ resolution: "resolution_required" }) },
  { id: "form.update-case.due-zero", category: "wrong_type", as: "analyst", form: caseUpdate({ dueOn: "0000-00-00" }), expect: invalid({ dueOn: "invalid_date" }) },
  { id: "form.update-case.id-sql", category: "sql", as: "analyst", form: caseUpdate({ caseId: "1;DROP TABLE follow_up_cases", note: "x" }), expect: invalid({ caseId: "invalid" }) },
  { id: "form.update-case.note-nul", category: "control_chars", as: "analyst", form: caseUpdate({ note: `บันทึก${NUL}` }), expect: invalid({ note: "invalid_characters" }) },
  { id: "form.update-case.note-megabyte", category: "huge", as: "analyst", form: caseUpdate({ note: long(1_000_000, "ข") }), expect: invalid({ note: "too_long" }) },
  {
    id: "form.update-case.note-markup",
    category: "html_injection",
    as: "analyst",
    form: caseUpdate({ note: SCRIPT }),
    expect: accepted("markup in a note stored as typed", storedAs("select body as value from case_events where case_id = {case} and kind = 'note' order by id desc limit 1", SCRIPT)),
  },
  { id: "form.respond.blank", category: "missing", as: "agency_officer", form: { caseId: "{case}", explanation: "   \u200B\u2060 " }, expect: invalid({ explanation: "required" }) },
  { id: "form.respond.case-beyond-int", category: "huge", as: "agency_officer", form: { caseId: "4294967296", explanation: "ชี้แจง" }, expect: invalid({ caseId: "invalid" }) },
  { id: "form.respond.too-long", category: "huge", as: "agency_officer", form: { caseId: "{case}", explanation: long(4001) }, expect: invalid({ explanation: "too_long" }) },
  { id: "form.respond.planned-by-words", category: "wrong_type", as: "agency_officer", form: { caseId: "{case}", explanation: "ชี้แจง", plannedBy: "สัปดาห์หน้า" }, expect: invalid({ plannedBy: "invalid_date" }) },
  {
    id: "form.respond.thai-marks",
    category: "unicode",
    as: "agency_officer",
    form: { caseId: "{case}", explanation: THAI_MARKS },
    expect: accepted("stored as typed", storedAs("select body as value from case_events where case_id = {case} and kind = 'agency_response' order by id desc limit 1", THAI_MARKS)),
  },
];

// ── the worklist (analyst): bulk follow-up of ticked agencies, a ministry's case; its weights (admin) ──
const bulk = (fields: Fields): Fields => ({ periodId: "{periodId}", agencyIds: "{agencyId}", action: "assign", assigneeId: "{user.analyst}", ...fields });
const weights = (fields: Fields): Fields => ({
  version: "0",
  "weights.severity.low": "1",
  "weights.severity.medium": "2",
  "weights.severity.high": "4",
  "weights.severity.critical": "8",
  "weights.openFlags": "1",
  "weights.budget": "0.5",
  "weights.recurrence": "0.5",
  "weights.age": "0.25",
  ...fields,
});
const worklistCases: Omit<FormCase, "surface">[] = [
  { id: "form.bulk.waive-without-reason", category: "missing", as: "analyst", action: "bulkFollowUp", form: bulk({ action: "waive", assigneeId: "" }), expect: invalid({ reason: "waiver_reason_required" }) },
  { id: "form.bulk.waive-blank-reason", category: "control_chars", as: "analyst", action: "bulkFollowUp", form: bulk({ action: "waive", reason: " \u200B\u2060 " }), expect: invalid({ reason: "waiver_reason_required" }) },
  { id: "form.bulk.due-in-past", category: "wrong_type", as: "analyst", action: "bulkFollowUp", form: bulk({ action: "due", dueOn: "2020-01-01" }), expect: invalid({ dueOn: "date_in_past" }) },
  { id: "form.bulk.due-thai-format", category: "wrong_type", as: "analyst", action: "bulkFollowUp", form: bulk({ action: "due", dueOn: "31/12/2599" }), expect: invalid({ dueOn: "invalid_date" }) },
  { id: "form.bulk.agency-unknown", category: "wrong_type", as: "analyst", action: "bulkFollowUp", form: bulk({ agencyIds: ["{agencyId}", "2147483647"] }), expect: refused("not_found") },
  { id: "form.bulk.agency-sql", category: "sql", as: "analyst", action: "bulkFollowUp", form: bulk({ agencyIds: "1) OR (1=1" }), expect: invalid({ "agencyIds.0": "invalid" }) },
  { id: "form.bulk.no-agencies", category: "missing", as: "analyst", action: "bulkFollowUp", form: bulk({ agencyIds: [] }), expect: invalid({ agencyIds: "required" }) },
  { id: "form.bulk.too-many-agencies", category: "huge", as: "analyst", action: "bulkFollowUp", form: bulk({ agencyIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) }), expect: invalid({ agencyIds: "too_many" }) },
  { id: "form.bulk.action-unknown", category: "wrong_type", as: "analyst", action: "bulkFollowUp", form: bulk({ action: "delete" }), expect: invalid({ action: "invalid" }) },
  { id: "form.bulk.period-unknown", category: "wrong_type", as: "analyst", action: "bulkFollowUp", form: bulk({ periodId: "2147483647" }), expect: refused("not_found") },
  { id: "form.group-case.scope-unknown", category: "wrong_type", as: "analyst", action: "openGroupCase", form: { periodId: "{periodId}", scope: "region", key: "03000" }, expect: invalid({ scope: "invalid" }) },
  { id: "form.group-case.ministry-unknown", category: "wrong_type", as: "analyst", action: "openGroupCase", form: { periodId: "{periodId}", scope: "ministry", key: "99999" }, expect: refused("not_found") },
  { id: "form.group-case.province-markup", category: "html_injection", as: "analyst", action: "openGroupCase", form: { periodId: "{periodId}", scope: "province", key: SCRIPT }, expect: refused("not_found") },
  { id: "form.group-case.due-in-past", category: "wrong_type", as: "analyst", action: "openGroupCase", form: { periodId: "{periodId}", scope: "ministry", key: "03000", dueOn: "2020-01-01" }, expect: invalid({ dueOn: "date_in_past" }) },
  { id: "form.weights.budget-over", category: "huge", as: "admin", action: "updatePriorityWeights", form: weights({ "weights.budget": "9" }), expect: invalid({ "weights.budget": "weight_out_of_range" }) },
  { id: "form.weights.severity-negative", category: "wrong_type", as: "admin", action: "updatePriorityWeights", form: weights({ "weights.severity.high": "-1" }), expect: invalid({ "weights.severity.high": "weight_out_of_range" }) },
  { id: "form.weights.words", category: "wrong_type", as: "admin", action: "updatePriorityWeights", form: weights({ "weights.age": "สูง" }), expect: invalid({ "weights.age": "weight_out_of_range" }) },
  { id: "form.weights.infinity", category: "huge", as: "admin", action: "updatePriorityWeights", form: weights({ "weights.openFlags": "1e400" }), expect: invalid({ "weights.openFlags": "weight_out_of_range" }) },
];

// ── report request (analyst; the officer only for the own agency) ──
const report = (fields: Fields): Fields => ({ period: "2570Q1", scope: "agency", code: "{agency}", format: "csv", locale: "th", ...fields });
const reportCases: Omit<FormCase, "surface" | "action">[] = [
  { id: "form.report.quarter-five", category: "wrong_type", as: "analyst", form: report({ period: "2570Q5" }), expect: invalid({ period: "invalidPeriod" }) },
  { id: "form.report.period-markup", category: "html_injection", as: "analyst", form: report({ period: SCRIPT }), expect: invalid({ period: "invalidPeriod" }) },
  { id: "form.report.year-for-quarter", category: "wrong_type", as: "analyst", form: report({ period: "2570" }), expect: invalid({ period: "invalidPeriod" }) },
  { id: "form.report.span-unknown", category: "wrong_type", as: "analyst", form: report({ span: "decade" }), expect: invalid({ span: "invalidSpan" }) },
  { id: "form.report.scope-unknown", category: "wrong_type", as: "analyst", form: report({ scope: "planet" }), expect: invalid({ scope: "invalidScope" }) },
  { id: "form.report.format-exe", category: "wrong_type", as: "analyst", form: report({ format: "exe" }), expect: invalid({ format: "invalidFormat" }) },
  { id: "form.report.locale-unknown", category: "wrong_type", as: "analyst", form: report({ locale: "xx" }), expect: invalid({ locale: "invalid" }) },
  { id: "form.report.code-missing", category: "missing", as: "analyst", form: report({ code: "" }), expect: invalid({ code: "scopeCodeRequired" }) },
  { id: "form.report.code-too-long", category: "huge", as: "analyst", form: report({ code: long(41, "9") }), expect: invalid({ code: "too_long" }) },
  { id: "form.report.code-traversal", category: "traversal", as: "analyst", form: report({ code: "../../etc/passwd" }), expect: refused("not_found") },
  { id: "form.report.period-unknown", category: "wrong_type", as: "analyst", form: report({ period: "2999Q1" }), expect: refused("not_found") },
  { id: "form.report.officer-national", category: "wrong_type", as: "agency_officer", form: report({ scope: "national", code: "" }), expect: invalid({ scope: "reportOwnAgencyOnly" }) },
  { id: "form.report.code-nul", category: "control_chars", as: "analyst", form: report({ code: `03002${NUL}` }), expect: invalid({ code: "invalid_characters" }) },
];

// ── eMENSCR import helpers (analyst) ──
const importCases: Omit<FormCase, "surface" | "as">[] = [
  { id: "form.alias.blank", category: "missing", action: "mapAgencyAlias", form: { rawText: " \u200B ", agencyId: "{agencyId}" }, expect: invalid({ rawText: "required" }) },
  { id: "form.alias.too-long", category: "huge", action: "mapAgencyAlias", form: { rawText: long(501), agencyId: "{agencyId}" }, expect: invalid({ rawText: "too_long" }) },
  { id: "form.alias.agency-text", category: "wrong_type", action: "mapAgencyAlias", form: { rawText: "กรมทดสอบ", agencyId: "กรมการปกครอง" }, expect: invalid({ agencyId: "invalid" }) },
  { id: "form.alias.agency-unknown", category: "wrong_type", action: "mapAgencyAlias", form: { rawText: "กรมทดสอบ", agencyId: "2147483646" }, expect: invalid({ agencyId: "unknown_agency" }) },
  { id: "form.alias.nul", category: "control_chars", action: "mapAgencyAlias", form: { rawText: `กรม${NUL}`, agencyId: "{agencyId}" }, expect: invalid({ rawText: "invalid_characters" }) },
  { id: "form.profile.mapping-not-json", category: "malformed", action: "saveMappingProfile", form: { name: "แบบ", mapping: "{not json" }, expect: invalid({ mapping: "validation" }) },
  { id: "form.profile.mapping-array", category: "wrong_type", action: "saveMappingProfile", form: { name: "แบบ", mapping: '["projectCode"]' }, expect: invalid({ mapping: "validation" }) },
  { id: "form.profile.mapping-number", category: "wrong_type", action: "saveMappingProfile", form: { name: "แบบ", mapping: '{"รหัส": 5}' }, expect: invalid({ mapping: "validation" }) },
  { id: "form.profile.mapping-huge", category: "huge", action: "saveMappingProfile", form: { name: "แบบ", mapping: `{"a":"${long(50_001, "a")}"}` }, expect: invalid({ mapping: "too_long" }) },
  { id: "form.profile.name-blank", category: "missing", action: "saveMappingProfile", form: { name: "", mapping: "{}" }, expect: invalid({ name: "required" }) },
  {
    id: "form.profile.proto-key",
    category: "malformed",
    action: "saveMappingProfile",
    form: { name: "โปรโตไทป์", mapping: '{"__proto__": "projectCode", "constructor": "projectName"}' },
    expect: accepted("a __proto__ key is an ordinary key: nothing else gains a field", async () => {
      expect(({} as Record<string, unknown>).projectCode).toBeUndefined();
    }),
  },
  { id: "form.rule.regex-invalid", category: "regex", action: "createRule", form: { componentId: "{componentId}", field: "name", match: "regex", pattern: "([" }, expect: invalid({ pattern: "rule_pattern_invalid" }) },
  { id: "form.rule.regex-nested-quantifier", category: "regex", action: "createRule", form: { componentId: "{componentId}", field: "name", match: "regex", pattern: "(ก+)+$" }, expect: invalid({ pattern: "rule_pattern_unsafe" }) },
  { id: "form.rule.regex-overlapping-alternation", category: "regex", action: "createRule", form: { componentId: "{componentId}", field: "any", match: "regex", pattern: "(ดิจิทัล|ดิจิ)*ระบบ" }, expect: invalid({ pattern: "rule_pattern_unsafe" }) },
  { id: "form.rule.regex-backreference", category: "regex", action: "createRule", form: { componentId: "{componentId}", field: "name", match: "regex", pattern: "(a*)*\\1" }, expect: invalid({ pattern: "rule_pattern_unsafe" }) },
  { id: "form.rule.pattern-too-long", category: "huge", action: "createRule", form: { componentId: "{componentId}", field: "name", match: "keyword", pattern: long(201) }, expect: invalid({ pattern: "rule_pattern_too_long" }) },
  { id: "form.rule.pattern-blank", category: "missing", action: "createRule", form: { componentId: "{componentId}", field: "name", match: "keyword", pattern: "   " }, expect: invalid({ pattern: "rule_pattern_empty" }) },
  { id: "form.rule.field-sql", category: "sql", action: "createRule", form: { componentId: "{componentId}", field: "name; DROP TABLE component_rules", match: "keyword", pattern: "x" }, expect: invalid({ field: "invalid" }) },
  { id: "form.rule.component-unknown", category: "wrong_type", action: "createRule", form: { componentId: "2147483647", field: "name", match: "keyword", pattern: "ดิจิทัล" }, expect: invalid({ componentId: "unknown_component" }) },
  {
    id: "form.rule.keyword-sql",
    category: "sql",
    action: "createRule",
    form: { componentId: "{componentId}", field: "name", match: "keyword", pattern: "'; DROP TABLE component_rules; --" },
    expect: accepted("a keyword with SQL metacharacters is stored as text", storedAs("select pattern as value from component_rules order by id desc limit 1", "'; DROP TABLE component_rules; --")),
  },
  { id: "form.rule.toggle-active-yes", category: "wrong_type", action: "toggleRule", form: { ruleId: "{componentRule}", active: "yes" }, expect: invalid({ active: "invalid" }) },
  { id: "form.rule.toggle-unknown", category: "wrong_type", action: "toggleRule", form: { ruleId: "2147483647", active: "true" }, expect: refused("not_found") },
  { id: "form.link.project-unknown", category: "wrong_type", action: "linkProject", form: { projectCode: "' OR ''='", componentId: "{componentId}" }, expect: invalid({ projectCode: "unknown_project" }) },
  { id: "form.link.project-too-long", category: "huge", action: "linkProject", form: { projectCode: long(101, "P"), componentId: "{componentId}" }, expect: invalid({ projectCode: "too_long" }) },
  { id: "form.rollback.batch-text", category: "wrong_type", action: "rollbackBatch", form: { batchId: "latest" }, expect: invalid({ batchId: "invalid" }) },
  { id: "form.rollback.batch-unknown", category: "wrong_type", action: "rollbackBatch", form: { batchId: "2147483647" }, expect: refused("not_found") },
  { id: "form.rollback.batch-beyond-int", category: "huge", action: "rollbackBatch", form: { batchId: "2147483648" }, expect: invalid({ batchId: "invalid" }) },
];

// ── targets, templates, rules, agencies, users, periods (admin) ──
const target = (fields: Fields): Fields => ({ indicatorCode: "{indicator.number}", periodCode: "2570Q1", value: "10", ...fields });
const agency = (fields: Fields): Fields => ({ code: "CORPUS-A", nameTh: "หน่วยงานทดสอบข้อมูลผิด", nameEn: "Corpus agency", type: "department", ...fields });
const user = (fields: Fields): Fields => ({ email: "corpus-user@lamnam.test", name: "ผู้ใช้ทดสอบ", role: "analyst", password: "a-long-enough-password", ...fields });
const rule = (fields: Fields): Fields => ({ ruleId: "{rule.KPI_BELOW_TARGET}", version: "{ruleVersion.KPI_BELOW_TARGET}", severity: "medium", active: "on", "params.minShareOfTarget": "0.9", ...fields });
const adminCases: Omit<FormCase, "surface" | "as">[] = [
  { id: "form.target.value-1e30", category: "huge", action: "setTarget", form: target({ value: "1e30" }), expect: invalid({ value: "too_large" }) },
  { id: "form.target.value-words", category: "wrong_type", action: "setTarget", form: target({ value: "สิบ" }), expect: invalid({ value: "not_a_number" }) },
  { id: "form.target.percent-over", category: "huge", action: "setTarget", form: target({ indicatorCode: "{indicator.percent}", value: "250" }), expect: invalid({ value: "percent_range" }) },
  { id: "form.target.indicator-unknown", category: "wrong_type", action: "setTarget", form: target({ indicatorCode: "NOPE-99" }), expect: invalid({ indicatorCode: "unknown_indicator" }) },
  { id: "form.target.period-traversal", category: "traversal", action: "setTarget", form: target({ periodCode: "../2570Q1" }), expect: invalid({ periodCode: "unknown_period" }) },
  { id: "form.target.agency-unknown", category: "wrong_type", action: "setTarget", form: target({ agencyCode: "99999" }), expect: invalid({ agencyCode: "unknown_agency" }) },
  { id: "form.target.value-array", category: "wrong_type", action: "setTarget", form: target({ value: ["1", "2"] }), expect: invalid({ value: "invalid" }) },
  {
    id: "form.target.thai-digits",
    category: "unicode",
    action: "setTarget",
    form: target({ indicatorCode: "{indicator.percent}", value: "๘๕" }),
    expect: accepted("Thai digits read as 85", storedAs("select value::float8 as value from targets t join indicators i on i.id = t.indicator_id join periods p on p.id = t.period_id where i.code = '{indicator.percent}' and p.code = '2570Q1' and t.agency_id is null", 85)),
  },
  { id: "form.template.kind-unknown", category: "wrong_type", action: "addTemplateItem", form: { kind: "formula", componentCode: "{component}", fromPeriod: UPCOMING }, expect: invalid({ kind: "invalid" }) },
  { id: "form.template.question-blank", category: "missing", action: "addTemplateItem", form: { kind: "question", componentCode: "{component}", fromPeriod: UPCOMING, questionTh: " ", answerType: "text" }, expect: invalid({ questionTh: "required" }) },
  { id: "form.template.question-too-long", category: "huge", action: "addTemplateItem", form: { kind: "question", componentCode: "{component}", fromPeriod: UPCOMING, questionTh: long(501), answerType: "text" }, expect: invalid({ questionTh: "too_long" }) },
  { id: "form.template.answer-type-file", category: "wrong_type", action: "addTemplateItem", form: { kind: "question", componentCode: "{component}", fromPeriod: UPCOMING, questionTh: "แนบไฟล์", answerType: "file" }, expect: invalid({ answerType: "required" }) },
  { id: "form.template.component-unknown", category: "wrong_type", action: "addTemplateItem", form: { kind: "question", componentCode: "../upstream", fromPeriod: UPCOMING, questionTh: "คำถาม", answerType: "text" }, expect: refused("not_found") },
  { id: "form.template.question-nul", category: "control_chars", action: "addTemplateItem", form: { kind: "question", componentCode: "{component}", fromPeriod: UPCOMING, questionTh: `คำถาม${NUL}`, answerType: "text" }, expect: invalid({ questionTh: "invalid_characters" }) },
  {
    id: "form.template.question-markup",
    category: "html_injection",
    action: "addTemplateItem",
    form: { kind: "question", componentCode: "{component}", fromPeriod: UPCOMING, questionTh: SCRIPT, answerType: "text" },
    expect: accepted("markup stored as the question's text", storedAs("select question_th as value from assessment_items order by id desc limit 1", SCRIPT)),
  },
  { id: "form.template.toggle-item-text", category: "wrong_type", action: "updateTemplateItem", form: { fromPeriod: UPCOMING, itemId: "first", field: "required", value: "true" }, expect: invalid({ itemId: "invalid" }) },
  { id: "form.template.toggle-field-sql", category: "sql", action: "updateTemplateItem", form: { fromPeriod: UPCOMING, itemId: "{templateItem}", field: "required = false, code", value: "true" }, expect: invalid({ field: "invalid" }) },
  // A change to a form applies to quarters not yet open, never to one whose forms are being filled in.
  { id: "form.template.quarter-open", category: "wrong_type", action: "addTemplateItem", form: { kind: "question", componentCode: "{component}", fromPeriod: "{period}", questionTh: "คำถามใหม่", answerType: "text" }, expect: refused("template_quarter_open") },
  { id: "form.template.toggle-quarter-open", category: "wrong_type", action: "updateTemplateItem", form: { itemId: "{templateItem}", fromPeriod: "{period}", field: "required", value: "false" }, expect: refused("template_quarter_open") },
  { id: "form.template.quarter-unknown", category: "wrong_type", action: "addTemplateItem", form: { kind: "question", componentCode: "{component}", fromPeriod: "2570Q9", questionTh: "คำถามใหม่", answerType: "text" }, expect: invalid({ fromPeriod: "unknown_period" }) },
  { id: "form.template.bounds-min-above-max", category: "wrong_type", action: "setItemBounds", form: { itemId: "{templateItem}", fromPeriod: UPCOMING, plausibleMin: "50", plausibleMax: "5" }, expect: invalid({ plausibleMin: "min_above_max" }) },
  { id: "form.template.bounds-words", category: "wrong_type", action: "setItemBounds", form: { itemId: "{templateItem}", fromPeriod: UPCOMING, plausibleMin: "ห้าสิบ" }, expect: invalid({ plausibleMin: "not_a_number" }) },
  { id: "form.template.bounds-sql", category: "sql", action: "setItemBounds", form: { itemId: "{templateItem}", fromPeriod: UPCOMING, plausibleMax: "1; DROP TABLE assessment_items" }, expect: invalid({ plausibleMax: "not_a_number" }) },
  { id: "form.template.bounds-item-text", category: "wrong_type", action: "setItemBounds", form: { itemId: "first", fromPeriod: UPCOMING, plausibleMax: "5" }, expect: invalid({ itemId: "invalid" }) },
  { id: "form.template.quarter-missing", category: "missing", action: "updateTemplateItem", form: { itemId: "{templateItem}", field: "required", value: "false" }, expect: invalid({ fromPeriod: "required" }) },
  { id: "form.rule.param-words", category: "wrong_type", action: "updateRule", form: rule({ "params.minShareOfTarget": "ครึ่งหนึ่ง" }), expect: invalid({ "params.minShareOfTarget": "invalid_parameter" }) },
  { id: "form.rule.param-overflow", category: "huge", action: "updateRule", form: rule({ "params.minShareOfTarget": "1e309" }), expect: invalid({ "params.minShareOfTarget": "invalid_parameter" }) },
  { id: "form.rule.severity-unknown", category: "wrong_type", action: "updateRule", form: rule({ severity: "apocalyptic" }), expect: invalid({ severity: "invalid" }) },
  { id: "form.rule.version-text", category: "wrong_type", action: "updateRule", form: rule({ version: "newest" }), expect: invalid({ version: "invalid" }) },
  { id: "form.rule.version-stale", category: "wrong_type", action: "updateRule", form: rule({ version: "9999" }), expect: refused("stale_version") },
  { id: "form.agency.code-space", category: "wrong_type", action: "saveAgency", form: agency({ code: "03 002 1" }), expect: invalid({ code: "invalid_code" }) },
  { id: "form.agency.code-markup", category: "html_injection", action: "saveAgency", form: agency({ code: "<b>X</b>" }), expect: invalid({ code: "invalid_code" }) },
  { id: "form.agency.code-traversal", category: "traversal", action: "saveAgency", form: agency({ code: "../../etc" }), expect: invalid({ code: "invalid_code" }) },
  { id: "form.agency.code-too-long", category: "huge", action: "saveAgency", form: agency({ code: long(21, "9") }), expect: invalid({ code: "too_long" }) },
  { id: "form.agency.names-missing", category: "missing", action: "saveAgency", form: agency({ nameTh: "\u200B", nameEn: "" }), expect: invalid({ nameTh: "required", nameEn: "required" }) },
  { id: "form.agency.name-too-long", category: "huge", action: "saveAgency", form: agency({ nameTh: long(301) }), expect: invalid({ nameTh: "too_long" }) },
  { id: "form.agency.type-unknown", category: "wrong_type", action: "saveAgency", form: agency({ type: "guild" }), expect: invalid({ type: "required" }) },
  { id: "form.agency.parent-unknown", category: "wrong_type", action: "saveAgency", form: agency({ parentCode: "99999" }), expect: invalid({ parentCode: "unknown_agency" }) },
  { id: "form.agency.id-text", category: "wrong_type", action: "saveAgency", form: agency({ id: "abc", code: "CORPUS-NEW" }), expect: invalid({ id: "invalid" }) },
  { id: "form.agency.name-nul", category: "control_chars", action: "saveAgency", form: agency({ nameEn: `Agency${NUL}` }), expect: invalid({ nameEn: "invalid_characters" }) },
  {
    id: "form.agency.invisible-characters",
    category: "unicode",
    action: "saveAgency",
    form: agency({ code: "CORPUS-U", nameTh: "\u202Eกรม\u200Bทดสอบ\u200F  อักขระ\uFEFF", nameEn: "Invisible test" }),
    expect: accepted("zero-width and direction characters removed, spaces collapsed", storedAs("select name_th as value from agencies where code = 'CORPUS-U'", "กรมทดสอบ อักขระ")),
  },
  {
    id: "form.agency.formula-name",
    category: "formula",
    action: "saveAgency",
    form: agency({ code: "CORPUS-F", nameTh: '=HYPERLINK("http://evil.example/steal","คลิก")', nameEn: "+cmd|' /C calc'!A0" }),
    expect: accepted("stored as typed; every spreadsheet the app writes neutralises it (checked by the report upload case)", storedAs("select name_en as value from agencies where code = 'CORPUS-F'", "+cmd|' /C calc'!A0")),
  },
  { id: "form.agency.active-maybe", category: "wrong_type", action: "setAgencyActive", form: { agencyId: "{agencyId}", active: "maybe", code: "{agency}" }, expect: invalid({ active: "invalid" }) },
  { id: "form.agency.role-unknown", category: "wrong_type", action: "setAgencyComponent", form: { agencyId: "{agencyId}", componentCode: "{component}", dgaRole: "overlord", code: "{agency}" }, expect: invalid({ dgaRole: "invalid" }) },
  { id: "form.agency.component-unknown", category: "wrong_type", action: "setAgencyComponent", form: { agencyId: "{agencyId}", componentCode: "' OR 1=1 --", dgaRole: "doer", code: "{agency}" }, expect: refused("not_found") },
  { id: "form.user.email-invalid", category: "wrong_type", action: "createUser", form: user({ email: "not-an-email" }), expect: invalid({ email: "invalid_email" }) },
  { id: "form.user.email-sql", category: "sql", action: "createUser", form: user({ email: "a@b.c'; DROP TABLE users; --" }), expect: invalid({ email: "invalid_email" }) },
  { id: "form.user.email-markup", category: "html_injection", action: "createUser", form: user({ email: '"><script>alert(1)</script>@x.test' }), expect: invalid({ email: "invalid_email" }) },
  { id: "form.user.name-too-long", category: "huge", action: "createUser", form: user({ name: long(201) }), expect: invalid({ name: "too_long" }) },
  { id: "form.user.role-superuser", category: "wrong_type", action: "createUser", form: user({ role: "superuser" }), expect: invalid({ role: "required" }) },
  { id: "form.user.password-short", category: "missing", action: "createUser", form: user({ password: "short" }), expect: invalid({ password: "password_too_short" }) },
  { id: "form.user.agency-unknown", category: "wrong_type", action: "createUser", form: user({ role: "agency_officer", agencyCode: "99999" }), expect: invalid({ agencyCode: "unknown_agency" }) },
  { id: "form.user.officer-without-agency", category: "missing", action: "createUser", form: user({ role: "agency_officer" }), expect: invalid({ agencyCode: "required" }) },
  { id: "form.user.locale-unknown", category: "wrong_type", action: "createUser", form: user({ locale: "klingon" }), expect: invalid({ locale: "invalid" }) },
  { id: "form.user.name-nul", category: "control_chars", action: "createUser", form: user({ name: `ผู้ใช้${NUL}` }), expect: invalid({ name: "invalid_characters" }) },
  {
    id: "form.user.name-markup",
    category: "html_injection",
    action: "createUser",
    form: user({ email: "corpus-markup@lamnam.test", name: SCRIPT }),
    expect: accepted("stored as typed", storedAs("select name as value from users where email = 'corpus-markup@lamnam.test'", SCRIPT)),
  },
  { id: "form.user.active-id-text", category: "wrong_type", action: "setUserActive", form: { userId: "me", active: "false" }, expect: invalid({ userId: "invalid" }) },
  { id: "form.user.active-unknown", category: "wrong_type", action: "setUserActive", form: { userId: "2147483647", active: "false" }, expect: refused("not_found") },
  { id: "form.user.active-beyond-int", category: "huge", action: "setUserActive", form: { userId: "9007199254740993", active: "false" }, expect: invalid({ userId: "invalid" }) },
  { id: "form.user.reset-short", category: "missing", action: "resetPassword", form: { userId: "{otherOfficerUserId}", password: "1234" }, expect: invalid({ password: "password_too_short" }) },
  { id: "form.user.reset-id-negative", category: "wrong_type", action: "resetPassword", form: { userId: "-1", password: "a-long-enough-password" }, expect: invalid({ userId: "invalid" }) },
  { id: "form.user.role-agency-missing", category: "missing", action: "changeUserRole", form: { userId: "{otherOfficerUserId}", role: "agency_head" }, expect: invalid({ agencyCode: "agency_required" }) },
  { id: "form.user.role-unknown", category: "wrong_type", action: "changeUserRole", form: { userId: "{otherOfficerUserId}", role: "superuser" }, expect: invalid({ role: "required" }) },
  { id: "form.user.role-own", category: "wrong_type", action: "changeUserRole", form: { userId: "{adminUserId}", role: "analyst" }, expect: refused("cannot_change_own_role") },
  { id: "form.user.role-agency-sql", category: "sql", action: "changeUserRole", form: { userId: "{otherOfficerUserId}", role: "agency_officer", agencyCode: "' OR 1=1 --" }, expect: invalid({ agencyCode: "unknown_agency" }) },
  { id: "form.user.role-agency-huge", category: "huge", action: "changeUserRole", form: { userId: "{otherOfficerUserId}", role: "agency_officer", agencyCode: "0".repeat(10_000) }, expect: invalid({ agencyCode: "too_long" }) },
  { id: "form.user.role-nul", category: "control_chars", action: "changeUserRole", form: { userId: "{otherOfficerUserId}", role: `agency_officer${NUL}` }, expect: invalid({ role: "invalid_characters" }) },
  { id: "form.period.due-impossible", category: "wrong_type", action: "updatePeriod", form: { periodId: "{periodId}", status: "open", dueOn: "2027-02-30" }, expect: invalid({ dueOn: "invalid_date" }) },
  { id: "form.period.due-words", category: "wrong_type", action: "updatePeriod", form: { periodId: "{periodId}", status: "open", dueOn: "พรุ่งนี้" }, expect: invalid({ dueOn: "invalid_date" }) },
  { id: "form.period.due-before-end", category: "wrong_type", action: "updatePeriod", form: { periodId: "{periodId}", status: "open", dueOn: "1999-01-01" }, expect: invalid({ dueOn: "due_before_end" }) },
  { id: "form.period.status-unknown", category: "wrong_type", action: "updatePeriod", form: { periodId: "{periodId}", status: "archived", dueOn: "{periodDueOn}" }, expect: invalid({ status: "invalid" }) },
  { id: "form.period.id-sql", category: "sql", action: "updatePeriod", form: { periodId: "1 OR 1=1", status: "open", dueOn: "{periodDueOn}" }, expect: invalid({ periodId: "invalid" }) },
  // The fiscal-year rollover (FY 2571 follows the demo's 2570): nothing of a refused year is created.
  { id: "form.rollover.same-year", category: "wrong_type", action: "rollover", form: rollover({ fiscalYear: "2570" }), expect: invalid({ fiscalYear: "fiscal_year_exists" }) },
  { id: "form.rollover.gap", category: "wrong_type", action: "rollover", form: rollover({ fiscalYear: "2573" }), expect: invalid({ fiscalYear: "fiscal_year_gap" }) },
  { id: "form.rollover.year-words", category: "wrong_type", action: "previewRollover", form: rollover({ fiscalYear: "ปีหน้า" }), expect: invalid({ fiscalYear: "invalid_fiscal_year" }) },
  { id: "form.rollover.year-ce", category: "wrong_type", action: "previewRollover", form: rollover({ fiscalYear: "2028" }), expect: invalid({ fiscalYear: "invalid_fiscal_year" }) },
  { id: "form.rollover.due-before-end", category: "wrong_type", action: "rollover", form: rollover({ dueOn3: "2028-06-29" }), expect: invalid({ "dueOn.3": "due_before_end" }) },
  { id: "form.rollover.due-impossible", category: "wrong_type", action: "previewRollover", form: rollover({ dueOn2: "2028-02-30" }), expect: invalid({ "dueOn.2": "invalid_date" }) },
  { id: "form.rollover.due-days-negative", category: "wrong_type", action: "previewRollover", form: rollover({ dueDays: "-5" }), expect: invalid({ dueDays: "invalid_days" }) },
  { id: "form.rollover.factor-zero", category: "wrong_type", action: "rollover", form: rollover({ targets: "scale", factor: "0" }), expect: invalid({ factor: "factor_not_positive" }) },
  { id: "form.rollover.factor-negative", category: "wrong_type", action: "rollover", form: rollover({ targets: "scale", factor: "-1.1" }), expect: invalid({ factor: "factor_not_positive" }) },
  { id: "form.rollover.factor-words", category: "wrong_type", action: "previewRollover", form: rollover({ targets: "scale", factor: "สองเท่า" }), expect: invalid({ factor: "factor_not_positive" }) },
  { id: "form.rollover.factor-infinity", category: "huge", action: "previewRollover", form: rollover({ targets: "scale", factor: "1".repeat(400) }), expect: invalid({ factor: "factor_not_positive" }) },
  { id: "form.rollover.mode-unknown", category: "wrong_type", action: "previewRollover", form: rollover({ targets: "delete" }), expect: invalid({ targets: "required" }) },
  { id: "form.reopen.reason-blank", category: "missing", action: "reopenPeriod", form: { periodId: "{periodId}", reason: "  ", closesOn: "2999-01-01" }, expect: invalid({ reason: "required" }) },
  { id: "form.reopen.closes-in-past", category: "wrong_type", action: "reopenPeriod", form: { periodId: "{periodId}", reason: "หน่วยงานขอแก้ไข", closesOn: "2001-01-01" }, expect: invalid({ closesOn: "closes_in_past" }) },
  { id: "form.reopen.open-period", category: "wrong_type", action: "reopenPeriod", form: { periodId: "{periodId}", reason: "หน่วยงานขอแก้ไข", closesOn: "2999-01-01" }, expect: refused("period_not_closed") },
  // Open data: publishing is for a closed quarter only; withdrawing needs a reason and a publication.
  { id: "form.publish-open-data.open-period", category: "wrong_type", action: "publishOpenData", form: { periodId: "{periodId}" }, expect: refused("open_data_period_not_closed") },
  { id: "form.publish-open-data.period-code", category: "wrong_type", action: "publishOpenData", form: { periodId: "2569Q4" }, expect: invalid({ periodId: "invalid" }) },
  { id: "form.publish-open-data.period-sql", category: "sql", action: "publishOpenData", form: { periodId: "1) OR (1=1" }, expect: invalid({ periodId: "invalid" }) },
  { id: "form.publish-open-data.period-unknown", category: "wrong_type", action: "publishOpenData", form: { periodId: "2147483647" }, expect: refused("not_found") },
  { id: "form.publish-open-data.period-missing", category: "missing", action: "publishOpenData", form: {}, expect: invalid({ periodId: "invalid" }) },
  { id: "form.withdraw-open-data.reason-blank", category: "missing", action: "withdrawOpenData", form: { periodId: "{periodId}", reason: "  " }, expect: invalid({ reason: "required" }) },
  { id: "form.withdraw-open-data.reason-huge", category: "huge", action: "withdrawOpenData", form: { periodId: "{periodId}", reason: long(1001) }, expect: invalid({ reason: "too_long" }) },
  { id: "form.withdraw-open-data.not-published", category: "wrong_type", action: "withdrawOpenData", form: { periodId: "{periodId}", reason: "ตัวเลขต้องแก้ไข" }, expect: refused("open_data_not_published") },
  { id: "form.job.id-not-uuid", category: "wrong_type", action: "retryJob", form: { jobId: "42" }, expect: invalid({ jobId: "invalid" }) },
  { id: "form.job.id-sql", category: "sql", action: "retryJob", form: { jobId: "'; update pgboss.job set state = 'failed'; --" }, expect: invalid({ jobId: "invalid" }) },
  { id: "form.job.id-missing", category: "missing", action: "retryJob", form: {}, expect: invalid({ jobId: "invalid" }) },
  { id: "form.job.unknown", category: "wrong_type", action: "retryJob", form: { jobId: "00000000-0000-4000-8000-000000000000" }, expect: refused("not_found") },
];

// /set-password, signed out: the one-time token authorizes. A bad link is named for what it is; nothing is written.
const PASSWORD = "a-long-enough-password";
const setPasswordCases: Omit<FormCase, "surface" | "action" | "as">[] = [
  { id: "form.set-password.token-unknown", category: "wrong_type", form: { token: "A".repeat(43), password: PASSWORD, confirm: PASSWORD }, expect: refused("token_unknown") },
  { id: "form.set-password.token-sql", category: "sql", form: { token: "' OR used_at IS NULL --", password: PASSWORD, confirm: PASSWORD }, expect: refused("token_unknown") },
  { id: "form.set-password.token-huge", category: "huge", form: { token: "x".repeat(100_000), password: PASSWORD, confirm: PASSWORD }, expect: invalid({ token: "token_unknown" }) },
  { id: "form.set-password.token-missing", category: "missing", form: { password: PASSWORD, confirm: PASSWORD }, expect: invalid({ token: "token_unknown" }) },
  { id: "form.set-password.token-nul", category: "control_chars", form: { token: `abc${NUL}`, password: PASSWORD, confirm: PASSWORD }, expect: invalid({ token: "invalid_characters" }) },
  { id: "form.set-password.token-thai-digits", category: "unicode", form: { token: "๑๒๓".repeat(14), password: PASSWORD, confirm: PASSWORD }, expect: refused("token_unknown") },
  // Reset links from "forgot password" (tests/corpus/fixtures.ts issues them): each dead one says why.
  { id: "form.set-password.reset-expired", category: "wrong_type", form: { token: "{resetToken.expired}", password: PASSWORD, confirm: PASSWORD }, expect: refused("token_expired") },
  { id: "form.set-password.reset-reused", category: "wrong_type", form: { token: "{resetToken.used}", password: PASSWORD, confirm: PASSWORD }, expect: refused("token_used") },
  { id: "form.set-password.reset-tampered", category: "spoofing", form: { token: "{resetToken.tampered}", password: PASSWORD, confirm: PASSWORD }, expect: refused("token_unknown") },
  { id: "form.set-password.reset-truncated", category: "truncated", form: { token: "{resetToken.truncated}", password: PASSWORD, confirm: PASSWORD }, expect: refused("token_unknown") },
];

// "Forgot password", signed out: only an address is asked for. The corpus's client has already sent a
// flood of requests (fixtures.ts), so a well-formed address is answered with the rate limit.
const forgotPasswordCases: Omit<FormCase, "surface" | "action" | "as">[] = [
  { id: "form.forgot.email-missing", category: "missing", form: {}, expect: invalid({ email: "required" }) },
  { id: "form.forgot.email-blank", category: "missing", form: { email: "   " }, expect: invalid({ email: "required" }) },
  { id: "form.forgot.email-markup", category: "html_injection", form: { email: MARKUP_EMAIL }, expect: invalid({ email: "invalid_email" }) },
  { id: "form.forgot.email-sql", category: "sql", form: { email: "' OR '1'='1' --" }, expect: invalid({ email: "invalid_email" }) },
  { id: "form.forgot.email-nul", category: "control_chars", form: { email: `officer${NUL}@lamnam.demo` }, expect: invalid({ email: "invalid_characters" }) },
  { id: "form.forgot.email-newline-header", category: "control_chars", form: { email: "officer@lamnam.demo\r\nBcc: everyone@evil.example" }, expect: invalid({ email: "invalid_email" }) },
  { id: "form.forgot.email-huge", category: "huge", form: { email: `${"a".repeat(100_000)}@lamnam.demo` }, expect: invalid({ email: "too_long" }) },
  { id: "form.forgot.email-thai", category: "unicode", form: { email: "เจ้าหน้าที่@ตัวอย่าง.ไทย" }, expect: invalid({ email: "invalid_email" }) },
  { id: "form.forgot.email-repeated", category: "wrong_type", form: { email: ["officer@lamnam.demo", "head@lamnam.demo"] }, expect: invalid({ email: "required" }) },
  { id: "form.forgot.flood", category: "huge", form: { email: "officer@lamnam.demo" }, expect: refused("rate_limited") },
];

// ── the catalogue (indicators: analysts; platforms and components: administrators) ──
const indicator = (fields: Fields): Fields => ({
  code: "CORPUS-IND",
  nameTh: "ตัวชี้วัดชุดทดสอบ",
  nameEn: "Corpus indicator",
  componentCode: "{component}",
  definitionTh: "นิยามชุดทดสอบ",
  definitionEn: "Corpus definition",
  unitTh: "ครั้ง",
  unitEn: "times",
  direction: "higher",
  aggregation: "mean",
  valueType: "number",
  ...fields,
});
const version = (fields: Fields): Fields => ({
  indicatorId: "{indicatorId}",
  effectiveFrom: "{period}",
  definitionTh: "นิยามรุ่นใหม่ชุดทดสอบ",
  definitionEn: "Corpus new definition",
  unitTh: "ล้านครั้ง",
  unitEn: "million transactions",
  direction: "lower",
  aggregation: "sum",
  ...fields,
});
const platform = (fields: Fields): Fields => ({
  code: "svc.corpus",
  nameTh: "แพลตฟอร์มชุดทดสอบ",
  nameEn: "Corpus platform",
  ownerAgencyCode: "{agency}",
  channel: "G2C",
  componentCode: "{component}",
  status: "planned",
  ...fields,
});

const catalogueCases: Omit<FormCase, "surface" | "as">[] = [
  { id: "form.indicator.code-taken", category: "wrong_type", action: "createIndicator", form: indicator({ code: "{indicator}" }), expect: invalid({ code: "code_taken" }) },
  { id: "form.indicator.code-taken-lowercase", category: "unicode", action: "createIndicator", form: indicator({ code: "mid-01" }), expect: invalid({ code: "code_taken" }) },
  { id: "form.indicator.name-th-empty", category: "missing", action: "createIndicator", form: indicator({ nameTh: "  \u200B " }), expect: invalid({ nameTh: "required" }) },
  { id: "form.indicator.code-sql", category: "sql", action: "createIndicator", form: indicator({ code: "X'; DROP TABLE indicators; --" }), expect: invalid({ code: "invalid_code" }) },
  { id: "form.indicator.owner-unknown", category: "wrong_type", action: "createIndicator", form: indicator({ dataOwnerCode: "99999" }), expect: invalid({ dataOwnerCode: "unknown_agency" }) },
  { id: "form.indicator.baseline-words", category: "wrong_type", action: "createIndicator", form: indicator({ baselineValue: "ร้อยละห้าสิบ" }), expect: invalid({ baselineValue: "invalid_number" }) },
  { id: "form.indicator.direction-sideways", category: "wrong_type", action: "createIndicator", form: indicator({ direction: "sideways" }), expect: invalid({ direction: "required" }) },
  { id: "form.indicator.definition-huge", category: "huge", action: "createIndicator", form: indicator({ definitionTh: long(4001) }), expect: invalid({ definitionTh: "too_long" }) },
  {
    id: "form.indicator.markup-name",
    category: "html_injection",
    action: "createIndicator",
    form: indicator({ code: "CORPUS-HTML", nameTh: SCRIPT }),
    expect: accepted("stored as typed and shown as text (React escapes it)", storedAs("select name_th as value from indicators where code = 'CORPUS-HTML'", SCRIPT)),
  },
  // The open quarter already has MID-01's figures: a version from it would rewrite them.
  { id: "form.indicator.version-rewrites-figures", category: "wrong_type", action: "startIndicatorVersion", form: version({}), expect: invalid({ effectiveFrom: "would_rewrite_figures" }) },
  { id: "form.indicator.version-closed-quarter", category: "wrong_type", action: "startIndicatorVersion", form: version({ effectiveFrom: "2569Q2" }), expect: invalid({ effectiveFrom: "period_closed" }) },
  { id: "form.indicator.version-unknown-quarter", category: "wrong_type", action: "startIndicatorVersion", form: version({ effectiveFrom: "2599Q9" }), expect: invalid({ effectiveFrom: "unknown_period" }) },
  { id: "form.indicator.version-to-latest", category: "wrong_type", action: "startIndicatorVersion", form: version({ effectiveFrom: "2570Q3", aggregation: "latest" }), expect: invalid({ aggregation: "aggregation_changes_owers" }) },
  { id: "form.indicator.delete-with-figures", category: "wrong_type", action: "deleteIndicator", form: { indicatorId: "{indicatorId}" }, expect: refused("has_figures_retire") },
  {
    id: "form.indicator.delete-id-sql",
    category: "sql",
    action: "deleteIndicator",
    form: { indicatorId: "1; DELETE FROM indicators" },
    expect: invalid({ indicatorId: "invalid" }),
  },
  { id: "form.platform.owner-unknown", category: "wrong_type", action: "savePlatform", form: platform({ ownerAgencyCode: "99999" }), expect: invalid({ ownerAgencyCode: "unknown_agency" }) },
  { id: "form.platform.name-th-empty", category: "missing", action: "savePlatform", form: platform({ nameTh: "" }), expect: invalid({ nameTh: "required" }) },
  { id: "form.platform.code-taken", category: "wrong_type", action: "savePlatform", form: platform({ code: "{platform}" }), expect: invalid({ code: "code_taken" }) },
  { id: "form.platform.url-script", category: "html_injection", action: "savePlatform", form: platform({ url: "javascript:alert(1)" }), expect: invalid({ url: "invalid_url" }) },
  { id: "form.platform.element-elsewhere", category: "wrong_type", action: "savePlatform", form: platform({ elementCode: "upstream.infrastructure" }), expect: invalid({ elementCode: "element_not_of_component" }) },
  { id: "form.platform.delete-with-figures", category: "wrong_type", action: "deletePlatform", form: { platformId: "{platformId}" }, expect: refused("has_figures_retire") },
  { id: "form.component.name-th-empty", category: "missing", action: "updateComponentWords", form: { kind: "component", code: "{component}", nameTh: "", nameEn: "Midstream", descriptionTh: "ก", descriptionEn: "d" }, expect: invalid({ nameTh: "required" }) },
  { id: "form.component.unknown", category: "traversal", action: "updateComponentWords", form: { kind: "component", code: "../upstream", nameTh: "ก", nameEn: "n", descriptionTh: "ก", descriptionEn: "d" }, expect: refused("not_found") },
];

// ── SROI per fiscal year (admins and analysts): a new year for DGA, one outcome line ──
const sroiLine = (fields: Fields): Fields =>
  Object.fromEntries(
    Object.entries({ stakeholderTh: "ประชาชน", stakeholderEn: "Citizens", outcomeTh: "ประหยัดเวลา", outcomeEn: "Time saved", quantity: "1,000", financialProxy: "300", deadweight: "20", attribution: "30", displacement: "0", dropOff: "30", durationYears: "2", ...fields }).map(([k, v]) => [`line.0.${k}`, v]),
  );
const sroi = (fields: Fields, line: Fields = {}): Fields => ({ intent: "save", fiscalYear: "2585", agencyCode: "01002", investment: "1,000,000", discountRate: "3.5", ...sroiLine(line), ...fields });
const sroiStored = (fiscalYear: number, column: string) => `select ${column} as value from sroi_assessments a join agencies g on g.id = a.agency_id where g.code = '01002' and a.fiscal_year = ${fiscalYear}`;

const sroiCases: Omit<FormCase, "surface" | "as" | "action">[] = [
  { id: "form.sroi.investment-negative", category: "wrong_type", form: sroi({ investment: "-5" }), expect: invalid({ investment: "positive_amount" }) },
  { id: "form.sroi.investment-zero", category: "wrong_type", form: sroi({ investment: "0" }), expect: invalid({ investment: "positive_amount" }) },
  { id: "form.sroi.quantity-negative", category: "wrong_type", form: sroi({}, { quantity: "(1,200)" }), expect: invalid({ "line.0.quantity": "negative_amount" }) },
  { id: "form.sroi.outcome-name-empty", category: "missing", form: sroi({}, { outcomeTh: " \u200B " }), expect: invalid({ "line.0.outcomeTh": "required" }) },
  { id: "form.sroi.proxy-words", category: "wrong_type", form: sroi({}, { financialProxy: "สามร้อยบาท" }), expect: invalid({ "line.0.financialProxy": "invalid_number" }) },
  { id: "form.sroi.proxy-sql", category: "sql", form: sroi({}, { financialProxy: "1; DELETE FROM sroi_outcomes" }), expect: invalid({ "line.0.financialProxy": "invalid_number" }) },
  { id: "form.sroi.proxy-17-digits", category: "huge", form: sroi({}, { financialProxy: "12345678901234567" }), expect: invalid({ "line.0.financialProxy": "too_large" }) },
  { id: "form.sroi.deadweight-percent-over-100", category: "huge", form: sroi({}, { deadweight: "120" }), expect: invalid({ "line.0.deadweight": "percent_range" }) },
  { id: "form.sroi.duration-zero", category: "wrong_type", form: sroi({}, { durationYears: "0" }), expect: invalid({ "line.0.durationYears": "duration_range" }) },
  { id: "form.sroi.year-gregorian", category: "wrong_type", form: sroi({ fiscalYear: "2027" }), expect: invalid({ fiscalYear: "invalid_year" }) },
  { id: "form.sroi.year-words", category: "wrong_type", form: sroi({ fiscalYear: "ปีหน้า" }), expect: invalid({ fiscalYear: "invalid_year" }) },
  { id: "form.sroi.year-taken", category: "wrong_type", form: sroi({ fiscalYear: "2569" }), expect: invalid({ fiscalYear: "sroi_year_taken" }) },
  { id: "form.sroi.agency-unknown", category: "wrong_type", form: sroi({ agencyCode: "99999" }), expect: invalid({ agencyCode: "unknown_agency" }) },
  { id: "form.sroi.no-outcome", category: "missing", form: { intent: "save", fiscalYear: "2585", agencyCode: "01002", investment: "1000", discountRate: "3.5" }, expect: invalid({ "line.0.outcomeTh": "sroi_needs_outcome" }) },
  { id: "form.sroi.assessment-sql", category: "sql", form: sroi({ assessmentId: "1 OR 1=1" }), expect: invalid({ assessmentId: "invalid" }) },
  { id: "form.sroi.intent-delete", category: "wrong_type", form: sroi({ intent: "delete" }), expect: invalid({ intent: "invalid" }) },
  {
    id: "form.sroi.thai-digits",
    category: "unicode",
    form: sroi({ fiscalYear: "2586", investment: "๑,๒๓๔" }),
    expect: accepted("Thai digits are read as the number", storedAs(sroiStored(2586, "investment::float8"), 1234)),
  },
];

// ── the review chain of an agency type (administrators) ──
const chain = (fields: Fields): Fields => ({ agencyType: "other", intermediate: "ministry", dgaReturnTo: "officer", ...fields });
const chainStored = "select intermediate::text || '/' || dga_return_to::text as value from review_chains where agency_type = 'other'";
const reviewChainCases: Omit<FormCase, "surface" | "as" | "action">[] = [
  { id: "form.review-chain.unknown-type", category: "wrong_type", form: chain({ agencyType: "municipality" }), expect: invalid({ agencyType: "invalid" }) },
  { id: "form.review-chain.unknown-level", category: "wrong_type", form: chain({ intermediate: "district" }), expect: invalid({ intermediate: "invalid" }) },
  { id: "form.review-chain.return-sql", category: "sql", form: chain({ dgaReturnTo: "officer'; drop table review_chains; --" }), expect: invalid({ dgaReturnTo: "invalid" }) },
  { id: "form.review-chain.type-nul", category: "control_chars", form: chain({ agencyType: `other${NUL}` }), expect: invalid({ agencyType: "invalid_characters" }) },
  { id: "form.review-chain.html-in-type", category: "html_injection", form: chain({ agencyType: "<img src=x onerror=alert(1)>" }), expect: invalid({ agencyType: "invalid" }) },
  { id: "form.review-chain.stored-as-chosen", category: "wrong_type", form: chain({ dgaReturnTo: "previous_level" }), expect: accepted("a valid choice is stored as chosen", storedAs(chainStored, "ministry/previous_level")) },
];

// ── what agencies ask DGA for: an analyst tags, routes and answers; an administrator keeps the lists ──
const ask = (fields: Fields): Fields => ({ source: "submission_support", sourceId: "{askSubmission}", ...fields });
const request = (fields: Fields): Fields => ({ requestId: "{supportRequest}", version: "{supportRequestVersion}", status: "answered", answer: "คำตอบจาก สพร.", ...fields });
const askCases: Omit<FormCase, "surface" | "as">[] = [
  { id: "form.ask-tags.unknown-tag", category: "wrong_type", action: "confirmTags", form: ask({ tags: ["standards", "astrology"] }), expect: invalid({ tags: "unknown_tag" }) },
  { id: "form.ask-tags.none", category: "missing", action: "confirmTags", form: ask({}), expect: invalid({ tags: "required" }) },
  { id: "form.ask-tags.tag-markup", category: "html_injection", action: "confirmTags", form: ask({ tags: SCRIPT }), expect: invalid({ tags: "unknown_tag" }) },
  { id: "form.ask-tags.source-unknown", category: "wrong_type", action: "confirmTags", form: ask({ source: "twitter", tags: "budget" }), expect: invalid({ source: "invalid" }) },
  { id: "form.ask-tags.source-id-sql", category: "sql", action: "confirmTags", form: ask({ sourceId: "1 OR 1=1", tags: "budget" }), expect: invalid({ sourceId: "invalid" }) },
  // The matrix's draft was never sent to DGA: its text is no ask, and says nothing about itself.
  { id: "form.ask-tags.draft-text", category: "wrong_type", action: "confirmTags", form: ask({ sourceId: "{submission}", tags: "budget" }), expect: refused("not_found") },
  { id: "form.ask-route.unknown-unit", category: "wrong_type", action: "routeRequest", form: ask({ unitCode: "nowhere" }), expect: invalid({ unitCode: "unknown_unit" }) },
  { id: "form.ask-route.unit-nul", category: "control_chars", action: "routeRequest", form: ask({ unitCode: `academy${NUL}` }), expect: invalid({ unitCode: "invalid_characters" }) },
  { id: "form.ask-request.answer-empty", category: "wrong_type", action: "updateRequest", form: request({ answer: "   " }), expect: invalid({ answer: "answer_required" }) },
  { id: "form.ask-request.answer-missing", category: "missing", action: "updateRequest", form: { requestId: "{supportRequest}", version: "{supportRequestVersion}", status: "answered" }, expect: invalid({ answer: "answer_required" }) },
  { id: "form.ask-request.status-jump", category: "wrong_type", action: "updateRequest", form: request({ status: "received" }), expect: invalid({ status: "invalid_transition" }) },
  { id: "form.ask-request.status-unknown", category: "wrong_type", action: "updateRequest", form: request({ status: "closed" }), expect: invalid({ status: "invalid" }) },
  { id: "form.ask-request.answer-too-long", category: "huge", action: "updateRequest", form: request({ answer: long(4001) }), expect: invalid({ answer: "too_long" }) },
  { id: "form.ask-request.answer-nul", category: "control_chars", action: "updateRequest", form: request({ answer: `ตอบ${NUL}` }), expect: invalid({ answer: "invalid_characters" }) },
  { id: "form.ask-request.stale-version", category: "wrong_type", action: "updateRequest", form: request({ version: "999" }), expect: refused("stale_version") },
  { id: "form.ask-list.tag-code-bad", category: "wrong_type", action: "saveAskTag", form: { code: "Budget Tag!", nameTh: "งบ", nameEn: "Budget", keywords: "", active: "true" }, expect: invalid({ code: "invalid_code" }) },
  { id: "form.ask-list.tag-code-sql", category: "sql", action: "saveAskTag", form: { code: "x'; drop table ask_tags; --", nameTh: "งบ", nameEn: "Budget", keywords: "", active: "true" }, expect: invalid({ code: "invalid_code" }) },
  { id: "form.ask-list.unit-name-empty", category: "wrong_type", action: "saveDgaUnit", form: { code: "corpus_unit", nameTh: "  ", nameEn: "Unit", active: "true" }, expect: invalid({ nameTh: "required" }) },
  { id: "form.ask-list.keywords-megabyte", category: "huge", action: "saveAskTag", form: { code: "budget", nameTh: "งบ", nameEn: "Budget", keywords: long(1_000_000, "x"), active: "true" }, expect: invalid({ keywords: "too_long" }) },
];

// ── e-mail preferences (anyone, for themselves) ──
const prefs = (fields: Fields): Fields => ({ new_flags: "immediate", cases_due: "daily", returned_forms: "immediate", support_answers: "off", ...fields });
const preferenceCases: Omit<FormCase, "surface" | "as" | "action">[] = [
  { id: "form.preferences.unknown-mode", category: "wrong_type", form: prefs({ new_flags: "hourly" }), expect: invalid({ new_flags: "invalid" }) },
  { id: "form.preferences.group-missing", category: "missing", form: { new_flags: "daily", cases_due: "daily", returned_forms: "daily" }, expect: invalid({ support_answers: "invalid" }) },
  { id: "form.preferences.mode-sql", category: "sql", form: prefs({ cases_due: "daily'; drop table notification_preferences; --" }), expect: invalid({ cases_due: "invalid" }) },
  { id: "form.preferences.mode-twice", category: "wrong_type", form: prefs({ returned_forms: ["daily", "off"] }), expect: invalid({ returned_forms: "invalid" }) },
];

const ADMIN_ONLY = new Set(["saveAskTag", "saveDgaUnit", "savePlatform", "deletePlatform", "updateComponentWords", "saveAgency", "setAgencyActive", "setAgencyComponent", "createUser", "setUserActive", "resetPassword", "changeUserRole", "updatePeriod", "updateRule", "retryJob", "rollover", "previewRollover", "withdrawOpenData"]);

// ── invitations (an agency head, into their own agency) ──
const invite = (fields: Fields): Fields => ({ email: "corpus-invite@lamnam.test", name: "ผู้ได้รับเชิญ ทดสอบ", role: "agency_officer", agencyCode: "{agency}", ...fields });
const teamCases: Omit<FormCase, "surface" | "as">[] = [
  { id: "form.invite.email-invalid", category: "wrong_type", action: "inviteUser", form: invite({ email: "not-an-email" }), expect: invalid({ email: "invalid_email" }) },
  { id: "form.invite.email-markup", category: "html_injection", action: "inviteUser", form: invite({ email: '"><script>alert(1)</script>@x.test' }), expect: invalid({ email: "invalid_email" }) },
  { id: "form.invite.name-formula", category: "formula", action: "inviteUser", form: invite({ name: '=HYPERLINK("http://evil.example","x")' }), expect: invalid({ name: "formula_text" }) },
  { id: "form.invite.name-formula-at", category: "formula", action: "inviteUser", form: invite({ name: "@SUM(A1:A9)" }), expect: invalid({ name: "formula_text" }) },
  { id: "form.invite.name-too-long", category: "huge", action: "inviteUser", form: invite({ name: long(201) }), expect: invalid({ name: "too_long" }) },
  { id: "form.invite.name-nul", category: "control_chars", action: "inviteUser", form: invite({ name: `ผู้ใช้${NUL}` }), expect: invalid({ name: "invalid_characters" }) },
  { id: "form.invite.role-unknown", category: "wrong_type", action: "inviteUser", form: invite({ role: "superuser" }), expect: invalid({ role: "unknown_user_role" }) },
  { id: "form.invite.existing-address", category: "wrong_type", action: "inviteUser", form: invite({ email: "OFFICER@lamnam.demo" }), expect: invalid({ email: "email_has_account" }) },
  { id: "form.invite.agency-sql", category: "sql", action: "inviteUser", form: invite({ agencyCode: "' OR 1=1 --" }), expect: invalid({ agencyCode: "unknown_agency" }) },
  { id: "form.invite.other-agency", category: "wrong_type", action: "inviteUser", form: invite({ agencyCode: "{otherAgency}" }), expect: refused("forbidden") },
  { id: "form.invite.role-above-own", category: "wrong_type", action: "inviteUser", form: invite({ role: "admin", agencyCode: "" }), expect: refused("forbidden") },
  { id: "form.team.deactivate-other-agency", category: "wrong_type", action: "setTeamMemberActive", form: { userId: "{otherOfficerUserId}", active: "false" }, expect: refused("not_found") },
  { id: "form.team.deactivate-id-text", category: "wrong_type", action: "setTeamMemberActive", form: { userId: "me", active: "false" }, expect: invalid({ userId: "invalid" }) },
  { id: "form.team.resend-accepted", category: "wrong_type", action: "resendInvitation", form: { userId: "{officerUserId}" }, expect: refused("invitation_accepted") },
];

export const FORM_CASES: FormCase[] = [
  ...submissionCases.map((c) => ({ ...c, surface: "form" as const, as: "agency_officer" as const, action: "saveSubmission" as const })),
  ...transitionCases.map((c) => ({ ...c, surface: "form" as const, as: "agency_head" as const, action: "transition" as const })),
  ...confirmCases.map((c) => ({ ...c, surface: "form" as const, as: "analyst" as const, action: "confirmHeldFigure" as const })),
  ...caseCases.map((c) => ({
    ...c,
    surface: "form" as const,
    action: c.id.startsWith("form.recompute") ? ("recomputeFlags" as const) : c.id.startsWith("form.open-case") ? ("openCase" as const) : c.id.startsWith("form.update-case") ? ("updateCase" as const) : ("respondToCase" as const),
  })),
  ...worklistCases.map((c) => ({ ...c, surface: "form" as const })),
  ...reportCases.map((c) => ({ ...c, surface: "form" as const, action: "requestReport" as const })),
  ...importCases.map((c) => ({ ...c, surface: "form" as const, as: "analyst" as const })),
  ...adminCases.map((c) => ({ ...c, surface: "form" as const, as: ADMIN_ONLY.has(c.action) ? ("admin" as const) : ("analyst" as const) })),
  ...setPasswordCases.map((c) => ({ ...c, surface: "form" as const, as: "signed_out" as const, action: "setPassword" as const })),
  ...forgotPasswordCases.map((c) => ({ ...c, surface: "form" as const, as: "signed_out" as const, action: "requestPasswordReset" as const })),
  ...catalogueCases.map((c) => ({ ...c, surface: "form" as const, as: ADMIN_ONLY.has(c.action) ? ("admin" as const) : ("analyst" as const) })),
  ...sroiCases.map((c) => ({ ...c, surface: "form" as const, as: "analyst" as const, action: "saveSroi" as const })),
  ...teamCases.map((c) => ({ ...c, surface: "form" as const, as: "agency_head" as const })),
  ...reviewChainCases.map((c) => ({ ...c, surface: "form" as const, as: "admin" as const, action: "updateReviewChain" as const })),
  ...askCases.map((c) => ({ ...c, surface: "form" as const, as: ADMIN_ONLY.has(c.action) ? ("admin" as const) : ("analyst" as const) })),
  ...preferenceCases.map((c) => ({ ...c, surface: "form" as const, as: "agency_officer" as const, action: "savePreferences" as const })),
];

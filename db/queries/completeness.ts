import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { periods } from "@/db/schema";
import { text, textOrNull, type SqlTime } from "@/db/sql-values";
import type { SubmissionStatus } from "@/core/assessments/enums";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { daysBetween } from "@/core/fiscal/calendar";

export interface CompletenessCounts {
  expected: number;
  submitted: number;
  onTime: number;
  approved: number;
}

export interface ExpectedSubmission {
  agencyCode: string;
  agencyNameTh: string;
  agencyNameEn: string;
  ministryCode: string | null;
  ministryNameTh: string | null;
  ministryNameEn: string | null;
  componentCode: string;
  componentNameTh: string;
  componentNameEn: string;
  status: SubmissionStatus | null;
  late: boolean;
  firstSubmittedAt: Date | null;
}

/**
 * Expected = every active agency tagged with a component that has an active template. A submission
 * counts as submitted once it first reached DGA (a later return does not un-submit it), on time when
 * that was by the due date, approved when approved now.
 */
const EXPECTED_ROWS = (periodId: number, scope: CompletenessScope = {}) => sql`
  select a.id as agency_id, m.id as ministry_id, c.id as component_id,
         a.code as agency_code, a.name_th as agency_name_th, a.name_en as agency_name_en,
         m.code as ministry_code, m.name_th as ministry_name_th, m.name_en as ministry_name_en,
         c.code as component_code, c.name_th as component_name_th, c.name_en as component_name_en, c.ordinal as component_ordinal,
         s.status, coalesce(s.late, false) as late, s.first_submitted_at,
         (s.first_submitted_at is not null) as submitted
  from agency_components ac
  join agencies a on a.id = ac.agency_id and a.active
  left join agencies m on m.id = a.parent_id
  join components c on c.id = ac.component_id
  join assessment_templates t on t.component_id = c.id and t.active
  left join submissions s on s.agency_id = a.id and s.component_id = c.id and s.period_id = ${periodId}
  where true
    ${scope.componentCode !== undefined ? sql`and c.code = ${scope.componentCode}` : sql``}
    ${scope.ministryCode !== undefined ? sql`and m.code = ${scope.ministryCode}` : sql``}
    ${scope.agencyCode !== undefined ? sql`and a.code = ${scope.agencyCode}` : sql``}`;

/** Narrows the tally to one component, ministry or agency (reports); all of them when empty. */
export interface CompletenessScope {
  componentCode?: string;
  ministryCode?: string;
  agencyCode?: string;
}

type Grouping = "total" | "component" | "ministry" | "agency";

interface GroupRow extends Record<string, unknown> {
  grouping: Grouping;
  ordinal: number | null;
  code: string | null;
  name_th: string | null;
  name_en: string | null;
  ministry_code: string | null;
  expected: number | string;
  submitted: number | string;
  on_time: number | string;
  approved: number | string;
}

/**
 * The expected rows counted per component × ministry group (× agency with `byAgency`), on integer keys: sorting
 * or hashing ~16,000 wide rows by Thai names and text codes spilled to disk. A ministry group is the agency's
 * parent, or the agency itself when it has none (as in completeness figures everywhere).
 */
const CELLS = (periodId: number, scope: CompletenessScope, byAgency: boolean) => sql`
    with expected as (${EXPECTED_ROWS(periodId, scope)}),
    cells as (
      select e.component_id, coalesce(e.ministry_id, e.agency_id) as ministry_key_id${byAgency ? sql`, e.agency_id` : sql``},
             count(*) as expected,
             count(*) filter (where e.submitted) as submitted,
             count(*) filter (where e.submitted and not e.late) as on_time,
             count(*) filter (where e.status = 'approved') as approved
      from expected e
      group by e.component_id, coalesce(e.ministry_id, e.agency_id)${byAgency ? sql`, e.agency_id` : sql``}
    )`;

/** A group's code, names and counts: `g` holds grouping, id and the four sums; names joined by id afterwards. */
const NAMED_GROUPS = sql`
    select g.grouping, coalesce(c.code, a.code) as code, coalesce(c.name_th, a.name_th) as name_th, coalesce(c.name_en, a.name_en) as name_en,
           p.code as ministry_code, c.ordinal, g.expected, g.submitted, g.on_time, g.approved
    from g
    left join components c on g.grouping = 'component' and c.id = g.id
    left join agencies a on g.grouping in ('ministry', 'agency') and a.id = g.id
    left join agencies p on g.grouping = 'agency' and p.id = a.parent_id`;

/**
 * The tallies, counted by the database (grouping sets over the cells): at national size (~8,000 agencies × their
 * components) nothing but the groups leaves PostgreSQL. Per agency too with `byAgency` (reports); the page reads
 * one page of agencies instead (countAgencyPage).
 */
async function countCompleteness(periodId: number, scope: CompletenessScope, byAgency: boolean) {
  const result = await getDb().execute<GroupRow>(sql`
    ${CELLS(periodId, scope, byAgency)},
    g as (
      select case
               when grouping(component_id) = 0 then 'component'
               when grouping(ministry_key_id) = 0 then 'ministry'
               ${byAgency ? sql`when grouping(agency_id) = 0 then 'agency'` : sql``}
               else 'total'
             end as grouping,
             coalesce(component_id, ministry_key_id${byAgency ? sql`, agency_id` : sql``}) as id,
             sum(expected) as expected, sum(submitted) as submitted, sum(on_time) as on_time, sum(approved) as approved
      from cells
      group by grouping sets ((component_id), (ministry_key_id), ${byAgency ? sql`(agency_id), ` : sql``}())
    )
    ${NAMED_GROUPS}
  `);
  return result.rows;
}

/** How many agencies are expected to report (the per-agency tally's length). */
async function countExpectedAgencies(periodId: number, scope: CompletenessScope): Promise<number> {
  const result = await getDb().execute<{ agencies: number | string }>(sql`
    select count(*) as agencies from (select 1 from (${EXPECTED_ROWS(periodId, scope)}) e group by e.agency_id) g`);
  return Number(result.rows[0]?.agencies ?? 0);
}

/** One page of the per-agency tally, in code order (as the whole list is sorted). */
async function countAgencyPage(periodId: number, scope: CompletenessScope, limit: number, offset: number) {
  const result = await getDb().execute<GroupRow>(sql`
    with expected as (${EXPECTED_ROWS(periodId, scope)}),
    g as (
      select e.agency_id,
             count(*) as expected,
             count(*) filter (where e.submitted) as submitted,
             count(*) filter (where e.submitted and not e.late) as on_time,
             count(*) filter (where e.status = 'approved') as approved
      from expected e
      group by e.agency_id
    )
    select 'agency' as grouping, a.code, a.name_th, a.name_en, p.code as ministry_code, null as ordinal, g.expected, g.submitted, g.on_time, g.approved
    from g
    join agencies a on a.id = g.agency_id
    left join agencies p on p.id = a.parent_id
    order by a.code collate "C"
    limit ${limit} offset ${offset}
  `);
  return result.rows;
}

function countsOf(row: GroupRow | undefined): CompletenessCounts {
  return {
    expected: Number(row?.expected ?? 0),
    submitted: Number(row?.submitted ?? 0),
    onTime: Number(row?.on_time ?? 0),
    approved: Number(row?.approved ?? 0),
  };
}

/** A page of a list: which one (1-based; past the last, the last) and how many rows a page holds. */
export interface ListPage {
  page: number;
  size: number;
}

/** One page of a list, the page it is (the one asked for, or the last) and how many rows the whole list has. */
export interface PagedList<T> {
  rows: T[];
  page: number;
  count: number;
}

/**
 * Completeness of a period across agencies, with the per-agency tally and the overdue list in full (reports).
 * DGA roles see every agency; an agency role only its own agency's tally, and only by asking for it (its
 * quarterly report).
 */
export async function getCompleteness(actor: Actor, periodCode: string, today: string, scope: CompletenessScope = {}) {
  const period = await completenessPeriod(actor, periodCode, scope);
  const [groups, missing] = await Promise.all([countCompleteness(period.id, scope, true), listExpectedSubmissions(period.id, { notSubmittedOnly: true, scope })]);
  const byAgency = groups
    .filter((r) => r.grouping === "agency")
    .map(agencyCountsOf)
    .sort((a, b) => byCodePoints(a.code, b.code));
  return { ...tallyOf(period, groups, today), byAgency, overdue: withDaysOverdue(period, today, missing) };
}

/**
 * As getCompleteness, for the page: one page of the per-agency tally and of the overdue list, read as pages
 * (a national quarter is ~8,000 agencies and up to ~16,000 expected forms), each with its count.
 */
export async function getCompletenessPage(actor: Actor, periodCode: string, today: string, pages: { agencies: ListPage; overdue: ListPage }) {
  const period = await completenessPeriod(actor, periodCode, {});
  const [groups, agencyCount] = await Promise.all([countCompleteness(period.id, {}, false), countExpectedAgencies(period.id, {})]);
  const tally = tallyOf(period, groups, today);
  const overdueCount = tally.total.expected - tally.total.submitted;
  const agencyPage = lastPageAtMost(pages.agencies, agencyCount);
  const overduePage = lastPageAtMost(pages.overdue, overdueCount);
  const [agencyRows, overdueRows] = await Promise.all([
    countAgencyPage(period.id, {}, pages.agencies.size, (agencyPage - 1) * pages.agencies.size),
    listExpectedSubmissions(period.id, { notSubmittedOnly: true, limit: pages.overdue.size, offset: (overduePage - 1) * pages.overdue.size }),
  ]);
  return {
    ...tally,
    byAgency: { rows: agencyRows.map(agencyCountsOf), page: agencyPage, count: agencyCount } satisfies PagedList<unknown>,
    overdue: { rows: withDaysOverdue(period, today, overdueRows), page: overduePage, count: overdueCount } satisfies PagedList<unknown>,
  };
}

async function completenessPeriod(actor: Actor, periodCode: string, scope: CompletenessScope) {
  const ownAgencyOnly = isAgencyRole(actor.role) && scope.agencyCode !== undefined && scope.agencyCode === actor.agencyCode;
  if (!can(actor, "completeness.view") && !ownAgencyOnly) throw new ForbiddenError();
  const [period] = await getDb().select().from(periods).where(eq(periods.code, periodCode)).limit(1);
  if (!period) throw new NotFoundError("period");
  return period;
}

/** The total and the per-component and per-ministry tallies (components in their order, ministries by code). */
function tallyOf<P extends { dueOn: string }>(period: P, groups: GroupRow[], today: string) {
  const of = (g: Grouping) => groups.filter((r) => r.grouping === g);
  const byComponent = of("component")
    .sort((a, b) => Number(a.ordinal) - Number(b.ordinal))
    .map((r) => ({ code: r.code!, nameTh: r.name_th!, nameEn: r.name_en!, ...countsOf(r) }));
  const byMinistry = of("ministry")
    .map((r) => ({ code: r.code!, nameTh: r.name_th!, nameEn: r.name_en!, ...countsOf(r) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { period, total: countsOf(of("total")[0]), byComponent, byMinistry, pastDue: today > period.dueOn };
}

/** Codes in code-point order, as PostgreSQL's "C" collation sorts them: the page and the whole list agree. */
const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const agencyCountsOf = (r: GroupRow) => ({ code: r.code!, nameTh: r.name_th!, nameEn: r.name_en!, ministryCode: r.ministry_code, ...countsOf(r) });

function withDaysOverdue(period: { dueOn: string }, today: string, rows: ExpectedSubmission[]) {
  const daysOverdue = today > period.dueOn ? daysBetween(period.dueOn, today) : 0;
  return rows.map((r) => ({ ...r, daysOverdue }));
}

function lastPageAtMost(asked: ListPage, count: number): number {
  return Math.max(1, Math.min(asked.page, Math.ceil(count / asked.size)));
}

/** One expected submission as EXPECTED_ROWS selects it. */
type ExpectedRow = {
  agency_code: string;
  agency_name_th: string;
  agency_name_en: string;
  ministry_code: string | null;
  ministry_name_th: string | null;
  ministry_name_en: string | null;
  component_code: string;
  component_name_th: string;
  component_name_en: string;
  status: SubmissionStatus | null;
  late: boolean | null;
  first_submitted_at: SqlTime | null;
};

/** The expected submissions of a period, one row each (the overdue list: only those not yet submitted), or a page of them. */
export async function listExpectedSubmissions(
  periodId: number,
  options: { notSubmittedOnly?: boolean; scope?: CompletenessScope; limit?: number; offset?: number } = {},
): Promise<ExpectedSubmission[]> {
  const result = await getDb().execute<ExpectedRow>(sql`
    select * from (${EXPECTED_ROWS(periodId, options.scope)}) e
    ${options.notSubmittedOnly ? sql`where not e.submitted` : sql``}
    order by e.component_ordinal, e.agency_code, e.component_code
    ${options.limit === undefined ? sql`` : sql`limit ${options.limit} offset ${options.offset ?? 0}`}
  `);
  return result.rows.map((r) => ({
    agencyCode: text(r.agency_code),
    agencyNameTh: text(r.agency_name_th),
    agencyNameEn: text(r.agency_name_en),
    ministryCode: textOrNull(r.ministry_code),
    ministryNameTh: textOrNull(r.ministry_name_th),
    ministryNameEn: textOrNull(r.ministry_name_en),
    componentCode: text(r.component_code),
    componentNameTh: text(r.component_name_th),
    componentNameEn: text(r.component_name_en),
    status: r.status ?? null,
    late: Boolean(r.late),
    firstSubmittedAt: r.first_submitted_at == null ? null : new Date(r.first_submitted_at),
  }));
}

/** How many of a period's expected submissions have reached DGA, nationally (the "provisional" note's share). */
export async function countNationalSubmissions(periodId: number): Promise<{ expected: number; submitted: number }> {
  const result = await getDb().execute<{ expected: number | string; submitted: number | string }>(sql`
    select count(*) as expected, count(*) filter (where e.submitted) as submitted from (${EXPECTED_ROWS(periodId)}) e`);
  const row = result.rows[0];
  return { expected: Number(row?.expected ?? 0), submitted: Number(row?.submitted ?? 0) };
}

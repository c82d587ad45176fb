import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { askTags, components, dgaUnits } from "@/db/schema";
import { num, text, textArray, isoTimeOrNull, type SqlArray, type SqlNumber, type SqlTime } from "@/db/sql-values";
import type { AskSource, SupportRequestStatus } from "@/core/asks/enums";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole } from "@/core/enums";
import { ForbiddenError } from "@/core/errors";

// What agencies ask DGA for, read straight from where it was written: the problems and support-needed
// narratives of submissions sent to DGA (first submitted at least once: drafts are the agency's own), and
// the problems and recommendations columns of eMENSCR progress rows of matched projects. An ask's
// component is its submission's; an eMENSCR ask's is its project's first linked component (by ordinal),
// so each ask counts under exactly one component and the component counts add up to the total. Its
// ministry is the agency's parent, as in the completeness figures.

export interface AskFilters {
  periodIds: readonly number[];
  agencyId?: number;
  componentCode?: string;
  ministryCode?: string;
  /** A confirmed tag's code; "unconfirmed" for asks whose tags nobody confirmed yet. */
  tag?: string;
  /** A request status, or "none" for asks not routed. */
  status?: SupportRequestStatus | "none";
  unitCode?: string;
  /** Only asks routed to a DGA unit, whatever their status (the report's list of requests). */
  routedOnly?: boolean;
}

export interface AskRow {
  source: AskSource;
  sourceId: number;
  text: string;
  periodCode: string;
  agencyCode: string;
  agencyNameTh: string;
  agencyNameEn: string | null;
  ministryCode: string | null;
  ministryNameTh: string | null;
  ministryNameEn: string | null;
  componentCode: string | null;
  componentNameTh: string | null;
  componentNameEn: string | null;
  projectCode: string | null;
  askId: number | null;
  confirmedTags: string[] | null;
  request: {
    id: number;
    status: SupportRequestStatus;
    version: number;
    answer: string | null;
    answeredAt: string | null;
    unitCode: string;
    unitNameTh: string;
    unitNameEn: string;
  } | null;
}

/** Every ask of the periods, one row per text (the union the list and the counts are read from). */
function askSourcesSql(periodIds: readonly number[], agencyId: number | undefined): SQL {
  const periods = sql`(${sql.join(periodIds.length ? periodIds.map((id) => sql`${id}`) : [sql`null`], sql`, `)})`;
  const ownSubmission = agencyId === undefined ? sql`` : sql`and s.agency_id = ${agencyId}`;
  const ownProject = agencyId === undefined ? sql`` : sql`and p.agency_id = ${agencyId}`;
  const projectComponent = sql`(select pc.component_id from project_components pc join components pcc on pcc.id = pc.component_id where pc.project_id = p.id order by pcc.ordinal limit 1)`;
  return sql`
    select 'submission_problems'::ask_source as source, s.id as source_id, s.agency_id, s.period_id, s.component_id, s.problems_text as body, null::text as project_code
      from submissions s where s.period_id in ${periods} and s.first_submitted_at is not null and btrim(coalesce(s.problems_text, '')) <> '' ${ownSubmission}
    union all
    select 'submission_support'::ask_source, s.id, s.agency_id, s.period_id, s.component_id, s.support_text, null::text
      from submissions s where s.period_id in ${periods} and s.first_submitted_at is not null and btrim(coalesce(s.support_text, '')) <> '' ${ownSubmission}
    union all
    select 'emenscr_problems'::ask_source, g.id, p.agency_id, g.period_id, ${projectComponent}, g.problems, p.project_code
      from emenscr_progress g join emenscr_projects p on p.id = g.project_id
      where g.period_id in ${periods} and p.agency_id is not null and btrim(coalesce(g.problems, '')) <> '' ${ownProject}
    union all
    select 'emenscr_recommendations'::ask_source, g.id, p.agency_id, g.period_id, ${projectComponent}, g.recommendations, p.project_code
      from emenscr_progress g join emenscr_projects p on p.id = g.project_id
      where g.period_id in ${periods} and p.agency_id is not null and btrim(coalesce(g.recommendations, '')) <> '' ${ownProject}`;
}

/** The asks with their agency, ministry, component, confirmed tags and request, filtered. */
function askRowsSql(filters: AskFilters): SQL {
  const where: SQL[] = [sql`true`];
  if (filters.componentCode) where.push(sql`c.code = ${filters.componentCode}`);
  if (filters.ministryCode) where.push(sql`m.code = ${filters.ministryCode}`);
  if (filters.tag === "unconfirmed") where.push(sql`k.tags_confirmed_at is null`);
  else if (filters.tag) where.push(sql`exists (select 1 from ask_tag_links l join ask_tags t on t.id = l.tag_id where l.ask_id = k.id and t.code = ${filters.tag})`);
  if (filters.status === "none") where.push(sql`r.id is null`);
  else if (filters.status) where.push(sql`r.status = ${filters.status}`);
  if (filters.unitCode) where.push(sql`u.code = ${filters.unitCode}`);
  if (filters.routedOnly) where.push(sql`r.id is not null`);
  return sql`
    select src.source, src.source_id, src.body, src.project_code, pe.code as period_code,
           a.code as agency_code, a.name_th as agency_name_th, a.name_en as agency_name_en,
           m.code as ministry_code, m.name_th as ministry_name_th, m.name_en as ministry_name_en,
           c.code as component_code, c.name_th as component_name_th, c.name_en as component_name_en, c.ordinal as component_ordinal,
           k.id as ask_id, k.tags_confirmed_at,
           (select array_agg(t.code order by t.ordinal, t.code) from ask_tag_links l join ask_tags t on t.id = l.tag_id where l.ask_id = k.id) as confirmed_tags,
           r.id as request_id, r.status as request_status, r.version as request_version, r.answer, r.answered_at,
           u.code as unit_code, u.name_th as unit_name_th, u.name_en as unit_name_en
    from (${askSourcesSql(filters.periodIds, filters.agencyId)}) src
    join agencies a on a.id = src.agency_id
    join periods pe on pe.id = src.period_id
    left join agencies m on m.id = a.parent_id
    left join components c on c.id = src.component_id
    left join asks k on k.source = src.source and k.source_id = src.source_id
    left join support_requests r on r.ask_id = k.id
    left join dga_units u on u.id = r.unit_id
    where ${sql.join(where, sql` and `)}`;
}

interface AskSqlRow {
  [key: string]: unknown;
  source: AskSource;
  source_id: SqlNumber;
  body: string;
  project_code: string | null;
  period_code: string;
  agency_code: string;
  agency_name_th: string;
  agency_name_en: string | null;
  ministry_code: string | null;
  ministry_name_th: string | null;
  ministry_name_en: string | null;
  component_code: string | null;
  component_name_th: string | null;
  component_name_en: string | null;
  ask_id: SqlNumber | null;
  confirmed_tags: SqlArray | null;
  request_id: SqlNumber | null;
  request_status: SupportRequestStatus | null;
  request_version: SqlNumber | null;
  answer: string | null;
  answered_at: SqlTime | null;
  unit_code: string | null;
  unit_name_th: string | null;
  unit_name_en: string | null;
  total: SqlNumber;
}

function toAskRow(r: AskSqlRow): AskRow {
  return {
    source: r.source,
    sourceId: num(r.source_id),
    text: r.body,
    periodCode: r.period_code,
    agencyCode: r.agency_code,
    agencyNameTh: r.agency_name_th,
    agencyNameEn: r.agency_name_en,
    ministryCode: r.ministry_code,
    ministryNameTh: r.ministry_name_th,
    ministryNameEn: r.ministry_name_en,
    componentCode: r.component_code,
    componentNameTh: r.component_name_th,
    componentNameEn: r.component_name_en,
    projectCode: r.project_code,
    askId: r.ask_id === null ? null : num(r.ask_id),
    confirmedTags: r.ask_id === null ? null : textArray(r.confirmed_tags),
    request:
      r.request_id === null
        ? null
        : {
            id: num(r.request_id),
            status: r.request_status!,
            version: num(r.request_version),
            answer: r.answer,
            answeredAt: isoTimeOrNull(r.answered_at),
            unitCode: text(r.unit_code!),
            unitNameTh: text(r.unit_name_th!),
            unitNameEn: text(r.unit_name_en!),
          },
  };
}

/**
 * Who may read which asks: DGA staff every agency's; an agency's own roles their own agency's only (the
 * filter is forced to it, whatever was asked); reviewers none.
 */
export function askScopeFor(actor: Actor, filters: AskFilters): AskFilters {
  if (isAgencyRole(actor.role)) return { ...filters, agencyId: actor.agencyId ?? -1 };
  if (!can(actor, "asks.view")) throw new ForbiddenError();
  return filters;
}

export interface ListAsksOptions {
  limit: number;
  offset: number;
  /** "agency" (default): by agency and component; "recent": routed ones first, then the latest quarters (an agency's profile). */
  order?: "agency" | "recent";
}

/** One page of asks (agency, component, source order) and how many match. */
export async function listAsks(actor: Actor, filters: AskFilters, options: ListAsksOptions, db: Queryable = getDb()): Promise<{ rows: AskRow[]; total: number }> {
  const scoped = askScopeFor(actor, filters);
  const result = await db.execute<AskSqlRow>(sql`
    select q.*, count(*) over () as total from (${askRowsSql(scoped)}) q
    order by ${options.order === "recent" ? sql`q.request_id is null, q.period_code desc, ` : sql``}q.agency_code, q.component_ordinal nulls last, q.source, q.source_id
    limit ${options.limit} offset ${options.offset}`);
  return { rows: result.rows.map(toAskRow), total: result.rows.length ? num(result.rows[0]!.total) : 0 };
}

export interface AskCount {
  code: string | null;
  nameTh: string | null;
  nameEn: string | null;
  asks: number;
  routed: number;
  answered: number;
}

export interface AskCounts {
  total: AskCount;
  byComponent: AskCount[];
  byMinistry: AskCount[];
  /** Asks per confirmed tag (an ask with two tags counts under both); `unconfirmed` have none yet. */
  byTag: { code: string; nameTh: string; nameEn: string; asks: number }[];
  unconfirmed: number;
}

interface CountSqlRow {
  [key: string]: unknown;
  grouping: "total" | "component" | "ministry";
  code: string | null;
  name_th: string | null;
  name_en: string | null;
  ordinal: SqlNumber | null;
  asks: SqlNumber;
  routed: SqlNumber;
  answered: SqlNumber;
  unconfirmed: SqlNumber;
}

/**
 * The counts of the asks that match (filters other than the grouping apply): by component, by ministry
 * (an agency without a parent counts as its own ministry, as in completeness), and by confirmed tag.
 */
export async function countAsks(actor: Actor, filters: AskFilters, db: Queryable = getDb()): Promise<AskCounts> {
  const scoped = askScopeFor(actor, filters);
  const rows = (
    await db.execute<CountSqlRow>(sql`
      with q as (${askRowsSql(scoped)}),
      keyed as (select q.*, coalesce(q.ministry_code, q.agency_code) as ministry_key,
                       coalesce(q.ministry_name_th, q.agency_name_th) as ministry_key_th, coalesce(q.ministry_name_en, q.agency_name_en) as ministry_key_en from q)
      select case when grouping(component_code) = 0 then 'component' when grouping(ministry_key) = 0 then 'ministry' else 'total' end as grouping,
             coalesce(case when grouping(component_code) = 0 then component_code end, case when grouping(ministry_key) = 0 then ministry_key end) as code,
             case when grouping(component_code) = 0 then min(component_name_th) when grouping(ministry_key) = 0 then min(ministry_key_th) end as name_th,
             case when grouping(component_code) = 0 then min(component_name_en) when grouping(ministry_key) = 0 then min(ministry_key_en) end as name_en,
             min(component_ordinal) as ordinal,
             count(*) as asks, count(request_id) as routed, count(*) filter (where request_status = 'answered') as answered,
             count(*) filter (where tags_confirmed_at is null) as unconfirmed
      from keyed
      group by grouping sets ((), (component_code), (ministry_key))`)
  ).rows;
  const tagRows = (
    await db.execute<{ code: string; name_th: string; name_en: string; asks: SqlNumber }>(sql`
      with q as (${askRowsSql(scoped)})
      select t.code, t.name_th, t.name_en, count(q.ask_id) as asks
      from ask_tags t
      left join ask_tag_links l on l.tag_id = t.id
      left join q on q.ask_id = l.ask_id
      group by t.id, t.code, t.name_th, t.name_en, t.ordinal
      order by t.ordinal, t.code`)
  ).rows;
  const count = (r: CountSqlRow): AskCount => ({ code: r.code, nameTh: r.name_th, nameEn: r.name_en, asks: num(r.asks), routed: num(r.routed), answered: num(r.answered) });
  const total = rows.find((r) => r.grouping === "total");
  return {
    total: total ? count(total) : { code: null, nameTh: null, nameEn: null, asks: 0, routed: 0, answered: 0 },
    byComponent: rows.filter((r) => r.grouping === "component").sort((a, b) => num(a.ordinal ?? 99) - num(b.ordinal ?? 99)).map(count),
    byMinistry: rows.filter((r) => r.grouping === "ministry").sort((a, b) => num(b.asks) - num(a.asks) || String(a.code).localeCompare(String(b.code))).map(count),
    byTag: tagRows.map((r) => ({ code: r.code, nameTh: r.name_th, nameEn: r.name_en, asks: num(r.asks) })),
    unconfirmed: total ? num(total.unconfirmed) : 0,
  };
}

/** The tag list (active ones for tagging; all of them for the admin page). */
export async function listAskTags(options: { activeOnly?: boolean } = {}, db: Queryable = getDb()) {
  const rows = await db.select().from(askTags).orderBy(asc(askTags.ordinal), asc(askTags.code));
  return options.activeOnly ? rows.filter((r) => r.active) : rows;
}

export async function listDgaUnits(options: { activeOnly?: boolean } = {}, db: Queryable = getDb()) {
  const rows = await db.select().from(dgaUnits).orderBy(asc(dgaUnits.code));
  return options.activeOnly ? rows.filter((r) => r.active) : rows;
}

export async function getDgaUnitByCode(code: string, db: Queryable = getDb()) {
  const [row] = await db.select().from(dgaUnits).where(eq(dgaUnits.code, code));
  return row ?? null;
}


/** The components, in order, for the filters. */
export async function listAskComponents(db: Queryable = getDb()) {
  return db.select({ code: components.code, nameTh: components.nameTh, nameEn: components.nameEn }).from(components).orderBy(asc(components.ordinal));
}

import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable } from "@/db/client";
import { frozenByDataVersion, readDataVersionOfRender } from "./data-versions";
import { agencies, agencyFlagSummaries, caseGroups, components, flagRules, flags, followUpCases, periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole, type AgencyType } from "@/core/enums";
import { ForbiddenError } from "@/core/errors";
import { daysBetween } from "@/core/fiscal/calendar";
import { RECURRENCE_LOOKBACK, scorePriority, severityOfRank, trendOf, type PriorityInput, type PriorityScore, type PriorityWeights, type Trend } from "@/core/flags/priority";
import { SEVERITIES, type Severity } from "@/core/flags/rules";

// The worklist's reads. Scores are computed here from the per-agency summaries the flag evaluation keeps
// (agency_flag_summaries), with the weights in force: a national quarter is a few thousand narrow rows,
// scored and sorted in memory, then one page is described in full (names, rules, cases).

export const WORKLIST_GROUPS = ["agency", "ministry", "province", "component", "rule"] as const;
export type WorklistGroup = (typeof WORKLIST_GROUPS)[number];

export interface WorklistOptions {
  periodId: number;
  /** Agency ids of the five quarters before, nearest first (trend and recurrence). */
  previousPeriodIds: readonly number[];
  ministryId?: number;
  agencyType?: AgencyType;
  province?: string;
  minSeverity?: Severity;
  componentCode?: string;
  overdueOnly?: boolean;
  today: string;
}

export interface ScoredAgency {
  agencyId: number;
  ministryId: number | null;
  province: string | null;
  input: PriorityInput;
  priority: PriorityScore;
  previousScore: number | null;
  trend: Trend;
}

const ministry = alias(agencies, "ministry");

/** The periods before one, nearest first (for trend and recurrence). */
export async function listPreviousPeriodIds(periodId: number, count = RECURRENCE_LOOKBACK + 1): Promise<number[]> {
  const rows = await getDb()
    .select({ id: periods.id })
    .from(periods)
    .where(sql`${periods.startsOn} < (select p.starts_on from periods p where p.id = ${periodId})`)
    .orderBy(sql`${periods.startsOn} desc`)
    .limit(count);
  return rows.map((r) => r.id);
}

/**
 * Every lagging agency of the scope, scored and sorted (highest first, then by agency code). A national quarter
 * is thousands of agencies (0.1 s of reads and more of scoring): kept per flags version (the summaries move it
 * too, drizzle/0038), catalogue version (names, types, provinces), filters, weights and day. The overdue filter
 * reads follow-up cases, which move neither version: read anew.
 */
export async function scoreWorklist(actor: Actor, options: WorklistOptions, weights: PriorityWeights): Promise<readonly ScoredAgency[]> {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  const scope = isAgencyRole(actor.role) ? (actor.agencyId ?? -1) : null;
  if (options.overdueOnly) return readScoredWorklist(getDb(), scope, options, weights);
  return cachedScoredWorklist(getDb(), scope, options, weights, await readDataVersionOfRender("catalogue"));
}

/** Rows kept by each of the worklist's kept reads, per instance: about ten national quarters (~6,000 agencies each, ~2 MB). */
const KEPT_WORKLIST_ROWS = 60_000;

const cachedScoredWorklist = frozenByDataVersion(
  "flags",
  "worklist.cachedScoredWorklist",
  (db: Queryable, scope: number | null, options: WorklistOptions, weights: PriorityWeights, _catalogueVersion: string) => readScoredWorklist(db, scope, options, weights),
  KEPT_WORKLIST_ROWS,
);

/** `scope`: the one agency an agency role sees, or null for every agency. */
async function readScoredWorklist(db: Queryable, scope: number | null, options: WorklistOptions, weights: PriorityWeights): Promise<ScoredAgency[]> {
  const s = agencyFlagSummaries;
  const prev = options.previousPeriodIds;
  const ids = (list: readonly number[]) => sql`${sql.param([...list])}::int[]`;
  const quartersBefore = (periodIds: readonly number[]) =>
    periodIds.length ? sql<number>`(select count(*)::int from agency_flag_summaries p where p.agency_id = ${s.agencyId} and p.period_id = any(${ids(periodIds)}))` : sql<number>`0`;
  const previous = alias(agencyFlagSummaries, "previous");
  const rows = await db
    .select({
      agencyId: s.agencyId,
      code: agencies.code,
      ministryId: s.ministryId,
      province: agencies.province,
      openFlags: s.openFlags,
      worstRank: s.worstRank,
      oldestOpenAt: s.oldestOpenAt,
      budget: s.budgetBaht,
      before: quartersBefore(prev.slice(0, RECURRENCE_LOOKBACK)).mapWith(Number),
      prevOpen: previous.openFlags,
      prevWorst: previous.worstRank,
      prevOldest: previous.oldestOpenAt,
      prevBudget: previous.budgetBaht,
      prevBefore: quartersBefore(prev.slice(1, RECURRENCE_LOOKBACK + 1)).mapWith(Number),
      prevEnds: sql<string | null>`(select p.ends_on from periods p where p.id = ${prev[0] ?? -1})`,
    })
    .from(s)
    .innerJoin(agencies, eq(agencies.id, s.agencyId))
    .leftJoin(previous, and(eq(previous.agencyId, s.agencyId), eq(previous.periodId, prev[0] ?? -1)))
    .where(and(...worklistFilters(scope, options)));
  const scored = rows.map((r): ScoredAgency & { code: string } => {
    const input: PriorityInput = {
      openFlags: r.openFlags,
      worstSeverity: severityOfRank(r.worstRank),
      budgetBaht: Number(r.budget),
      quartersLaggingBefore: r.before,
      daysOpen: r.oldestOpenAt ? daysBetween(r.oldestOpenAt.toISOString().slice(0, 10), options.today) : 0,
    };
    const priority = scorePriority(input, weights);
    // The previous quarter scored as it stood at its end, with today's weights: the trend shows the data moving.
    const previousScore =
      r.prevOpen && r.prevOpen > 0
        ? scorePriority(
            {
              openFlags: r.prevOpen,
              worstSeverity: severityOfRank(r.prevWorst ?? 0),
              budgetBaht: Number(r.prevBudget ?? 0),
              quartersLaggingBefore: r.prevBefore,
              daysOpen: r.prevOldest && r.prevEnds ? Math.max(0, daysBetween(r.prevOldest.toISOString().slice(0, 10), r.prevEnds)) : 0,
            },
            weights,
          ).score
        : null;
    return { agencyId: r.agencyId, code: r.code, ministryId: r.ministryId, province: r.province, input, priority, previousScore, trend: trendOf(priority.score, previousScore) };
  });
  return scored.sort((a, b) => b.priority.score - a.priority.score || a.code.localeCompare(b.code));
}

/** A condition on the flag `f`: in the component of this code (none without one). */
function inComponent(componentCode: string | undefined): SQL {
  return componentCode ? sql`and f.component_id = (select ${components.id} from ${components} where ${components.code} = ${componentCode})` : sql``;
}

function worklistFilters(scope: number | null, options: WorklistOptions): (SQL | undefined)[] {
  const s = agencyFlagSummaries;
  const filters: (SQL | undefined)[] = [eq(s.periodId, options.periodId), sql`${s.openFlags} > 0`];
  if (scope !== null) filters.push(eq(s.agencyId, scope));
  if (options.ministryId) filters.push(eq(s.ministryId, options.ministryId));
  if (options.agencyType) filters.push(eq(agencies.type, options.agencyType));
  if (options.province) filters.push(eq(agencies.province, options.province));
  if (options.minSeverity) filters.push(sql`${s.worstRank} >= ${SEVERITIES.indexOf(options.minSeverity) + 1}`);
  if (options.componentCode) {
    filters.push(sql`exists (select 1 from flags f where f.agency_id = ${s.agencyId} and f.status = 'open' and f.period_id = ${options.periodId}
      ${inComponent(options.componentCode)})`);
  }
  if (options.overdueOnly) {
    filters.push(sql`exists (select 1 from follow_up_cases c where c.agency_id = ${s.agencyId} and c.period_id = ${options.periodId}
      and c.status in ('open', 'in_progress') and c.due_on < ${options.today})`);
  }
  return filters;
}

/**
 * What one page of agency rows shows beside the score: names, rules missed, follow-up. Filtered by a
 * component, the rules listed are that component's, so a row never names a reason the filter left out.
 */
export async function describeWorklistAgencies(periodId: number, agencyIds: readonly number[], today: string, componentCode?: string) {
  const rows = await getDb()
    .select({
      agencyId: agencies.id,
      code: agencies.code,
      nameTh: agencies.nameTh,
      nameEn: agencies.nameEn,
      province: agencies.province,
      ministryNameTh: ministry.nameTh,
      ministryNameEn: ministry.nameEn,
      rulesTh: sql<string[]>`(select array_agg(distinct r.name_th) from flags f join flag_rules r on r.id = f.rule_id where f.agency_id = ${agencies.id} and f.period_id = ${periodId} and f.status = 'open' ${inComponent(componentCode)})`,
      rulesEn: sql<string[]>`(select array_agg(distinct r.name_en) from flags f join flag_rules r on r.id = f.rule_id where f.agency_id = ${agencies.id} and f.period_id = ${periodId} and f.status = 'open' ${inComponent(componentCode)})`,
      cases: sql<{ open: number; overdue: number; latest: number | null; group: number | null }>`(select json_build_object(
          'open', count(*) filter (where c.status in ('open', 'in_progress')),
          'overdue', count(*) filter (where c.status in ('open', 'in_progress') and c.due_on < ${today}),
          'latest', max(c.id) filter (where c.status in ('open', 'in_progress')),
          'group', max(c.group_id) filter (where c.status in ('open', 'in_progress')))
        from ${followUpCases} c where c.agency_id = ${agencies.id} and c.period_id = ${periodId})`,
    })
    .from(agencies)
    .leftJoin(agencyFlagSummaries, and(eq(agencyFlagSummaries.agencyId, agencies.id), eq(agencyFlagSummaries.periodId, periodId)))
    .leftJoin(ministry, eq(ministry.id, agencyFlagSummaries.ministryId))
    .where(inArray(agencies.id, [...agencyIds]));
  return new Map(rows.map((r) => [r.agencyId, r]));
}

/**
 * Open flags per component or rule and agency in the scope (for the component and rule roll-ups): a national
 * quarter groups its hundreds of thousands of flags, so kept as the scored worklist is (scoreWorklist).
 */
export async function countOpenFlagsBy(actor: Actor, by: "component" | "rule", options: WorklistOptions) {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  const scope = isAgencyRole(actor.role) ? (actor.agencyId ?? -1) : null;
  if (options.overdueOnly) return readOpenFlagsBy(getDb(), by, scope, options);
  return cachedOpenFlagsBy(getDb(), by, scope, options, await readDataVersionOfRender("catalogue"));
}

const cachedOpenFlagsBy = frozenByDataVersion(
  "flags",
  "worklist.cachedOpenFlagsBy",
  (db: Queryable, by: "component" | "rule", scope: number | null, options: WorklistOptions, _catalogueVersion: string) => readOpenFlagsBy(db, by, scope, options),
  KEPT_WORKLIST_ROWS,
);

async function readOpenFlagsBy(db: Queryable, by: "component" | "rule", scope: number | null, options: WorklistOptions) {
  const key = by === "component" ? flags.componentId : flags.ruleId;
  const summaries = agencyFlagSummaries;
  return db
    .select({ key, agencyId: flags.agencyId, flags: sql<number>`count(*)`.mapWith(Number) })
    .from(flags)
    .innerJoin(summaries, and(eq(summaries.agencyId, flags.agencyId), eq(summaries.periodId, flags.periodId)))
    .innerJoin(agencies, eq(agencies.id, flags.agencyId))
    .where(and(eq(flags.status, "open"), ...worklistFilters(scope, options)))
    .groupBy(key, flags.agencyId);
}

/** Names of the roll-up keys: components and rules. */
export async function listRollupNames() {
  const db = getDb();
  const [componentRows, ruleRows] = await Promise.all([
    db.select({ id: components.id, code: components.code, nameTh: components.nameTh, nameEn: components.nameEn }).from(components).orderBy(asc(components.ordinal)),
    db.select({ id: flagRules.id, code: flagRules.code, nameTh: flagRules.nameTh, nameEn: flagRules.nameEn }).from(flagRules),
  ]);
  return { components: componentRows, rules: ruleRows };
}

/** The open ministry and province cases of a quarter, by scope key (ministry id or province). */
export async function listOpenGroupCases(periodId: number) {
  const rows = await getDb()
    .select({ id: caseGroups.id, scope: caseGroups.scope, ministryId: caseGroups.ministryId, province: caseGroups.province })
    .from(caseGroups)
    .where(and(eq(caseGroups.periodId, periodId), inArray(caseGroups.status, ["open", "in_progress"])));
  return new Map(rows.map((r) => [r.scope === "ministry" ? `m:${r.ministryId}` : `p:${r.province}`, r.id]));
}

/** Provinces that have agencies (the province filter). */
export async function listProvinces(): Promise<string[]> {
  const rows = await getDb().selectDistinct({ province: agencies.province }).from(agencies).where(sql`${agencies.province} is not null`).orderBy(asc(agencies.province));
  return rows.map((r) => r.province!);
}

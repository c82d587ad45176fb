import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { cachedByDataVersion } from "@/db/queries/data-versions";
import { agencies, components, periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { AGENCY_TYPES, type AgencyType } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { isPeriodDue, selectReportingPeriod } from "@/core/fiscal/reporting-period";
import { DEFAULT_SCORING, type ScoringConfig } from "@/core/scoring";

// Who asks, for which period and which part of the country. Every read takes the caller: DGA-wide
// roles see every agency and may filter by ministry and agency type; agency roles see national
// aggregates (filters other than period and component are ignored for them, so a one-department
// ministry cannot reveal a neighbour's figures) and their own agency only. All results are plain JSON
// (no Date) so the same object can be prefetched on the server and served by app/api/dashboard/*.

export interface PeriodRef {
  id: number;
  code: string;
  fiscalYear: number;
  quarter: number;
  dueOn: string;
  status: "open" | "closed";
}

export interface DashboardScope {
  /** True when the caller sees national aggregates only (agency roles). */
  restricted: boolean;
  ministry: { code: string; nameTh: string; nameEn: string } | null;
  type: AgencyType | null;
  /** Filters that were given but not applied (unknown ministry, or not allowed for the role). */
  ignored: string[];
}

export interface DashboardOptions {
  /** Quarters in the overview's trend, ending with the selected one. */
  trendLength?: number;
  scoring?: ScoringConfig;
  /** "Today" in Bangkok (tests); decides whether missing reports are overdue. */
  today?: string;
}

/** The resolved question: every period, the selected one, the scope and the scoring rules. */
export interface ReadContext {
  periods: PeriodRef[];
  period: PeriodRef;
  scope: DashboardScope;
  ministryId: number | null;
  config: ScoringConfig;
}

export async function loadContext(actor: Actor, filters: DashboardFilters, options: DashboardOptions): Promise<ReadContext> {
  if (!can(actor, "dashboard.view")) throw new ForbiddenError();
  const rows = await readAllPeriods(getDb());
  const all: PeriodRef[] = rows.map((p) => ({ id: p.id, code: p.code, fiscalYear: p.fiscalYear, quarter: p.quarter, dueOn: p.dueOn, status: p.status }));
  const today = options.today ?? todayInBangkok();
  // Without a chosen period (or an unknown one), the one rule every page and report uses.
  const chosen = selectReportingPeriod(rows, filters.period, today);
  const period = all.find((p) => p.id === chosen?.id);
  if (!period) throw new NotFoundError("period");
  const ignored: string[] = [];
  if (filters.period && period.code !== filters.period) ignored.push("period");
  // Agency roles and reviewers (who have no agency.view_all): national aggregates, no ministry or type cuts.
  const restricted = !can(actor, "agency.view_all");
  const { ministry, ministryId, type } = await resolveScopeFilters(restricted, filters, ignored);
  return { periods: all, period, scope: { restricted, ministry, type, ignored }, ministryId, config: options.scoring ?? DEFAULT_SCORING };
}

/** Every period, oldest first, kept per catalogue version. */
const readAllPeriods = cachedByDataVersion("catalogue", "context.readAllPeriods", (db: Queryable) => db.select().from(periods).orderBy(asc(periods.fiscalYear), asc(periods.quarter)));

/** The ministry and agency-type filters the caller may apply; the others are noted in `ignored`. */
async function resolveScopeFilters(restricted: boolean, filters: DashboardFilters, ignored: string[]) {
  let ministry: DashboardScope["ministry"] = null;
  let ministryId: number | null = null;
  let type: AgencyType | null = null;
  if (restricted) {
    if (filters.ministry) ignored.push("ministry");
    if (filters.type) ignored.push("type");
    return { ministry, ministryId, type };
  }
  if (filters.ministry) {
    const [row] = await getDb()
      .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
      .from(agencies)
      .where(and(eq(agencies.code, filters.ministry), eq(agencies.type, "ministry")))
      .limit(1);
    if (row) {
      ministry = { code: row.code, nameTh: row.nameTh, nameEn: row.nameEn };
      ministryId = row.id;
    } else ignored.push("ministry");
  }
  if (filters.type && (AGENCY_TYPES as readonly string[]).includes(filters.type)) type = filters.type;
  return { ministry, ministryId, type };
}

/** The same question for the whole country (national comparison, or one agency's own figures). */
export function nationalContext(ctx: ReadContext): ReadContext {
  return { ...ctx, ministryId: null, scope: { ...ctx.scope, type: null } };
}

/** A part of the country: a ministry and/or an agency type (null: all). */
export interface ScopeCut {
  ministryId: number | null;
  scope: { type: AgencyType | null };
}

/** The SQL condition selecting the caller's scope on a table with ministry_id and agency_type. */
export function scopeCondition(ctx: ScopeCut, alias: string): SQL {
  const parts: SQL[] = [];
  if (ctx.ministryId !== null) parts.push(sql`${sql.raw(alias)}.ministry_id = ${ctx.ministryId}`);
  if (ctx.scope.type) parts.push(sql`${sql.raw(alias)}.agency_type = ${ctx.scope.type}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

export function periodByCode(ctx: ReadContext, code: string | null): PeriodRef | null {
  return code ? (ctx.periods.find((p) => p.code === code) ?? null) : null;
}

/** Once the period's due date has passed, missing reports count as lagging. */
export function isOverdue(period: PeriodRef, today: string): boolean {
  return isPeriodDue(period, today);
}

/** Choices for the filter bar: the ministries for DGA roles only. */
export async function listDashboardFilterOptions(actor: Actor) {
  if (!can(actor, "dashboard.view")) throw new ForbiddenError();
  const viewsAll = can(actor, "agency.view_all");
  const { periods: periodCodes, ministries, components: componentRows } = await readFilterChoices(getDb());
  return {
    periods: periodCodes,
    ministries: viewsAll ? ministries : [],
    types: viewsAll ? AGENCY_TYPES.filter((t) => t !== "ministry") : [],
    components: componentRows,
  };
}
export type DashboardFilterOptions = Awaited<ReturnType<typeof listDashboardFilterOptions>>;

/** The periods, active ministries and components, kept per catalogue version (read on every dashboard page). */
const readFilterChoices = cachedByDataVersion("catalogue", "context.readFilterChoices", async (db: Queryable) => {
  const [periodRows, ministries, componentRows] = await Promise.all([
    readAllPeriods(db),
    db
      .select({ code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
      .from(agencies)
      .where(and(eq(agencies.type, "ministry"), eq(agencies.active, true)))
      .orderBy(asc(agencies.code)),
    db.select({ code: components.code, nameTh: components.nameTh, nameEn: components.nameEn }).from(components).orderBy(asc(components.ordinal)),
  ]);
  return { periods: periodRows.map((p) => p.code), ministries, components: componentRows };
});

import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { getVisibleAgency, type VisibleAgency } from "@/db/queries/agencies";
import { isoTime, num, numOrNull, text, textOrNull, type SqlNumber, type SqlTime } from "@/db/sql-values";
import type { Actor } from "@/core/auth/actor";
import type { DashboardFilters } from "@/core/dashboard/filters";
import type { FactSource, FactState } from "@/core/enums";
import type { UncountedReason } from "@/db/schema";
import { NotFoundError } from "@/core/errors";
import { assess, scopedTarget } from "@/core/scoring";
import { loadContext, nationalContext, scopeCondition, type DashboardOptions, type DashboardScope, type PeriodRef, type ReadContext } from "./context";
import { emptyFigure, listIndicatorMeta, loadFigures, type Figure, type IndicatorMeta } from "./figures";

// "Where does this number come from?": the facts behind one figure.

export interface ProvenanceOptions extends DashboardFilters {
  indicator: string;
  /** One agency's facts only. */
  agency?: string;
  limit?: number;
  offset?: number;
}

export interface ProvenanceRow {
  factId: number;
  agencyCode: string;
  agencyNameTh: string;
  agencyNameEn: string;
  value: number;
  weight: number | null;
  source: FactSource;
  state: FactState;
  /** Submission value id (self-assessment) or eMENSCR progress row id. */
  sourceId: number | null;
  importBatchId: number | null;
  sourceRow: number | null;
  sourceRef: string | null;
  recordedAt: string;
  /** Whether this fact is the one that counted for its agency (approved and most recent). */
  counted: boolean;
  /** Why the agency's effective fact does not count (see dashboard_uncounted_figures), else null. */
  uncountedReason: UncountedReason | null;
}

export interface Provenance {
  indicator: IndicatorMeta;
  period: PeriodRef;
  scope: DashboardScope;
  agency: { code: string; nameTh: string; nameEn: string } | null;
  figure: Figure;
  total: number;
  counted: number;
  /** Facts of other agencies that are in the national figure but not shown to an agency role. */
  hidden: number;
  rows: ProvenanceRow[];
}

type CountsRow = { total: SqlNumber; counted: SqlNumber; hidden: SqlNumber };

type FactRow = {
  id: SqlNumber;
  code: string;
  name_th: string;
  name_en: string;
  value: SqlNumber;
  weight: SqlNumber | null;
  source: FactSource;
  state: FactState;
  source_id: SqlNumber | null;
  import_batch_id: SqlNumber | null;
  source_row: SqlNumber | null;
  source_ref: string | null;
  recorded_at: SqlTime;
  counted: boolean;
  uncounted_reason: UncountedReason | null;
};

type OwnValueRow = { value: SqlNumber; target: SqlNumber | null };

const provenanceRow = (r: FactRow): ProvenanceRow => ({
  factId: num(r.id),
  agencyCode: text(r.code),
  agencyNameTh: text(r.name_th),
  agencyNameEn: text(r.name_en),
  value: num(r.value),
  weight: numOrNull(r.weight),
  source: r.source,
  state: r.state,
  sourceId: numOrNull(r.source_id),
  importBatchId: numOrNull(r.import_batch_id),
  sourceRow: numOrNull(r.source_row),
  sourceRef: textOrNull(r.source_ref),
  recordedAt: isoTime(r.recorded_at),
  counted: Boolean(r.counted),
  uncountedReason: r.uncounted_reason ?? null,
});

/** The facts of the figure visible to the caller (one page) and the counts of all of them. */
function readFacts(where: SQL, visible: SQL, limit: number, offset: number) {
  const db = getDb();
  return Promise.all([
    db.execute<CountsRow>(sql`
      select count(*) filter (where ${visible}) as total,
        count(g.fact_id) filter (where ${visible}) as counted,
        count(*) filter (where not (${visible})) as hidden
      from indicator_facts f
      join dashboard_agency_dims d on d.agency_id = f.agency_id
      left join dashboard_agency_figures g on g.period_id = f.period_id and g.indicator_id = f.indicator_id and g.agency_id = f.agency_id and g.fact_id = f.id
      where ${where}`),
    db.execute<FactRow>(sql`
      select f.id, a.code, a.name_th, a.name_en, f.value, f.weight, f.source, f.state, f.source_id, f.import_batch_id, f.source_row,
        f.source_ref, f.recorded_at, g.fact_id is not null as counted, u.reason as uncounted_reason
      from indicator_facts f
      join dashboard_agency_dims d on d.agency_id = f.agency_id
      join agencies a on a.id = f.agency_id
      left join dashboard_agency_figures g on g.period_id = f.period_id and g.indicator_id = f.indicator_id and g.agency_id = f.agency_id and g.fact_id = f.id
      left join dashboard_uncounted_figures u on u.period_id = f.period_id and u.indicator_id = f.indicator_id and u.agency_id = f.agency_id and u.fact_id = f.id
      where ${where} and ${visible}
      order by a.code, f.recorded_at desc, f.id desc
      limit ${limit} offset ${offset}`),
  ]);
}

/** One agency's figure, held to its own target or its share of the national one. */
async function agencyFigure(ctx: ReadContext, meta: IndicatorMeta, agencyId: number, nationalFigure: Figure): Promise<Figure> {
  const [own] = (
    await getDb().execute<OwnValueRow>(sql`
      select value, target from dashboard_agency_figures where period_id = ${ctx.period.id} and indicator_id = ${meta.id} and agency_id = ${agencyId}`)
  ).rows;
  const target = own ? numOrNull(own.target) : scopedTarget(meta.aggregation, nationalFigure.target, 1, nationalFigure.expected);
  const actual = own ? num(own.value) : null;
  return { ...emptyFigure(ctx.period.code), ...assess(actual, target, meta, ctx.config), actual, target, reporting: own ? 1 : 0, expected: 1 };
}

/**
 * "Trace this figure": the facts a dashboard number was computed from, every source and state, with
 * their provenance (submission value, import batch and row, or derivation). Agency roles see their own
 * agency's facts and only the count of the others.
 */
export async function listFigureProvenance(actor: Actor, options: ProvenanceOptions, dashboardOptions: DashboardOptions = {}): Promise<Provenance> {
  const ctx = await loadContext(actor, options, dashboardOptions);
  const [meta] = (await listIndicatorMeta(undefined, ctx.period.id)).filter((m) => m.code === options.indicator);
  if (!meta) throw new NotFoundError("indicator");
  const agency: VisibleAgency | null = options.agency ? await getVisibleAgency(actor, options.agency) : null;
  const conditions: SQL[] = [sql`f.period_id = ${ctx.period.id}`, sql`f.indicator_id = ${meta.id}`, scopeCondition(ctx, "d")];
  if (agency) conditions.push(sql`f.agency_id = ${agency.id}`);
  const visible = ctx.scope.restricted ? sql`f.agency_id = ${actor.agencyId ?? -1}` : sql`true`;
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const offset = Math.max(options.offset ?? 0, 0);
  const [counts, rows] = await readFacts(sql.join(conditions, sql` and `), visible, limit, offset);
  const figures = await loadFigures(agency ? nationalContext(ctx) : ctx, [meta], [ctx.period]);
  const scopeFigure = figures.get(meta.id, ctx.period.id) ?? emptyFigure(ctx.period.code);
  const figure = agency ? await agencyFigure(ctx, meta, agency.id, scopeFigure) : scopeFigure;
  const c = counts.rows[0];
  return {
    indicator: meta,
    period: ctx.period,
    scope: ctx.scope,
    agency: agency ? { code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn } : null,
    figure,
    total: num(c?.total),
    counted: num(c?.counted),
    hidden: num(c?.hidden),
    rows: rows.rows.map(provenanceRow),
  };
}

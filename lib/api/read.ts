import "server-only";
import { z } from "zod";
import { findAgencyForScope, listApiCases, listApiFlags, listApiReports, type ApiListOptions } from "@/db/queries/api";
import { listComponentsWithElements, listIndicatorDictionary } from "@/db/queries/catalogue";
import type { caseListSchema, componentListSchema, figureListSchema, figureQuerySchema, flagListSchema, indicatorListSchema, provenanceQuerySchema, provenanceSchema, reportListSchema } from "@/core/api/schemas";
import { scopeCovers } from "@/core/api/tokens";
import { NotFoundError, ValidationError } from "@/core/errors";
import type { Status } from "@/core/scoring/status";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { loadContext } from "@/lib/facts/read/context";
import { listIndicatorMeta, loadFigures } from "@/lib/facts/read/figures";
import { listFigureProvenance } from "@/lib/facts/read/provenance";
import { ApiScopeError, type ApiContext } from "./route";

// What the read routes of /api/v1 answer. Figures come from the fact layer's read functions (lib/facts/read),
// the very ones the dashboards use, never from a computation of their own.

type Out<S extends z.ZodType> = z.input<S>;

export async function listComponentsForApi(): Promise<Out<typeof componentListSchema>> {
  const rows = await listComponentsWithElements();
  return {
    data: rows.map((c) => ({
      code: c.code,
      ordinal: c.ordinal,
      group: c.group,
      nameTh: c.nameTh,
      nameEn: c.nameEn,
      descriptionTh: c.descriptionTh,
      descriptionEn: c.descriptionEn,
      dgaRole: c.dgaRole,
      elements: c.elements.map((e) => ({ code: e.code, nameTh: e.nameTh, nameEn: e.nameEn })),
    })),
  };
}

export async function listIndicatorsForApi(): Promise<Out<typeof indicatorListSchema>> {
  const rows = await listIndicatorDictionary();
  return {
    data: rows.map(({ indicator: i, componentCode, serviceCode, dataOwnerCode, versions }) => ({
      code: i.code,
      componentCode,
      platformCode: serviceCode,
      nameTh: i.nameTh,
      nameEn: i.nameEn,
      definitionTh: i.definitionTh,
      definitionEn: i.definitionEn,
      unitTh: i.unitTh,
      unitEn: i.unitEn,
      direction: i.direction,
      valueType: i.valueType,
      aggregation: i.aggregation,
      frequency: i.frequency,
      formulaTh: i.formulaTh,
      formulaEn: i.formulaEn,
      dataSourceTh: i.dataSourceTh,
      dataSourceEn: i.dataSourceEn,
      dataOwnerCode,
      baselineValue: i.baselineValue === null ? null : Number(i.baselineValue),
      baselineYear: i.baselineYear,
      versions: versions.map((v) => ({ version: v.version, fromPeriod: v.fromPeriod, unitTh: v.unitTh, unitEn: v.unitEn, direction: v.direction, aggregation: v.aggregation })),
    })),
  };
}

type FigureQuery = z.infer<typeof figureQuerySchema>;
type ResolvedScope = { kind: "nation"; code: null; nameTh: null; nameEn: null } | { kind: "ministry" | "agency"; code: string; nameTh: string; nameEn: string };

/**
 * The part of the country asked about, if the token covers it. Outside the token's scope the answer is
 * 403 whether or not the code exists (a narrow token cannot probe codes); inside it, an unknown code is 404.
 */
async function resolveScope(api: ApiContext, query: Pick<FigureQuery, "scope" | "code">): Promise<ResolvedScope> {
  if (query.scope === "nation") {
    if (!scopeCovers(api.scope, { kind: "nation" })) throw new ApiScopeError();
    return { kind: "nation", code: null, nameTh: null, nameEn: null };
  }
  if (!query.code) throw new ValidationError({ code: ["required"] });
  const agency = await findAgencyForScope(api.scope, query.code);
  const covered = agency !== null && agency.inScope && scopeCovers(api.scope, { kind: query.scope, agencyId: agency.id, inMinistry: agency.inScope });
  if (api.scope.kind !== "national" && !covered) throw new ApiScopeError();
  if (!agency || (query.scope === "ministry") !== (agency.type === "ministry")) throw new NotFoundError(query.scope);
  return { kind: query.scope, code: agency.code, nameTh: agency.nameTh, nameEn: agency.nameEn };
}

/** The period asked for must exist; without one, the quarter the dashboards show today. */
function checkPeriod(asked: string | undefined, got: string) {
  if (asked && asked !== got) throw new NotFoundError("period");
}

const provenanceUrl = (period: string, scope: ResolvedScope, indicator: string) => {
  const params = new URLSearchParams({ indicator, period, scope: scope.kind });
  if (scope.code) params.set("code", scope.code);
  return `/api/v1/figures/provenance?${params.toString()}`;
};

export async function readFiguresForApi(api: ApiContext, query: FigureQuery): Promise<Out<typeof figureListSchema>> {
  const scope = await resolveScope(api, query);
  const components = new Map((await listComponentsWithElements()).map((c) => [c.id, c.code]));
  if (scope.kind === "agency") {
    const dashboard = await getAgencyDashboard(api.actor, scope.code, { period: query.period });
    checkPeriod(query.period, dashboard.period.code);
    const data = dashboard.components.flatMap((c) =>
      c.indicators.map((m) => ({
        indicatorCode: m.code,
        componentCode: c.code,
        nameTh: m.nameTh,
        nameEn: m.nameEn,
        unitTh: m.unitTh,
        unitEn: m.unitEn,
        direction: m.direction,
        aggregation: m.aggregation,
        ...figureFields(m.current),
        provenance: provenanceUrl(dashboard.period.code, scope, m.code),
      })),
    );
    return { period: dashboard.period.code, scope, refreshedAt: null, data };
  }
  const ctx = await loadContext(api.actor, { period: query.period, ministry: scope.kind === "ministry" ? scope.code : undefined }, {});
  checkPeriod(query.period, ctx.period.code);
  const metas = await listIndicatorMeta(undefined, ctx.period.id);
  const figures = await loadFigures(ctx, metas, [ctx.period]);
  const data = metas.flatMap((m) => {
    const figure = figures.get(m.id, ctx.period.id);
    if (!figure) return [];
    return [
      {
        indicatorCode: m.code,
        componentCode: components.get(m.componentId) ?? "",
        nameTh: m.nameTh,
        nameEn: m.nameEn,
        unitTh: m.unitTh,
        unitEn: m.unitEn,
        direction: m.direction,
        aggregation: m.aggregation,
        ...figureFields(figure),
        provenance: provenanceUrl(ctx.period.code, scope, m.code),
      },
    ];
  });
  return { period: ctx.period.code, scope, refreshedAt: figures.refreshedAt, data };
}

function figureFields(f: { actual: number | null; target: number | null; status: Status; attainment: number | null; reporting: number; expected: number; provisional: number }) {
  return {
    actual: f.actual,
    target: f.target,
    status: f.status,
    attainment: f.attainment,
    reporting: f.reporting,
    expected: f.expected,
    provisional: f.provisional,
  };
}

export async function readProvenanceForApi(api: ApiContext, query: z.infer<typeof provenanceQuerySchema>): Promise<Out<typeof provenanceSchema>> {
  const scope = await resolveScope(api, query);
  const result = await listFigureProvenance(api.actor, {
    indicator: query.indicator,
    period: query.period,
    ministry: scope.kind === "ministry" ? scope.code : undefined,
    agency: scope.kind === "agency" ? scope.code : undefined,
    limit: query.limit,
    offset: query.offset,
  });
  checkPeriod(query.period, result.period.code);
  return {
    period: result.period.code,
    scope,
    indicatorCode: result.indicator.code,
    figure: figureFields(result.figure),
    total: result.total,
    counted: result.counted,
    data: result.rows.map(({ agencyNameTh: _th, agencyNameEn: _en, ...row }) => {
      void _th;
      void _en;
      return row;
    }),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listFlagsForApi(api: ApiContext, options: ApiListOptions): Promise<Out<typeof flagListSchema>> {
  const { total, rows } = await listApiFlags(api.scope, options);
  return { total, data: rows.map((r) => ({ ...r, firstSeenAt: r.firstSeenAt.toISOString(), recoveredAt: iso(r.recoveredAt) })) };
}

export async function listCasesForApi(api: ApiContext, options: ApiListOptions): Promise<Out<typeof caseListSchema>> {
  const { total, rows } = await listApiCases(api.scope, options);
  return { total, data: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })) };
}

export async function listReportsForApi(api: ApiContext, options: ApiListOptions): Promise<Out<typeof reportListSchema>> {
  const { total, rows } = await listApiReports(api.scope, options);
  return { total, data: rows.map((r) => ({ ...r, dataAsOf: iso(r.dataAsOf), createdAt: r.createdAt.toISOString(), finishedAt: iso(r.finishedAt) })) };
}

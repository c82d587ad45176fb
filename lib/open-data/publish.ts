import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { openDataReleases, periods } from "@/db/schema";
import { latestDataChange } from "@/db/queries/reports";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { recordAudit } from "@/lib/audit/record";
import { collectReportComponents, type CollectOptions } from "@/lib/reports/collect";
import { reportRequestSchema, resolveReportRequest } from "@/lib/reports/scope";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/core/errors/field-errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";
import type { ReportComponent } from "@/core/reports/snapshot";
import { openDataTranslator, statusTranslator, type OpenDataRecord, type OpenDataScopeLevel, type OpenDataset } from "@/core/open-data/dataset";
import { renderOpenDataCsv } from "./render";

interface ScopeOfRecords {
  level: OpenDataScopeLevel;
  code: string | null;
  nameTh: string;
  nameEn: string;
}

/** Figures rounded as the report's CSV rounds them (lib/reports/csv.ts), so the two files agree digit for digit. */
export function roundFigure(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

function recordsOf(period: OpenDataset["period"], scope: ScopeOfRecords, components: ReportComponent[]): OpenDataRecord[] {
  const tTh = openDataTranslator("th");
  const tEn = openDataTranslator("en");
  const statusTh = statusTranslator("th");
  const statusEn = statusTranslator("en");
  const base = {
    fiscal_year: period.fiscalYear,
    quarter: period.quarter,
    period: period.code,
    scope_level: scope.level,
    scope_code: scope.code,
    scope_name_th: scope.nameTh,
    scope_name_en: scope.nameEn,
  };
  return components.flatMap((c) => {
    const component = { component_code: c.code, component_name_th: c.nameTh, component_name_en: c.nameEn };
    const head: OpenDataRecord = {
      ...base,
      ...component,
      record_type: "component",
      indicator_code: null,
      indicator_name_th: null,
      indicator_name_en: null,
      unit_th: tTh("units.points"),
      unit_en: tEn("units.points"),
      direction: "higher",
      value_type: "score",
      value: roundFigure(c.score),
      target: null,
      attainment_percent: null,
      status: c.status,
      status_th: statusTh(c.status),
      status_en: statusEn(c.status),
      reporting_agencies: null,
      expected_agencies: null,
    };
    return [
      head,
      ...c.indicators.map(
        (i): OpenDataRecord => ({
          ...base,
          ...component,
          record_type: "indicator",
          indicator_code: i.code,
          indicator_name_th: i.nameTh,
          indicator_name_en: i.nameEn,
          unit_th: i.unitTh,
          unit_en: i.unitEn,
          direction: i.direction,
          value_type: i.valueType,
          value: roundFigure(i.actual),
          target: roundFigure(i.target),
          attainment_percent: roundFigure(i.attainment),
          status: i.status,
          status_th: statusTh(i.status),
          status_en: statusEn(i.status),
          reporting_agencies: i.reporting,
          expected_agencies: i.expected,
        }),
      ),
    ];
  });
}

/**
 * The quarter's open dataset: the nation's and every active ministry's KPI figures, each collected by the
 * quarterly report's own collector for that scope (approved figures only, as on the dashboards).
 */
export async function collectOpenDataset(actor: Actor, periodCode: string, options: CollectOptions = {}): Promise<OpenDataset> {
  const [row] = await getDb().select().from(periods).where(eq(periods.code, periodCode));
  if (!row) throw new NotFoundError("period");
  const period = { code: row.code, fiscalYear: row.fiscalYear, quarter: row.quarter, startsOn: row.startsOn, endsOn: row.endsOn };
  const scoped = async (scope: "national" | "ministry", code?: string) => {
    const resolved = await resolveReportRequest(actor, reportRequestSchema.parse({ period: period.code, scope, code, format: "csv" }));
    return { resolved, components: await collectReportComponents(actor, resolved, options) };
  };
  const records: OpenDataRecord[] = [];
  const national = await scoped("national");
  records.push(...recordsOf(period, { level: "national", code: null, nameTh: national.resolved.scope.nameTh, nameEn: national.resolved.scope.nameEn }, national.components));
  // One ministry at a time: each is a dashboard read, and publishing must not crowd the shared pool.
  for (const m of (await listDashboardFilterOptions(actor)).ministries) {
    const { components } = await scoped("ministry", m.code);
    records.push(...recordsOf(period, { level: "ministry", code: m.code, nameTh: m.nameTh, nameEn: m.nameEn }, components));
  }
  return { version: 1, period, collectedAt: (options.now ?? new Date()).toISOString(), dataAsOf: await latestDataChange(row.id), records };
}

/**
 * Publishes a closed quarter's approved aggregates as open data. An open (or upcoming) quarter is refused:
 * its figures may still change. The figures are collected first, then stored with the audit entry in one
 * transaction that re-checks the quarter under a lock (a reopening in between refuses the publication).
 */
export async function publishOpenData(actor: Actor, periodId: number, options: CollectOptions = {}) {
  if (!can(actor, "opendata.publish")) throw new ForbiddenError();
  const today = options.today ?? todayInBangkok(options.now);
  const db = getDb();
  const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
  if (!period) throw new NotFoundError("period");
  const refuseUnlessPublishable = async (row: typeof period, tx: Pick<typeof db, "select">) => {
    if (periodPhase(row, today) !== "closed") throw new ConflictError("open_data_period_not_closed");
    const [live] = await tx.select({ id: openDataReleases.id }).from(openDataReleases).where(and(eq(openDataReleases.periodId, row.id), isNull(openDataReleases.withdrawnAt)));
    if (live) throw new ConflictError("open_data_already_published");
  };
  await refuseUnlessPublishable(period, db);
  const dataset = await collectOpenDataset(actor, period.code, options);
  const sha256 = createHash("sha256").update(renderOpenDataCsv(dataset)).digest("hex");
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(periods).where(eq(periods.id, periodId)).for("update");
    await refuseUnlessPublishable(locked!, tx);
    const [release] = await tx
      .insert(openDataReleases)
      .values({ periodId, dataset, sha256, publishedById: actor.id > 0 ? actor.id : null, ...(options.now ? { publishedAt: options.now } : {}) })
      .returning({ id: openDataReleases.id, publishedAt: openDataReleases.publishedAt });
    await recordAudit(tx, actor, {
      action: "opendata.publish",
      entityType: "period",
      entityId: periodId,
      after: { period: period.code, release: release!.id, records: dataset.records.length, sha256 },
    });
    return { id: release!.id, period: period.code, records: dataset.records.length, sha256 };
  });
}

export const withdrawOpenDataInput = z.object({
  reason: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(1000, { message: "too_long" }),
});

/** Takes a quarter's publication down (administrators, with a reason); it can be published again afterwards. */
export async function withdrawOpenData(actor: Actor, periodId: number, input: unknown) {
  if (!can(actor, "opendata.withdraw")) throw new ForbiddenError();
  const parsed = withdrawOpenDataInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  return getDb().transaction(async (tx) => {
    const [live] = await tx
      .select()
      .from(openDataReleases)
      .where(and(eq(openDataReleases.periodId, periodId), isNull(openDataReleases.withdrawnAt)))
      .for("update");
    if (!live) throw new ConflictError("open_data_not_published");
    const withdrawnAt = new Date();
    await tx.update(openDataReleases).set({ withdrawnAt, withdrawnById: actor.id > 0 ? actor.id : null, withdrawReason: parsed.data.reason }).where(eq(openDataReleases.id, live.id));
    await recordAudit(tx, actor, {
      action: "opendata.withdraw",
      entityType: "period",
      entityId: periodId,
      before: { release: live.id, publishedAt: live.publishedAt.toISOString() },
      after: { withdrawnAt: withdrawnAt.toISOString(), reason: parsed.data.reason },
    });
    return { id: live.id };
  });
}

import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { components, indicators, periods, services, targets } from "@/db/schema";
import { defaultReportingPeriod, periodOpenForReporting } from "@/core/fiscal/reporting-period";
import { cachedByDataVersion } from "./data-versions";

// Periods are catalogue data (their trigger moves its version): most pages ask for them, some several times.
const readPeriods = cachedByDataVersion("catalogue", "indicators.readPeriods", (db: Queryable, fiscalYear: number | null) =>
  db
    .select()
    .from(periods)
    .where(fiscalYear ? eq(periods.fiscalYear, fiscalYear) : undefined)
    .orderBy(asc(periods.fiscalYear), asc(periods.quarter)),
);

/** Every period (or one fiscal year's), oldest first. */
export async function listPeriods(fiscalYear?: number) {
  return readPeriods(getDb(), fiscalYear ?? null);
}

export async function listFiscalYears(): Promise<number[]> {
  const rows = await getDb().selectDistinct({ fy: periods.fiscalYear }).from(periods).orderBy(asc(periods.fiscalYear));
  return rows.map((r) => r.fy);
}

/** Active indicators with their national targets for each quarter of one fiscal year. */
export async function listIndicatorsWithNationalTargets(fiscalYear: number, componentCode?: string) {
  const db = getDb();
  const rows = await db
    .select({
      id: indicators.id,
      code: indicators.code,
      nameTh: indicators.nameTh,
      nameEn: indicators.nameEn,
      definitionTh: indicators.definitionTh,
      definitionEn: indicators.definitionEn,
      unitTh: indicators.unitTh,
      unitEn: indicators.unitEn,
      direction: indicators.direction,
      valueType: indicators.valueType,
      aggregation: indicators.aggregation,
      weight: indicators.weight,
      source: indicators.source,
      componentCode: components.code,
      componentOrdinal: components.ordinal,
      componentNameTh: components.nameTh,
      componentNameEn: components.nameEn,
      serviceNameTh: services.nameTh,
      serviceNameEn: services.nameEn,
    })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .leftJoin(services, eq(services.id, indicators.serviceId))
    .where(and(eq(indicators.active, true), componentCode ? eq(components.code, componentCode) : undefined))
    .orderBy(asc(components.ordinal), asc(indicators.ordinal), asc(indicators.code));
  const targetRows = await db
    .select({ indicatorId: targets.indicatorId, quarter: periods.quarter, value: targets.value })
    .from(targets)
    .innerJoin(periods, eq(periods.id, targets.periodId))
    .where(and(eq(periods.fiscalYear, fiscalYear), isNull(targets.agencyId)));
  const byIndicator = new Map<number, (string | null)[]>();
  for (const t of targetRows) {
    const quarters = byIndicator.get(t.indicatorId) ?? [null, null, null, null];
    quarters[t.quarter - 1] = t.value;
    byIndicator.set(t.indicatorId, quarters);
  }
  return rows.map((row) => ({ ...row, targets: byIndicator.get(row.id) ?? [null, null, null, null] }));
}
export type IndicatorWithTargets = Awaited<ReturnType<typeof listIndicatorsWithNationalTargets>>[number];

/**
 * The period shown when the user has not chosen one (every page, report and the report CLI): the latest
 * quarter whose reports are due. See core/fiscal/reporting-period.ts.
 */
export async function getDefaultReportingPeriod(todayIso: string) {
  return defaultReportingPeriod(await listPeriods(), todayIso);
}

/** The quarter agencies are filling in now (the officer's home): not a default for figures. */
export async function getPeriodOpenForReporting(todayIso: string) {
  return periodOpenForReporting(await listPeriods(), todayIso);
}

import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { components, indicators, periods, services, targets } from "@/db/schema";

export async function listPeriods(fiscalYear?: number) {
  return getDb()
    .select()
    .from(periods)
    .where(fiscalYear ? eq(periods.fiscalYear, fiscalYear) : undefined)
    .orderBy(asc(periods.fiscalYear), asc(periods.quarter));
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

/** The period containing the given day, else the latest open one, else the latest one. */
export async function getCurrentPeriod(todayIso: string) {
  const db = getDb();
  const all = await db.select().from(periods).orderBy(asc(periods.startsOn));
  return (
    all.find((p) => p.startsOn <= todayIso && todayIso <= p.endsOn) ??
    all.filter((p) => p.status === "open").at(-1) ??
    all.at(-1)
  );
}

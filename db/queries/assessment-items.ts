import "server-only";
import { and, asc, eq, sql, type SQLWrapper } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { assessmentItems, assessmentTemplates, indicators, periods } from "@/db/schema";
import type { FormItem } from "@/core/assessments/form-schema";
import { parsePeriodCode, previousPeriod } from "@/core/fiscal/calendar";
import { listAgencyTargets } from "./owed-figures";

/**
 * A template's active items with what the form shows beside each (indicator names, unit, the target the
 * agency is held to and the national one, its counted figure of the quarter before). Reads no answers of
 * this submission, so it needs no caller; the agency id picks the agency's target and previous figures.
 */
export async function listTemplateItems(db: Queryable, templateId: number, periodId: number, agencyId: number) {
  const rows = await db
    .select({ item: assessmentItems, indicator: indicators })
    .from(assessmentItems)
    .leftJoin(indicators, eq(indicators.id, assessmentItems.indicatorId))
    .where(and(eq(assessmentItems.templateId, templateId), eq(assessmentItems.active, true)))
    .orderBy(asc(assessmentItems.ordinal), asc(assessmentItems.id));
  const indicatorIds = rows.map((r) => r.indicator?.id).filter((id): id is number => id !== undefined);
  const [targetsByIndicator, previousByIndicator] = await Promise.all([
    listAgencyTargets(db, agencyId, periodId, indicatorIds),
    listPreviousFigures(db, agencyId, periodId, indicatorIds),
  ]);
  return rows.map(({ item, indicator }) => {
    const target = indicator ? targetsByIndicator.get(indicator.id) : undefined;
    return {
      ...item,
      indicator,
      target: target?.target ?? null,
      nationalTarget: target?.national ?? null,
      targetBasis: target?.basis ?? null,
      owers: target?.owers ?? 0,
      previous: indicator ? (previousByIndicator.get(indicator.id) ?? null) : null,
      nameTh: item.questionTh ?? indicator?.nameTh ?? item.code,
      nameEn: item.questionEn ?? indicator?.nameEn ?? null,
      unitTh: indicator?.unitTh ?? null,
      unitEn: indicator?.unitEn ?? null,
    };
  });
}

/** The agency's counted figure of the period before, per indicator: what a jump is measured from. */
export async function listPreviousFigures(db: Queryable, agencyId: number, periodId: number, indicatorIds: number[]): Promise<Map<number, number>> {
  if (!indicatorIds.length) return new Map();
  const [period] = await db.select({ code: periods.code }).from(periods).where(eq(periods.id, periodId));
  const previousCode = period ? parsePeriodCode(period.code) && previousPeriod(period.code) : null;
  if (!previousCode) return new Map();
  const result = await db.execute<{ indicator_id: number; value: string }>(sql`
    select g.indicator_id, g.value from dashboard_agency_figures g join periods p on p.id = g.period_id
    where g.agency_id = ${agencyId} and p.code = ${previousCode} and g.indicator_id = any(${sql.param(indicatorIds)}::int[])`);
  return new Map(result.rows.map((r) => [Number(r.indicator_id), Number(r.value)]));
}
export type TemplateItemRow = Awaited<ReturnType<typeof listTemplateItems>>[number];

export function toFormItem(row: TemplateItemRow): FormItem {
  return {
    id: row.id,
    code: row.code,
    answerType: row.answerType,
    required: row.required,
    plausibleMin: row.plausibleMin === null ? null : Number(row.plausibleMin),
    plausibleMax: row.plausibleMax === null ? null : Number(row.plausibleMax),
    target: row.target,
    previous: row.previous,
  };
}

/**
 * SQL for the id of a component's template version that applies to a period starting on `periodStartsOn`:
 * the latest active version whose effective quarter has begun by then (version 1 applies from the start).
 */
export function effectiveTemplateIdSql(componentId: SQLWrapper, periodStartsOn: SQLWrapper) {
  return sql`(select t.id from ${assessmentTemplates} t left join ${periods} ep on ep.id = t.effective_from_period_id
    where t.component_id = ${componentId} and t.active and (ep.id is null or ep.starts_on <= ${periodStartsOn})
    order by t.version desc limit 1)`;
}

/** The version of a component's template that applies to a period (null: the component has no form). */
export async function getActiveTemplate(db: Queryable, componentId: number, periodId: number) {
  const [row] = await db
    .select()
    .from(assessmentTemplates)
    .where(
      eq(
        assessmentTemplates.id,
        effectiveTemplateIdSql(sql`${componentId}`, sql`(select starts_on from ${periods} where id = ${periodId})`),
      ),
    )
    .limit(1);
  return row;
}

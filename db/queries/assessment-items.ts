import "server-only";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { assessmentItems, assessmentTemplates, indicators, targets } from "@/db/schema";
import type { FormItem } from "@/core/assessments/form-schema";

/**
 * A template's active items with what the form shows beside each (indicator names, unit, target).
 * Reads reference data only (no agency's answers), so it needs no caller; the agency id only picks an
 * agency-specific target over the national one.
 */
export async function listTemplateItems(db: Queryable, templateId: number, periodId: number, agencyId: number) {
  const rows = await db
    .select({ item: assessmentItems, indicator: indicators })
    .from(assessmentItems)
    .leftJoin(indicators, eq(indicators.id, assessmentItems.indicatorId))
    .where(and(eq(assessmentItems.templateId, templateId), eq(assessmentItems.active, true)))
    .orderBy(asc(assessmentItems.ordinal), asc(assessmentItems.id));
  const indicatorIds = rows.map((r) => r.indicator?.id).filter((id): id is number => id !== undefined);
  const targetRows = indicatorIds.length
    ? await db
        .select()
        .from(targets)
        .where(and(eq(targets.periodId, periodId), or(isNull(targets.agencyId), eq(targets.agencyId, agencyId))))
    : [];
  const targetOf = (indicatorId: number | undefined) => {
    if (indicatorId === undefined) return null;
    const own = targetRows.find((t) => t.indicatorId === indicatorId && t.agencyId === agencyId);
    const national = targetRows.find((t) => t.indicatorId === indicatorId && t.agencyId === null);
    const row = own ?? national;
    return row ? Number(row.value) : null;
  };
  return rows.map(({ item, indicator }) => ({
    ...item,
    indicator,
    target: targetOf(indicator?.id),
    nameTh: item.questionTh ?? indicator?.nameTh ?? item.code,
    nameEn: item.questionEn ?? indicator?.nameEn ?? null,
    unitTh: indicator?.unitTh ?? null,
    unitEn: indicator?.unitEn ?? null,
  }));
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
  };
}

export async function getActiveTemplate(db: Queryable, componentId: number) {
  const [row] = await db
    .select()
    .from(assessmentTemplates)
    .where(and(eq(assessmentTemplates.componentId, componentId), eq(assessmentTemplates.active, true)))
    .limit(1);
  return row;
}

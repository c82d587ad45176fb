import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessmentItems, assessmentTemplates, components, indicators, periods } from "@/db/schema";
import { effectiveTemplateIdSql } from "./assessment-items";

/**
 * Every component's template as it stands for one quarter (the version in force then) with all its items
 * (inactive ones too), indicators not yet in it, and the component's versions with the quarter each applies from.
 */
export async function listTemplatesWithItems(periodId: number) {
  const db = getDb();
  const [componentRows, effective, versions, indicatorRows] = await Promise.all([
    db.select().from(components).orderBy(asc(components.ordinal)),
    db
      .select({ template: assessmentTemplates })
      .from(components)
      .innerJoin(periods, eq(periods.id, periodId))
      .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, effectiveTemplateIdSql(components.id, periods.startsOn))),
    db
      .select({ componentId: assessmentTemplates.componentId, version: assessmentTemplates.version, fromPeriod: periods.code })
      .from(assessmentTemplates)
      .leftJoin(periods, eq(periods.id, assessmentTemplates.effectiveFromPeriodId))
      .orderBy(desc(assessmentTemplates.version)),
    db.select().from(indicators).where(eq(indicators.active, true)).orderBy(asc(indicators.ordinal)),
  ]);
  const templateIds = effective.map((e) => e.template.id);
  const items = templateIds.length
    ? await db
        .select({ item: assessmentItems, indicator: indicators })
        .from(assessmentItems)
        .leftJoin(indicators, eq(indicators.id, assessmentItems.indicatorId))
        .where(inArray(assessmentItems.templateId, templateIds))
        .orderBy(asc(assessmentItems.ordinal))
    : [];
  return componentRows.map((component) => {
    const template = effective.find((e) => e.template.componentId === component.id)?.template;
    const own = template ? items.filter((i) => i.item.templateId === template.id) : [];
    const used = new Set(own.map((i) => i.item.indicatorId));
    return {
      component,
      template,
      items: own,
      versions: versions.filter((v) => v.componentId === component.id),
      availableIndicators: indicatorRows.filter((i) => i.componentId === component.id && !used.has(i.id)),
    };
  });
}

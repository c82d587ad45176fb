import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessmentItems, assessmentTemplates, components, indicators } from "@/db/schema";

/** Every component's template with all its items (inactive ones too) and indicators not yet in it. */
export async function listTemplatesWithItems() {
  const db = getDb();
  const [componentRows, templates, items, indicatorRows] = await Promise.all([
    db.select().from(components).orderBy(asc(components.ordinal)),
    db.select().from(assessmentTemplates),
    db.select({ item: assessmentItems, indicator: indicators }).from(assessmentItems).leftJoin(indicators, eq(indicators.id, assessmentItems.indicatorId)).orderBy(asc(assessmentItems.ordinal)),
    db.select().from(indicators).where(eq(indicators.active, true)).orderBy(asc(indicators.ordinal)),
  ]);
  return componentRows.map((component) => {
    const template = templates.find((t) => t.componentId === component.id);
    const own = template ? items.filter((i) => i.item.templateId === template.id) : [];
    const used = new Set(own.map((i) => i.item.indicatorId));
    return { component, template, items: own, availableIndicators: indicatorRows.filter((i) => i.componentId === component.id && !used.has(i.id)) };
  });
}

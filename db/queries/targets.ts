import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, components, indicators, targets } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/core/errors";

/**
 * The target editor's data for one period and component: each active indicator with its national target
 * and its per-agency targets (an agency for a new one is found with the agency search, by component).
 */
export async function listTargetsForEditor(actor: Actor, periodId: number, componentCode: string) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  const db = getDb();
  const [component] = await db.select().from(components).where(eq(components.code, componentCode));
  if (!component) throw new NotFoundError("component");
  const [indicatorRows, targetRows] = await Promise.all([
    db.select().from(indicators).where(and(eq(indicators.componentId, component.id), eq(indicators.active, true))).orderBy(asc(indicators.ordinal), asc(indicators.code)),
    db
      .select({ indicatorId: targets.indicatorId, agencyId: targets.agencyId, value: targets.value, agencyCode: agencies.code, agencyNameTh: agencies.nameTh, agencyNameEn: agencies.nameEn })
      .from(targets)
      .innerJoin(indicators, eq(indicators.id, targets.indicatorId))
      .leftJoin(agencies, eq(agencies.id, targets.agencyId))
      .where(and(eq(targets.periodId, periodId), eq(indicators.componentId, component.id)))
      .orderBy(asc(agencies.code)),
  ]);
  return {
    component,
    indicators: indicatorRows.map((indicator) => ({
      indicator,
      national: targetRows.find((t) => t.indicatorId === indicator.id && t.agencyId === null)?.value ?? null,
      agencies: targetRows
        .filter((t) => t.indicatorId === indicator.id && t.agencyId !== null)
        .map((t) => ({ code: t.agencyCode!, nameTh: t.agencyNameTh!, nameEn: t.agencyNameEn!, value: t.value })),
    })),
  };
}

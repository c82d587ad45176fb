import "server-only";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, componentElements, components, indicators, indicatorVersions, periods, services } from "@/db/schema";
import { NotFoundError } from "@/core/errors";

// Reads of the catalogue: the indicator dictionary with its versions, the platforms registry and
// one platform's page.

const owner = alias(agencies, "owner");

/** Every indicator with its dictionary fields, component, platform and data owner (retired ones last). */
export async function listIndicatorDictionary(options: { includeRetired?: boolean; code?: string } = {}) {
  const db = getDb();
  const dataOwner = alias(agencies, "data_owner");
  const rows = await db
    .select({
      indicator: indicators,
      componentCode: components.code,
      componentNameTh: components.nameTh,
      componentNameEn: components.nameEn,
      componentOrdinal: components.ordinal,
      serviceCode: services.code,
      serviceNameTh: services.nameTh,
      serviceNameEn: services.nameEn,
      dataOwnerCode: dataOwner.code,
      dataOwnerNameTh: dataOwner.nameTh,
      dataOwnerNameEn: dataOwner.nameEn,
    })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .leftJoin(services, eq(services.id, indicators.serviceId))
    .leftJoin(dataOwner, eq(dataOwner.id, indicators.dataOwnerAgencyId))
    .where(and(options.includeRetired ? undefined : eq(indicators.active, true), options.code ? eq(indicators.code, options.code) : undefined))
    .orderBy(sql`${indicators.active} desc`, asc(components.ordinal), asc(indicators.ordinal), asc(indicators.code));
  const versions = await listVersions();
  return rows.map((r) => ({ ...r, versions: versions.get(r.indicator.id) ?? [] }));
}
export type DictionaryEntry = Awaited<ReturnType<typeof listIndicatorDictionary>>[number];

/** One indicator's dictionary entry, retired ones included (a retired indicator's figures still link here). */
export async function getIndicatorDictionaryEntry(code: string): Promise<DictionaryEntry> {
  const [entry] = await listIndicatorDictionary({ includeRetired: true, code });
  if (!entry) throw new NotFoundError("indicator");
  return entry;
}

/** Versions by indicator, oldest first, with the quarter each starts from (null: from the start). */
async function listVersions(indicatorId?: number) {
  const rows = await getDb()
    .select({
      indicatorId: indicatorVersions.indicatorId,
      version: indicatorVersions.version,
      fromPeriod: periods.code,
      definitionTh: indicatorVersions.definitionTh,
      definitionEn: indicatorVersions.definitionEn,
      unitTh: indicatorVersions.unitTh,
      unitEn: indicatorVersions.unitEn,
      direction: indicatorVersions.direction,
      aggregation: indicatorVersions.aggregation,
      note: indicatorVersions.note,
      createdAt: indicatorVersions.createdAt,
    })
    .from(indicatorVersions)
    .leftJoin(periods, eq(periods.id, indicatorVersions.effectiveFromPeriodId))
    .where(indicatorId ? eq(indicatorVersions.indicatorId, indicatorId) : undefined)
    .orderBy(asc(indicatorVersions.indicatorId), asc(indicatorVersions.version));
  const byIndicator = new Map<number, typeof rows>();
  for (const r of rows) byIndicator.set(r.indicatorId, [...(byIndicator.get(r.indicatorId) ?? []), r]);
  return byIndicator;
}

/** One indicator for its admin page: the row, its codes of reference and its versions. */
export async function getIndicatorForAdmin(code: string) {
  const db = getDb();
  const dataOwner = alias(agencies, "data_owner");
  const [row] = await db
    .select({ indicator: indicators, componentCode: components.code, serviceCode: services.code, dataOwnerCode: dataOwner.code })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .leftJoin(services, eq(services.id, indicators.serviceId))
    .leftJoin(dataOwner, eq(dataOwner.id, indicators.dataOwnerAgencyId))
    .where(eq(indicators.code, code));
  if (!row) throw new NotFoundError("indicator");
  const versions = (await listVersions(row.indicator.id)).get(row.indicator.id) ?? [];
  return { ...row, versions };
}

/** The choices the catalogue forms offer: components with their elements, platforms, periods. */
export async function listCatalogueChoices() {
  const db = getDb();
  const [componentRows, elementRows, serviceRows, periodRows] = await Promise.all([
    db.select({ code: components.code, nameTh: components.nameTh, nameEn: components.nameEn }).from(components).orderBy(asc(components.ordinal)),
    db
      .select({ code: componentElements.code, componentCode: components.code, nameTh: componentElements.nameTh, nameEn: componentElements.nameEn })
      .from(componentElements)
      .innerJoin(components, eq(components.id, componentElements.componentId))
      .orderBy(asc(components.ordinal), asc(componentElements.ordinal)),
    db.select({ code: services.code, nameTh: services.nameTh, nameEn: services.nameEn }).from(services).orderBy(asc(services.code)),
    db.select({ code: periods.code, status: periods.status, startsOn: periods.startsOn }).from(periods).orderBy(asc(periods.startsOn)),
  ]);
  return { components: componentRows, elements: elementRows, services: serviceRows, periods: periodRows };
}

const platformColumns = {
  id: services.id,
  code: services.code,
  nameTh: services.nameTh,
  nameEn: services.nameEn,
  descriptionTh: services.descriptionTh,
  descriptionEn: services.descriptionEn,
  url: services.url,
  channel: services.channel,
  status: services.status,
  componentId: services.componentId,
  componentCode: components.code,
  componentNameTh: components.nameTh,
  componentNameEn: components.nameEn,
  elementCode: componentElements.code,
  elementNameTh: componentElements.nameTh,
  elementNameEn: componentElements.nameEn,
  ownerId: owner.id,
  ownerCode: owner.code,
  ownerNameTh: owner.nameTh,
  ownerNameEn: owner.nameEn,
};

/** How many active KPIs each service has, as a subquery to join (kpis.serviceId, kpis.n). */
export function activeKpiCountsByService() {
  return getDb()
    .select({ serviceId: indicators.serviceId, n: count().as("kpi_n") })
    .from(indicators)
    .where(eq(indicators.active, true))
    .groupBy(indicators.serviceId)
    .as("kpis");
}

/** The platforms and services registry, by component, with how many KPIs each has. */
export async function listPlatforms() {
  const db = getDb();
  const kpis = activeKpiCountsByService();
  return db
    .select({ ...platformColumns, kpiCount: sql<number>`coalesce(${kpis.n}, 0)`.mapWith(Number) })
    .from(services)
    .innerJoin(components, eq(components.id, services.componentId))
    .innerJoin(owner, eq(owner.id, services.ownerAgencyId))
    .leftJoin(componentElements, eq(componentElements.id, services.elementId))
    .leftJoin(kpis, eq(kpis.serviceId, services.id))
    .orderBy(asc(components.ordinal), asc(services.code));
}
export type PlatformRow = Awaited<ReturnType<typeof listPlatforms>>[number];

export const DEPENDENTS_SHOWN = 50;

/**
 * One platform: owner, component, element, its active KPIs and the agencies that depend on it — by
 * the one rule the page states: the active agencies (not ministries) contributing to the platform's
 * component (the ecosystem tags), other than the owner, since a component's platforms are what its
 * contributors build on.
 */
export async function getPlatform(code: string) {
  const db = getDb();
  const [platform] = await db
    .select(platformColumns)
    .from(services)
    .innerJoin(components, eq(components.id, services.componentId))
    .innerJoin(owner, eq(owner.id, services.ownerAgencyId))
    .leftJoin(componentElements, eq(componentElements.id, services.elementId))
    .where(eq(services.code, code));
  if (!platform) throw new NotFoundError("platform");
  const dependentFilter = and(
    eq(agencyComponents.componentId, platform.componentId),
    eq(agencies.active, true),
    ne(agencies.type, "ministry"),
    ne(agencies.id, platform.ownerId),
  );
  const [kpis, dependents, [dependentTotal]] = await Promise.all([
    db
      .select({ id: indicators.id, code: indicators.code, componentCode: components.code, nameTh: indicators.nameTh, nameEn: indicators.nameEn })
      .from(indicators)
      .innerJoin(components, eq(components.id, indicators.componentId))
      .where(and(eq(indicators.serviceId, platform.id), eq(indicators.active, true)))
      .orderBy(asc(indicators.code)),
    db
      .select({ code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn, dgaRole: agencyComponents.dgaRole })
      .from(agencyComponents)
      .innerJoin(agencies, eq(agencies.id, agencyComponents.agencyId))
      .where(dependentFilter)
      .orderBy(asc(agencies.code))
      .limit(DEPENDENTS_SHOWN),
    db.select({ n: count() }).from(agencyComponents).innerJoin(agencies, eq(agencies.id, agencyComponents.agencyId)).where(dependentFilter),
  ]);
  return { platform, kpis, dependents, dependentCount: Number(dependentTotal?.n ?? 0) };
}

/** The components with their elements and words, for the admin page. */
export async function listComponentsWithElements() {
  const db = getDb();
  const [componentRows, elementRows] = await Promise.all([
    db.select().from(components).orderBy(asc(components.ordinal)),
    db.select().from(componentElements).orderBy(asc(componentElements.ordinal)),
  ]);
  return componentRows.map((c) => ({ ...c, elements: elementRows.filter((e) => e.componentId === c.id) }));
}

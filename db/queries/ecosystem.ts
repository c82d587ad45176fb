import "server-only";
import { and, asc, count, countDistinct, eq, exists, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable } from "@/db/client";
import { cachedByDataVersion } from "./data-versions";
import {
  agencies,
  agencyComponents,
  componentElements,
  components,
  dashboardAgencyDims,
  indicators,
  services,
  users,
} from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { canViewAgency, can } from "@/core/auth/permissions";
import { isAgencyRole, PARENT_AGENCY_TYPES, type AgencyChoiceKind, type AgencyType } from "@/core/enums";
import { NotFoundError } from "@/core/errors";
import { escapeLike } from "./like";

/** The seven components with live counts for the ecosystem map (national aggregates: every role). */
export const listComponentsWithCounts = () => readComponentsWithCounts(getDb());

/** Kept per catalogue version: its counts run over the nation's agencies and would on every page. */
const readComponentsWithCounts = cachedByDataVersion("catalogue", "ecosystem.readComponentsWithCounts", async (db: Queryable) => {
  const agencyCounts = db
    .select({ componentId: agencyComponents.componentId, n: countDistinct(agencyComponents.agencyId).as("agency_n") })
    .from(agencyComponents)
    .innerJoin(agencies, and(eq(agencies.id, agencyComponents.agencyId), eq(agencies.active, true)))
    .groupBy(agencyComponents.componentId)
    .as("agency_counts");
  const indicatorCounts = db
    .select({ componentId: indicators.componentId, n: count().as("indicator_n") })
    .from(indicators)
    .where(eq(indicators.active, true))
    .groupBy(indicators.componentId)
    .as("indicator_counts");
  const serviceCounts = db
    .select({ componentId: services.componentId, n: count().as("service_n") })
    .from(services)
    .where(ne(services.status, "retired"))
    .groupBy(services.componentId)
    .as("service_counts");
  return db
    .select({
      id: components.id,
      code: components.code,
      ordinal: components.ordinal,
      group: components.group,
      nameTh: components.nameTh,
      nameEn: components.nameEn,
      descriptionTh: components.descriptionTh,
      descriptionEn: components.descriptionEn,
      agencyCount: sql<number>`coalesce(${agencyCounts.n}, 0)`.mapWith(Number),
      indicatorCount: sql<number>`coalesce(${indicatorCounts.n}, 0)`.mapWith(Number),
      serviceCount: sql<number>`coalesce(${serviceCounts.n}, 0)`.mapWith(Number),
    })
    .from(components)
    .leftJoin(agencyCounts, eq(agencyCounts.componentId, components.id))
    .leftJoin(indicatorCounts, eq(indicatorCounts.componentId, components.id))
    .leftJoin(serviceCounts, eq(serviceCounts.componentId, components.id))
    .orderBy(asc(components.ordinal));
});
export type ComponentWithCounts = Awaited<ReturnType<typeof listComponentsWithCounts>>[number];

/** The catalogue's totals on the overview (kept per catalogue version: every overview shows them). */
export const getEcosystemTotals = () => readEcosystemTotals(getDb());

const readEcosystemTotals = cachedByDataVersion("catalogue", "ecosystem.readEcosystemTotals", async (db: Queryable) => {
  const [row] = await db
    .select({
      agencies: sql<number>`(select count(*) from ${agencies} where ${agencies.active} and ${agencies.type} <> 'ministry')`.mapWith(Number),
      indicators: sql<number>`(select count(*) from ${indicators} where ${indicators.active})`.mapWith(Number),
      services: sql<number>`(select count(*) from ${services} where ${services.status} <> 'retired')`.mapWith(Number),
    })
    .from(sql`(select 1) as one`);
  return row!;
});

/**
 * The agencies the totals count (active, ministries apart) in a part of the country, as the dashboards' figures
 * place them (their agency dimensions): a ministry's, one agency type, or both.
 */
export async function countMonitoredAgencies(scope: { ministryCode: string | null; agencyType: AgencyType | null }): Promise<number> {
  const d = dashboardAgencyDims;
  const [row] = await getDb()
    .select({ n: count() })
    .from(agencies)
    .innerJoin(d, eq(d.agencyId, agencies.id))
    .where(
      and(
        eq(agencies.active, true),
        ne(agencies.type, "ministry"),
        scope.ministryCode ? sql`${d.ministryId} = (select m.id from ${agencies} m where m.code = ${scope.ministryCode})` : undefined,
        scope.agencyType ? eq(d.agencyType, scope.agencyType) : undefined,
      ),
    );
  return row!.n;
}

export interface ComponentDetailOptions {
  /** At national scale thousands of local administrations contribute: list only this many (and count all). */
  contributorLimit?: number;
}

/** One component with its elements, services, indicators and contributing agencies (kept per catalogue version). */
export const getComponentDetail = (code: string, options: ComponentDetailOptions = {}) => readComponentDetail(getDb(), code, options);

const readComponentDetail = cachedByDataVersion("catalogue", "ecosystem.readComponentDetail", async (db: Queryable, code: string, options: ComponentDetailOptions) => {
  const [component] = await db.select().from(components).where(eq(components.code, code)).limit(1);
  if (!component) throw new NotFoundError("component");
  const owner = alias(agencies, "owner");
  const contributorFilter = and(eq(agencyComponents.componentId, component.id), eq(agencies.active, true));
  const [elements, componentServices, componentIndicators, contributors, [contributorTotal]] = await Promise.all([
    db.select().from(componentElements).where(eq(componentElements.componentId, component.id)).orderBy(asc(componentElements.ordinal)),
    db
      .select({
        id: services.id,
        code: services.code,
        nameTh: services.nameTh,
        nameEn: services.nameEn,
        descriptionTh: services.descriptionTh,
        descriptionEn: services.descriptionEn,
        channel: services.channel,
        url: services.url,
        elementId: services.elementId,
        ownerCode: owner.code,
        ownerNameTh: owner.nameTh,
        ownerNameEn: owner.nameEn,
      })
      .from(services)
      .leftJoin(owner, eq(owner.id, services.ownerAgencyId))
      .where(and(eq(services.componentId, component.id), ne(services.status, "retired")))
      .orderBy(asc(services.code)),
    db
      .select()
      .from(indicators)
      .where(and(eq(indicators.componentId, component.id), eq(indicators.active, true)))
      .orderBy(asc(indicators.ordinal), asc(indicators.code)),
    db
      .select({
        code: agencies.code,
        nameTh: agencies.nameTh,
        nameEn: agencies.nameEn,
        abbrTh: agencies.abbrTh,
        abbrEn: agencies.abbrEn,
        type: agencies.type,
        dgaRole: agencyComponents.dgaRole,
      })
      .from(agencyComponents)
      .innerJoin(agencies, eq(agencies.id, agencyComponents.agencyId))
      .where(contributorFilter)
      .orderBy(asc(agencyComponents.dgaRole), asc(agencies.nameTh))
      .limit(options.contributorLimit ?? Number.MAX_SAFE_INTEGER),
    db.select({ n: count() }).from(agencyComponents).innerJoin(agencies, eq(agencies.id, agencyComponents.agencyId)).where(contributorFilter),
  ]);
  return { component, elements, services: componentServices, indicators: componentIndicators, contributors, contributorCount: contributorTotal?.n ?? 0 };
});

export interface ListAgenciesOptions {
  query?: string;
  ministryCode?: string;
  type?: AgencyType;
}

/** An agency's ministry (its parent), joined under its own name. */
const parent = alias(agencies, "parent");

/** Agencies visible to the caller: every agency for DGA-wide roles, only their own for agency roles. */
export async function listAgencies(actor: Actor, options: ListAgenciesOptions = {}, window?: { limit: number; offset: number }) {
  const filters = agencyFilters(actor, options);
  if (!filters) return [];
  const componentCount = sql<number>`(select count(*) from ${agencyComponents} where ${agencyComponents.agencyId} = ${agencies.id})`.mapWith(Number);
  return getDb()
    .select({
      id: agencies.id,
      code: agencies.code,
      nameTh: agencies.nameTh,
      nameEn: agencies.nameEn,
      abbrTh: agencies.abbrTh,
      abbrEn: agencies.abbrEn,
      type: agencies.type,
      province: agencies.province,
      parentCode: parent.code,
      parentNameTh: parent.nameTh,
      parentNameEn: parent.nameEn,
      componentCount,
    })
    .from(agencies)
    .leftJoin(parent, eq(parent.id, agencies.parentId))
    .where(and(...filters))
    .orderBy(asc(parent.code), asc(agencies.code))
    .limit(window?.limit ?? Number.MAX_SAFE_INTEGER)
    .offset(window?.offset ?? 0);
}

/** The visible agencies a page at a time (the page clamped to the last), with how many match in all. */
export async function pageAgencies(actor: Actor, options: ListAgenciesOptions, requestedPage: number, pageSize: number) {
  const filters = agencyFilters(actor, options);
  const [counted] = filters
    ? await getDb().select({ n: count() }).from(agencies).leftJoin(parent, eq(parent.id, agencies.parentId)).where(and(...filters))
    : [];
  const total = counted?.n ?? 0;
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const rows = total ? await listAgencies(actor, options, { limit: pageSize, offset: (page - 1) * pageSize }) : [];
  return { rows, total, page, pageSize };
}

/** The conditions of the caller's agency list; null when the caller may see none. */
function agencyFilters(actor: Actor, options: ListAgenciesOptions): (SQL | undefined)[] | null {
  const filters: (SQL | undefined)[] = [eq(agencies.active, true)];
  if (isAgencyRole(actor.role)) filters.push(eq(agencies.id, actor.agencyId ?? -1));
  else if (!can(actor, "agency.view_all")) return null;
  if (options.query) {
    const pattern = `%${escapeLike(options.query)}%`;
    filters.push(or(ilike(agencies.nameTh, pattern), ilike(agencies.nameEn, pattern), ilike(agencies.code, pattern), ilike(agencies.abbrTh, pattern), ilike(agencies.abbrEn, pattern)));
  }
  if (options.ministryCode) filters.push(eq(parent.code, options.ministryCode));
  if (options.type) filters.push(eq(agencies.type, options.type));
  return filters;
}

/** The most choices one agency search returns: a picker shows a short list and the user types on. */
export const AGENCY_CHOICE_LIMIT = 50;

export interface AgencyChoiceOptions {
  /** Matched against the start of the code and anywhere in the Thai or English name. */
  query: string;
  kind?: AgencyChoiceKind;
  /** Only agencies tagged with this component (e.g. those who may get a target for its indicators). */
  componentCode?: string;
  limit?: number;
}

/**
 * Agencies for a picker, by code, at most `limit` (bounded by AGENCY_CHOICE_LIMIT): the same scope as the
 * agency list (agency roles: their own agency only), "parent" for ministries and departments only.
 */
export async function searchAgencyChoices(actor: Actor, options: AgencyChoiceOptions) {
  const filters = agencyFilters(actor, {});
  if (!filters) return [];
  const text = escapeLike(options.query.trim());
  filters.push(or(ilike(agencies.code, `${text}%`), ilike(agencies.nameTh, `%${text}%`), ilike(agencies.nameEn, `%${text}%`)));
  if (options.kind === "parent") filters.push(inArray(agencies.type, PARENT_AGENCY_TYPES));
  if (options.componentCode) {
    filters.push(
      exists(
        getDb()
          .select({ one: sql`1` })
          .from(agencyComponents)
          .innerJoin(components, eq(components.id, agencyComponents.componentId))
          .where(and(eq(agencyComponents.agencyId, agencies.id), eq(components.code, options.componentCode))),
      ),
    );
  }
  const limit = Math.max(1, Math.min(options.limit ?? 20, AGENCY_CHOICE_LIMIT));
  return getDb()
    .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(agencies)
    .where(and(...filters))
    .orderBy(asc(agencies.code))
    .limit(limit);
}
export type AgencyChoice = Awaited<ReturnType<typeof searchAgencyChoices>>[number];

/** One agency the caller may see, by its exact code, as a picker shows it (a choice given in the URL). */
export async function findAgencyChoice(actor: Actor, code: string): Promise<AgencyChoice | undefined> {
  const filters = agencyFilters(actor, {});
  if (!filters) return undefined;
  const [row] = await getDb()
    .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(agencies)
    .where(and(...filters, eq(agencies.code, code)))
    .limit(1);
  return row;
}

export async function listMinistries() {
  return getDb()
    .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(agencies)
    .where(and(eq(agencies.type, "ministry"), eq(agencies.active, true)))
    .orderBy(asc(agencies.code));
}

/**
 * An agency's profile. Outside the caller's scope it is "not found", so an officer cannot even
 * learn which codes exist.
 */
export async function getAgencyProfile(actor: Actor, code: string) {
  const db = getDb();
  const parent = alias(agencies, "parent");
  const [agency] = await db
    .select({
      id: agencies.id,
      code: agencies.code,
      nameTh: agencies.nameTh,
      nameEn: agencies.nameEn,
      abbrTh: agencies.abbrTh,
      abbrEn: agencies.abbrEn,
      type: agencies.type,
      province: agencies.province,
      active: agencies.active,
      parentCode: parent.code,
      parentNameTh: parent.nameTh,
      parentNameEn: parent.nameEn,
    })
    .from(agencies)
    .leftJoin(parent, eq(parent.id, agencies.parentId))
    .where(eq(agencies.code, code))
    .limit(1);
  if (!agency || !canViewAgency(actor, agency.id)) throw new NotFoundError("agency");
  const [roles, ownedServices, children, staffCount] = await Promise.all([
    db
      .select({ componentCode: components.code, nameTh: components.nameTh, nameEn: components.nameEn, dgaRole: agencyComponents.dgaRole })
      .from(agencyComponents)
      .innerJoin(components, eq(components.id, agencyComponents.componentId))
      .where(eq(agencyComponents.agencyId, agency.id))
      .orderBy(asc(components.ordinal)),
    db
      .select({ code: services.code, nameTh: services.nameTh, nameEn: services.nameEn, channel: services.channel, componentCode: components.code, componentNameTh: components.nameTh, componentNameEn: components.nameEn })
      .from(services)
      .innerJoin(components, eq(components.id, services.componentId))
      .where(and(eq(services.ownerAgencyId, agency.id), ne(services.status, "retired")))
      .orderBy(asc(services.code)),
    db
      .select({ code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn, type: agencies.type })
      .from(agencies)
      .where(and(eq(agencies.parentId, agency.id), eq(agencies.active, true)))
      .orderBy(asc(agencies.code)),
    db.select({ n: count() }).from(users).where(and(eq(users.agencyId, agency.id), eq(users.active, true))),
  ]);
  return { agency, roles, services: ownedServices, children, activeUsers: staffCount[0]?.n ?? 0 };
}

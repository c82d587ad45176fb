import "server-only";
import { and, asc, count, eq, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, componentElements, components, services } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole } from "@/core/enums";
import { activeKpiCountsByService } from "./catalogue";

// The structure the ecosystem map draws: components with DGA's role, their elements and platforms, and
// how many agencies each has. Agency names only for readers who may open every agency's page (agency
// roles see counts: the map is no way round the agency scope), and only for the components asked for,
// at most `agencyLimit` each, so 8,000 local administrations stay a number until someone asks.

export interface EcosystemMapOptions {
  /** A ministry's code: count and list only its agencies (DGA-wide roles; ignored for agency roles). */
  ministryCode?: string;
  /** The components whose agencies to list ("all" with a ministry filter). */
  listAgenciesOf?: string[] | "all";
  agencyLimit: number;
}

const owner = alias(agencies, "owner");
const parent = alias(agencies, "parent");

export async function getEcosystemMapData(actor: Actor, options: EcosystemMapOptions) {
  const db = getDb();
  const ministryCode = isAgencyRole(actor.role) ? undefined : options.ministryCode;
  const agencyScope: SQL[] = [eq(agencies.active, true)];
  if (ministryCode) agencyScope.push(eq(parent.code, ministryCode));
  const kpis = activeKpiCountsByService();
  const [componentRows, elementRows, platformRows, agencyCounts] = await Promise.all([
    db
      .select({ id: components.id, code: components.code, group: components.group, nameTh: components.nameTh, nameEn: components.nameEn, dgaRole: components.dgaRole })
      .from(components)
      .orderBy(asc(components.ordinal)),
    db
      .select({ code: componentElements.code, componentCode: components.code, nameTh: componentElements.nameTh, nameEn: componentElements.nameEn })
      .from(componentElements)
      .innerJoin(components, eq(components.id, componentElements.componentId))
      .orderBy(asc(components.ordinal), asc(componentElements.ordinal)),
    db
      .select({
        code: services.code,
        componentCode: components.code,
        elementCode: componentElements.code,
        nameTh: services.nameTh,
        nameEn: services.nameEn,
        channel: services.channel,
        ownerNameTh: owner.nameTh,
        ownerNameEn: owner.nameEn,
        kpiCount: sql<number>`coalesce(${kpis.n}, 0)`.mapWith(Number),
      })
      .from(services)
      .innerJoin(components, eq(components.id, services.componentId))
      .leftJoin(componentElements, eq(componentElements.id, services.elementId))
      .leftJoin(owner, eq(owner.id, services.ownerAgencyId))
      .leftJoin(kpis, eq(kpis.serviceId, services.id))
      .where(ne(services.status, "retired"))
      .orderBy(asc(components.ordinal), asc(componentElements.ordinal), asc(services.code)),
    db
      .select({ componentId: agencyComponents.componentId, n: count() })
      .from(agencyComponents)
      .innerJoin(agencies, eq(agencies.id, agencyComponents.agencyId))
      .leftJoin(parent, eq(parent.id, agencies.parentId))
      .where(and(...agencyScope))
      .groupBy(agencyComponents.componentId),
  ]);
  const countOf = new Map(agencyCounts.map((r) => [r.componentId, r.n]));
  const agenciesVisible = can(actor, "agency.view_all");
  const wanted = options.listAgenciesOf === "all" ? componentRows : componentRows.filter((c) => options.listAgenciesOf?.includes(c.code));
  const agencyLists = agenciesVisible
    ? await Promise.all(
        wanted
          .filter((c) => (countOf.get(c.id) ?? 0) > 0)
          .map(async (c) => ({
            componentCode: c.code,
            agencies: await db
              .select({ code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn, dgaRole: agencyComponents.dgaRole })
              .from(agencyComponents)
              .innerJoin(agencies, eq(agencies.id, agencyComponents.agencyId))
              .leftJoin(parent, eq(parent.id, agencies.parentId))
              .where(and(eq(agencyComponents.componentId, c.id), ...agencyScope))
              // Leaders first (the enum's order), then by name: the same order as the component page.
              .orderBy(asc(agencyComponents.dgaRole), asc(agencies.nameTh))
              .limit(options.agencyLimit),
          })),
      )
    : [];
  return {
    ministryCode: ministryCode ?? null,
    agenciesVisible,
    components: componentRows.map(({ id, ...c }) => ({ ...c, agencyCount: countOf.get(id) ?? 0 })),
    elements: elementRows,
    platforms: platformRows,
    agencyLists,
  };
}
export type EcosystemMapData = Awaited<ReturnType<typeof getEcosystemMapData>>;

/** DGA's own agency record, found by its abbreviation (สพร. / DGA), for the centre node's link. */
export async function findDgaAgencyCode(): Promise<string | null> {
  const [row] = await getDb()
    .select({ code: agencies.code })
    .from(agencies)
    .where(and(eq(agencies.active, true), eq(agencies.abbrEn, "DGA")))
    .limit(1);
  return row?.code ?? null;
}

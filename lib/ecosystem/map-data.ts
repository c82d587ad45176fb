import "server-only";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { findDgaAgencyCode, getEcosystemMapData } from "@/db/queries/ecosystem-map";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import type { Locale } from "@/core/enums";
import { buildEcosystemGraph } from "@/core/ecosystem/map-graph";
import { mapWordsFor } from "@/core/ecosystem/map-words";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { pick, pickName } from "@/i18n/pick";
import { layoutEcosystemGraph } from "./map-layout";

// The ecosystem map of a quarter and scope, read and laid out once for every reader: the /map page, the
// map section of the quarterly report and the benchmark. Statuses are the overview's tiles (the same
// figures as the dashboards); the structure is getEcosystemMapData's.

export interface EcosystemMapRequest {
  filters: Pick<DashboardFilters, "period" | "ministry">;
  /** The components whose agencies to list (with a ministry chosen: every component). */
  listAgenciesOf: string[];
  agencyCap: number;
  locale: Locale;
  /** The show/hide-agencies link of a component; the printed map has none to follow. */
  toggleHref?: (componentCode: string, shown: boolean) => string;
  today?: string;
}

export async function loadEcosystemMap(actor: Actor, request: EcosystemMapRequest) {
  const { locale } = request;
  const [overview, dgaCode] = await Promise.all([
    getDashboardOverview(actor, { period: request.filters.period, ministry: request.filters.ministry }, request.today ? { today: request.today } : {}),
    findDgaAgencyCode(),
  ]);
  // The ministry as applied (only where the role may filter).
  const ministry = overview.scope.ministry?.code;
  const data = await getEcosystemMapData(actor, { ministryCode: ministry, listAgenciesOf: ministry ? "all" : request.listAgenciesOf, agencyLimit: request.agencyCap });
  const statusOf = new Map(overview.components.map((c) => [c.code, c]));
  const graph = buildEcosystemGraph(
    {
      components: data.components.map((c) => {
        const tile = statusOf.get(c.code);
        return {
          code: c.code,
          group: c.group,
          name: pickName(locale, c),
          dgaRole: c.dgaRole,
          status: tile?.status ?? "no_data",
          score: tile?.score ?? null,
          counts: tile?.counts ?? { green: 0, amber: 0, red: 0, no_data: 0, no_target: 0 },
          agencyCount: c.agencyCount,
        };
      }),
      elements: data.elements.map((e) => ({ code: e.code, componentCode: e.componentCode, name: pickName(locale, e) })),
      platforms: data.platforms.map((p) => ({
        code: p.code,
        componentCode: p.componentCode,
        elementCode: p.elementCode,
        name: pickName(locale, p),
        channel: p.channel,
        ownerName: p.ownerNameTh ? pick(locale, p.ownerNameTh, p.ownerNameEn) : null,
        kpiCount: p.kpiCount,
      })),
      agencyLists: data.agencyLists.map((l) => ({ componentCode: l.componentCode, agencies: l.agencies.map((a) => ({ code: a.code, name: pickName(locale, a), dgaRole: a.dgaRole })) })),
      agenciesVisible: data.agenciesVisible,
      agencyCap: request.agencyCap,
      toggleHref: request.toggleHref ?? (() => "/map"),
      dgaHref: dgaCode && can(actor, "agency.view_all") ? `/agencies/${dgaCode}` : null,
    },
    mapWordsFor(locale),
  );
  return { overview, data, graph, placed: await layoutEcosystemGraph(graph) };
}

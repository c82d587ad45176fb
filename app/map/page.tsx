import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/session";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { layoutEcosystemGraph } from "@/lib/ecosystem/map-layout";
import { findDgaAgencyCode, getEcosystemMapData } from "@/db/queries/ecosystem-map";
import { can } from "@/core/auth/permissions";
import { DGA_ROLES, type Locale } from "@/core/enums";
import { STATUSES } from "@/core/scoring";
import { buildEcosystemGraph, type MapWords } from "@/core/ecosystem/map-graph";
import { filtersToSearch, parseDashboardFilters, type DashboardFilters } from "@/core/dashboard/filters";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { formatPoints } from "@/core/format/figure";
import { toLocale } from "@/i18n/locale";
import { pick, pickName } from "@/i18n/pick";
import { PageHeader } from "@/components/ui/page-header";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { ClientMessages } from "@/components/layout/client-messages";
import { EcosystemFlow } from "@/components/ecosystem/ecosystem-flow";
import { EcosystemMapTable } from "@/components/ecosystem/ecosystem-map-table";

/** The message namespaces the map's client components use (checked by tests/unit/client-messages.test.ts). */
const CLIENT_NAMESPACES = ["map.flow", "dashboard.status"];
/** The most agencies one component lists on the map; the rest are a link to the component page. */
const MAP_AGENCY_CAP = 8;
/** ?agencies=upstream,downstream: the components whose agencies are shown (the URL keeps the state). */
const AGENCIES_PARAM = "agencies";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("map"))("title") };
}

/**
 * The ecosystem relationship map: the value chain as a flow, DGA beside it and the enablers beyond, with
 * its role toward each component, elements, platforms and (on demand, or for a chosen ministry) agencies,
 * coloured by the quarter's status as the overview's tiles compute it; a table alternative follows.
 */
export default async function MapPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("dashboard.view");
  const raw = await searchParams;
  const { filters: requested } = parseDashboardFilters(raw);
  const asked = typeof raw[AGENCIES_PARAM] === "string" ? raw[AGENCIES_PARAM].split(",").filter((c) => /^[a-z_]{1,40}$/.test(c)) : [];
  const [t, tDash, tRole, locale, overview, options, dgaCode] = await Promise.all([
    getTranslations("map"),
    getTranslations("dashboard"),
    getTranslations("enums.dgaRole"),
    getLocale().then(toLocale),
    getDashboardOverview(actor, { period: requested.period, ministry: requested.ministry }),
    listDashboardFilterOptions(actor),
    findDgaAgencyCode(),
  ]);
  // The filters as applied (period resolved, a ministry only where the role may filter).
  const filters: DashboardFilters = { period: overview.period.code, ministry: overview.scope.ministry?.code };
  const data = await getEcosystemMapData(actor, {
    ministryCode: filters.ministry,
    // With a ministry chosen its agencies are the point: shown for every component.
    listAgenciesOf: filters.ministry ? "all" : asked,
    agencyLimit: MAP_AGENCY_CAP,
  });
  const statusOf = new Map(overview.components.map((c) => [c.code, c]));
  const linkFilters: DashboardFilters = { period: requested.period ? filters.period : undefined, ministry: filters.ministry };
  const toggleHref = (code: string, shown: boolean) => {
    const next = shown ? asked.filter((c) => c !== code) : [...asked, code];
    const search = filtersToSearch(linkFilters);
    const extra = next.length && !filters.ministry ? `${AGENCIES_PARAM}=${next.join(",")}` : "";
    return `/map${search}${extra ? `${search ? "&" : "?"}${extra}` : ""}`;
  };
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
      agencyCap: MAP_AGENCY_CAP,
      toggleHref,
      dgaHref: dgaCode && can(actor, "agency.view_all") ? `/agencies/${dgaCode}` : null,
    },
    await mapWords(locale),
  );
  const placed = await layoutEcosystemGraph(graph);
  const scope = overview.scope.ministry ? pickName(locale, overview.scope.ministry) : tDash("filters.scopeNational");
  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES}>
      <div className="page page--wide">
        <PageHeader title={t("title")} intro={t("intro")} />
        <FilterBar options={options} filters={filters} scope={overview.scope} show={["period", "ministry"]} action="/map" />
        <h2 className="eco__label">
          {t("heading", { period: formatPeriod(overview.period.code, locale, "short"), scope })}
        </h2>
        <p className="muted small">
          {data.agenciesVisible ? (filters.ministry ? t("agenciesOfMinistry", { cap: MAP_AGENCY_CAP }) : t("agenciesOnDemand", { cap: MAP_AGENCY_CAP })) : t("agenciesCounted")}{" "}
          <a href="#map-table-heading">{t("toTable")}</a>
        </p>
        <ul className="eco-legend" aria-label={t("legend")}>
          {STATUSES.map((s) => (
            <li key={s}>
              <StatusBadge status={s} />
            </li>
          ))}
        </ul>
        <EcosystemFlow graph={placed} />
        <EcosystemMapTable graph={graph} />
        <p className="muted small">{t("rolesNote", { roles: DGA_ROLES.map((r) => tRole(r)).join(", ") })}</p>
      </div>
    </ClientMessages>
  );
}

/** The map's words in the reader's language, figures formatted as everywhere else. */
async function mapWords(locale: Locale): Promise<MapWords> {
  const [t, tStatus, tRole, tReason] = await Promise.all([
    getTranslations("map.words"),
    getTranslations("dashboard.status"),
    getTranslations("enums.dgaRole"),
    getTranslations("dashboard.reason"),
  ]);
  const n = (value: number) => formatNumber(value, locale);
  return {
    status: Object.fromEntries(STATUSES.map((s) => [s, tStatus(s)])) as MapWords["status"],
    role: Object.fromEntries(DGA_ROLES.map((r) => [r, tRole(r)])) as MapWords["role"],
    noRole: t("noRole"),
    dga: t("dga"),
    dgaDetail: t("dgaDetail"),
    componentDetail: (c) => {
      const reason =
        c.score === null
          ? tReason("componentNoData")
          : tReason("component", { score: formatPoints(c.score, locale), green: c.counts.green, total: c.counts.green + c.counts.amber + c.counts.red, amber: c.counts.amber, red: c.counts.red });
      return `${reason} · ${t("agencies", { count: c.agencyCount, n: n(c.agencyCount) })}`;
    },
    elementDetail: (platforms) => t("elementDetail", { count: platforms, n: n(platforms) }),
    platformDetail: (p) => t("platformDetail", { channel: p.channel, owner: p.ownerName ?? "–", kpis: p.kpiCount, n: n(p.kpiCount) }),
    agencies: (count) => t("agencies", { count, n: n(count) }),
    agenciesDetail: (count) => t("agenciesDetail", { count, n: n(count) }),
    showAgencies: t("showAgencies"),
    hideAgencies: t("hideAgencies"),
    agencyDetail: (role) => t("agencyDetail", { role }),
    more: (count) => t("more", { count, n: n(count) }),
    roleOf: (role) => t("roleOf", { role }),
    valueChain: t("valueChain"),
    enablers: t("enablers"),
  };
}

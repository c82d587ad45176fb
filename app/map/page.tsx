import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/session";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { loadEcosystemMap } from "@/lib/ecosystem/map-data";
import { DGA_ROLES } from "@/core/enums";
import { STATUSES } from "@/core/scoring";
import { filtersToSearch, parseDashboardFilters, type DashboardFilters } from "@/core/dashboard/filters";
import { formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { PageHeader } from "@/components/ui/page-header";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { ClientMessages } from "@/components/layout/client-messages";
import { EcosystemFlow } from "@/components/ecosystem/ecosystem-flow";
import { EcosystemMapTable } from "@/components/ecosystem/ecosystem-map-table";
import { MAP_TABLE_ANCHOR } from "@/core/ecosystem/map-graph";

/** The message namespaces the map's client components use (checked by tests/unit/client-messages.test.ts). */
const CLIENT_NAMESPACES = ["map.flow", "map.table", "dashboard.status"];
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
  const [t, tDash, tRole, locale, options] = await Promise.all([
    getTranslations("map"),
    getTranslations("dashboard"),
    getTranslations("enums.dgaRole"),
    getLocale().then(toLocale),
    listDashboardFilterOptions(actor),
  ]);
  const linkFilters = (ministry: string | undefined): DashboardFilters => ({ period: requested.period, ministry });
  const { overview, data, placed } = await loadEcosystemMap(actor, {
    filters: { period: requested.period, ministry: requested.ministry },
    listAgenciesOf: asked,
    agencyCap: MAP_AGENCY_CAP,
    locale,
    toggleHref: (code: string, shown: boolean) => {
      const next = shown ? asked.filter((c) => c !== code) : [...asked, code];
      const search = filtersToSearch(linkFilters(requested.ministry));
      const extra = next.length && !requested.ministry ? `${AGENCIES_PARAM}=${next.join(",")}` : "";
      return `/map${search}${extra ? `${search ? "&" : "?"}${extra}` : ""}`;
    },
  });
  // The filters as applied (period resolved, a ministry only where the role may filter).
  const filters: DashboardFilters = { period: overview.period.code, ministry: overview.scope.ministry?.code };
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
          <a href={`#${MAP_TABLE_ANCHOR}`}>{t("toTable")}</a>
        </p>
        <ul className="eco-legend" aria-label={t("legend")}>
          {STATUSES.map((s) => (
            <li key={s}>
              <StatusBadge status={s} />
            </li>
          ))}
        </ul>
        <EcosystemFlow graph={placed} />
        <EcosystemMapTable graph={placed} />
        <p className="muted small">{t("rolesNote", { roles: DGA_ROLES.map((r) => tRole(r)).join(", ") })}</p>
      </div>
    </ClientMessages>
  );
}

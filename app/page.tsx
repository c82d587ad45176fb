import type { Metadata } from "next";
import { Suspense } from "react";
import type { Actor } from "@/core/auth/actor";
import { DashboardSkeleton } from "@/components/dashboard/query-state";
import { getLocale, getTranslations } from "next-intl/server";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { getEmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { countMonitoredAgencies, getEcosystemTotals, listComponentsWithCounts } from "@/db/queries/ecosystem";
import { getPeriodOpenForReporting } from "@/db/queries/indicators";
import { getProvisionalNotice } from "@/lib/facts/read/provisional";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { submissionListPeriods } from "@/core/fiscal/period-phase";
import { requirePermission } from "@/lib/auth/session";
import { filtersToSearch, parseDashboardFilters, type DashboardFilters } from "@/core/dashboard/filters";
import { formatDate, formatNumber, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { pickName } from "@/i18n/pick";
import { EcosystemMap } from "@/components/ecosystem/ecosystem-map";
import { listAgencySubmissions } from "@/db/queries/submissions";
import { countOpenFlags, countOpenFlagsByComponent } from "@/db/queries/flags";
import { can } from "@/core/auth/permissions";
import Link from "next/link";
import { listPeriods } from "@/db/queries/indicators";
import { isAgencyRole } from "@/core/enums";
import { AgencySubmissions } from "@/components/assessments/agency-submissions";
import { EmenscrPanel } from "@/components/dashboard/emenscr-panel";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { FiguresFreshness } from "@/components/dashboard/figures-freshness";
import { isPeriodRefreshing } from "@/db/queries/jobs";
import { OverviewTiles } from "@/components/dashboard/overview-tiles";
import { PageHeader } from "@/components/ui/page-header";
import { ClientMessages } from "@/components/layout/client-messages";

/** The message namespaces the overview's client components use (checked by tests/unit/client-messages.test.ts). */
const CLIENT_NAMESPACES = ["dashboard", "home"];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

/**
 * The executive overview. Executives, analysts and admins may filter by ministry and agency type;
 * agency roles see national aggregates. The overview is read once on the server; the ecosystem map and
 * the tiles render from it.
 */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("dashboard.view");
  const { filters: requested, invalid } = parseDashboardFilters(await searchParams);
  const [t, tDash] = await Promise.all([getTranslations("home"), getTranslations("dashboard")]);
  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES}>
      <div className="page">
        <PageHeader
          title={t("title")}
          intro={tDash("intro")}
        />
        {isAgencyRole(actor.role) && actor.agencyId && actor.agencyCode && (
          <AgencySubmissions agencyCode={actor.agencyCode} rows={await listOwnSubmissions(actor)} locale={toLocale(await getLocale())} today={todayInBangkok()} />
        )}
        {/* The figures stream in; the key restarts the skeleton when the filters change. */}
        <Suspense key={JSON.stringify(requested)} fallback={<DashboardSkeleton blocks={6} />}>
          <Overview actor={actor} requested={requested} invalid={invalid} />
        </Suspense>
      </div>
    </ClientMessages>
  );
}

async function Overview({ actor, requested, invalid }: { actor: Actor; requested: DashboardFilters; invalid: string[] }) {
  const [t, tDash, tErr, tType, locale, overview, options, items, totals, openForReporting] = await Promise.all([
    getTranslations("home"),
    getTranslations("dashboard"),
    getTranslations("errors"),
    getTranslations("enums.agencyType"),
    getLocale().then(toLocale),
    getDashboardOverview(actor, requested),
    listDashboardFilterOptions(actor),
    listComponentsWithCounts(),
    getEcosystemTotals(),
    getPeriodOpenForReporting(todayInBangkok()),
  ]);
  const componentKnown = !requested.component || overview.components.some((c) => c.code === requested.component);
  // The filters as applied (period resolved, disallowed ones dropped): the query key the client uses.
  const filters: DashboardFilters = {
    period: overview.period.code,
    ministry: overview.scope.ministry?.code,
    type: overview.scope.type ?? undefined,
    component: componentKnown ? requested.component : undefined,
  };
  // Links carry the filters the user chose, not the defaulted period, so a plain link stays plain.
  const linkFilters: DashboardFilters = { ...filters, period: requested.period ? filters.period : undefined, component: undefined };
  const periodId = overview.period.id;
  const seesFlags = can(actor, "flags.view");
  // The part of the country the figures are of: the agencies monitored and the lagging counts follow it, and the
  // worklist they open is filtered the same way.
  const part = { ministryCode: overview.scope.ministry?.code ?? null, agencyType: overview.scope.type };
  const partName = scopeLabel(overview.scope.ministry && pickName(locale, overview.scope.ministry), overview.scope.type && tType(overview.scope.type));
  // Read side by side: each waits its turn for a connection under load, so a chain of them adds up.
  const [emenscr, provisional, openFlags, flagCounts, updating, agenciesInScope] = await Promise.all([
    getEmenscrBudgetProgress(actor, filters),
    // Only a quarter the user chose can be open: the default is the latest one whose reports are due.
    getProvisionalNotice(actor, overview.period),
    // Agencies with open lagging flags (the admin-editable rules) in the scope shown, or the caller's own agency.
    seesFlags ? countOpenFlags(actor, periodId, part) : null,
    seesFlags ? countOpenFlagsByComponent(actor, periodId, part) : undefined,
    isPeriodRefreshing(periodId),
    partName ? countMonitoredAgencies(part) : null,
  ]);
  const statuses = new Map(overview.components.map((c) => [c.code, c]));
  const scopeName = overview.scope.ministry ? pickName(locale, overview.scope.ministry) : tDash("filters.scopeNational");
  return (
    <>
      <FiguresFreshness refreshedAt={overview.refreshedAt} updating={updating} />
      {(invalid.length > 0 || !componentKnown) && (
        <div className="alert alert--warn" role="status">
          {tErr("invalidFilter")}
        </div>
      )}
      <FilterBar options={options} filters={filters} scope={overview.scope} action="/" />
      <ProvisionalNote notice={provisional} />
      <EcosystemTotals
        openForReporting={openForReporting}
        totals={totals}
        agenciesInScope={agenciesInScope}
        openFlags={openFlags}
        worklistHref={`/lagging${filtersToSearch({ period: overview.period.code, ministry: part.ministryCode ?? undefined, type: part.agencyType ?? undefined })}`}
        partName={partName}
        locale={locale}
      />
      <h2 className="eco__label">
        {tDash("map.title")} · {formatPeriod(overview.period.code, locale, "short")}
      </h2>
      <p className="small">
        <Link href={`/map${filtersToSearch({ period: linkFilters.period, ministry: linkFilters.ministry })}`}>{t("openMap")}</Link>
      </p>
      {items.length ? (
        <EcosystemMap items={items} statuses={statuses} linkSuffix={filtersToSearch(linkFilters)} flagCounts={flagCounts} />
      ) : (
        <p className="card empty">{t("empty")}</p>
      )}
      <section className="section" aria-labelledby="tiles-heading">
        <h2 id="tiles-heading">
          {tDash("tile.headline")} · {formatPeriod(overview.period.code, locale, "short")} · {scopeName}
          {overview.scope.type ? ` · ${tType(overview.scope.type)}` : ""}
        </h2>
        <OverviewTiles data={overview} filters={filters} linkFilters={linkFilters} />
      </section>
      <div className="section">
        <EmenscrPanel data={emenscr} />
      </div>
    </>
  );
}

/** A ministry's name, with the agency type in brackets when there is one; null for the whole country. */
function scopeLabel(ministry: string | null, type: string | null): string | null {
  if (ministry && type) return `${ministry} (${type})`;
  return ministry || type || null;
}

/** The headline counts: the quarter agencies are reporting on now (not the one shown), agencies, indicators, services, and agencies with open flags. */
async function EcosystemTotals({ openForReporting, totals, agenciesInScope, openFlags, worklistHref, partName, locale }: {
  openForReporting: Awaited<ReturnType<typeof getPeriodOpenForReporting>>;
  totals: Awaited<ReturnType<typeof getEcosystemTotals>>;
  /** The agencies monitored in the part of the country shown (null: the whole country, as in the totals). */
  agenciesInScope: number | null;
  openFlags: Awaited<ReturnType<typeof countOpenFlags>> | null | undefined | 0;
  /** The worklist of the quarter and scope the lagging count is of. */
  worklistHref: string;
  /** The part of the country the overview is filtered to, by name (null: the whole country). */
  partName: string | null;
  locale: Locale;
}) {
  const t = await getTranslations("home");
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="visually-hidden">
        {t("totals")}
      </h2>
      <div className="grid grid--stats">
        <div className="card stat">
          <span className="stat__label">{t("currentPeriod")}</span>
          {openForReporting ? (
            <>
              <span className="stat__value stat__value--text">{formatPeriod(openForReporting.code, locale)}</span>
              <span className="stat__label">{t("dueOn", { date: formatDate(openForReporting.dueOn, locale) })}</span>
            </>
          ) : (
            <span className="stat__value stat__value--text">{t("noPeriod")}</span>
          )}
        </div>
        <div className="card stat">
          <span className="stat__value">{formatNumber(agenciesInScope ?? totals.agencies, locale)}</span>
          <span className="stat__label">{agenciesInScope !== null && partName ? t("totalAgenciesIn", { scope: partName }) : t("totalAgencies")}</span>
        </div>
        <div className="card stat">
          <span className="stat__value">{formatNumber(totals.indicators, locale)}</span>
          <span className="stat__label">{t("totalIndicators")}</span>
        </div>
        <div className="card stat">
          <span className="stat__value">{formatNumber(totals.services, locale)}</span>
          <span className="stat__label">{t("totalServices")}</span>
        </div>
        {openFlags && (
          <Link className="card stat stat--link" href={worklistHref}>
            <span className="stat__value">{formatNumber(openFlags.agencies, locale)}</span>
            <span className="stat__label">{partName ? t("laggingAgenciesIn", { agencies: openFlags.agencies, flags: openFlags.flags, scope: partName }) : t("laggingAgencies", { agencies: openFlags.agencies, flags: openFlags.flags })}</span>
          </Link>
        )}
      </div>
    </section>
  );
}

/**
 * An agency's own submissions for the quarters open today, the next one to open (which says when) and the
 * last closed one (its deadlines and status).
 */
async function listOwnSubmissions(actor: Actor) {
  const ids = submissionListPeriods(await listPeriods(), todayInBangkok()).map((p) => p.id);
  return listAgencySubmissions(actor, actor.agencyId!, ids);
}

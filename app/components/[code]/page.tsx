import type { Metadata } from "next";
import { Suspense } from "react";
import type { Actor } from "@/core/auth/actor";
import { DashboardSkeleton } from "@/components/dashboard/query-state";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getComponentDashboard, type ComponentDashboard } from "@/lib/facts/read/component";
import { getEmenscrBudgetProgress, listEmenscrProjects } from "@/lib/facts/read/emenscr-projects";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { getComponentDetail } from "@/db/queries/ecosystem";
import { listIndicatorsWithNationalTargets, listPeriods } from "@/db/queries/indicators";
import { selectReportingPeriod } from "@/core/fiscal/reporting-period";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DgaRoleTag } from "@/components/ui/dga-role-tag";
import { IndicatorTable } from "@/components/tables/indicator-table";
import { ComponentKpis } from "@/components/dashboard/component-kpis";
import { toKpiCards } from "@/components/dashboard/kpi-cards";
import { Pager } from "@/components/ui/pager";
import { EmenscrPanel } from "@/components/dashboard/emenscr-panel";
import { EmenscrProjects, PROJECT_PAGE_PARAM } from "@/components/dashboard/emenscr-projects";
import { hrefWithParam, pageParam } from "@/core/http/search-params";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { parseDashboardFilters, type DashboardFilters } from "@/core/dashboard/filters";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { FiguresFreshness } from "@/components/dashboard/figures-freshness";
import { isPeriodRefreshing } from "@/db/queries/jobs";
import { getProvisionalNotice } from "@/lib/facts/read/provisional";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";

type Params = Promise<{ code: string }>;
const CONTRIBUTORS_SHOWN = 60;
/** Indicator cards a page: a component of 18 indicators is three pages, each page light (issue 20). */
const KPI_CARDS_PER_PAGE = 6;
const KPI_PAGE_PARAM = "kpis";

/**
 * The page's three views (`?view=`): the figures (the default), the indicators with their targets and the
 * component's elements, and the services with the contributing agencies. One at a time keeps each light.
 */
const COMPONENT_VIEWS = ["figures", "indicators", "agencies"] as const;
type ComponentView = (typeof COMPONENT_VIEWS)[number];
const parseView = (value: string | string[] | undefined): ComponentView => COMPONENT_VIEWS.find((v) => v === value) ?? "figures";
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function load(code: string) {
  try {
    return await getComponentDetail(parseCodeParam(code, "component"), { contributorLimit: CONTRIBUTORS_SHOWN });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  const locale = await getLocale();
  try {
    // The page's own read (the same arguments): the title does not list the country's contributors again.
    return { title: pickName(locale, (await getComponentDetail(code, { contributorLimit: CONTRIBUTORS_SHOWN })).component) };
  } catch {
    return {};
  }
}

export default async function ComponentPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePermission("dashboard.view");
  const { code } = await params;
  const detail = await load(code);
  const rawSearch = await searchParams;
  const { filters: requested, invalid } = parseDashboardFilters(rawSearch);
  const view = parseView(rawSearch.view);
  // The targets of the fiscal year of the quarter the figures above show (chosen, or the default).
  const period = selectReportingPeriod(await listPeriods(), requested.period, todayInBangkok());
  const fiscalYear = period?.fiscalYear;
  const [t, tHome, tNav, tGroup, locale, indicatorRows] = await Promise.all([
    getTranslations("component"),
    getTranslations("home"),
    getTranslations("nav"),
    getTranslations("enums.group"),
    getLocale().then(toLocale),
    fiscalYear && view === "indicators" ? listIndicatorsWithNationalTargets(fiscalYear, code) : Promise.resolve([]),
  ]);
  const { component, elements } = detail;
  // Each view keeps the filters; paging belongs to the figures view only.
  const viewHref = (target: ComponentView) =>
    hrefWithParam(`/components/${component.code}`, { ...rawSearch, [KPI_PAGE_PARAM]: undefined, [PROJECT_PAGE_PARAM]: undefined }, "view", target === "figures" ? null : target);
  return (
    <div className="page">
      <Breadcrumb label={tNav("label")} items={[{ href: "/", label: tNav("home") }, { label: pickName(locale, component) }]} />
      <PageHeader
        eyebrow={<>{tHome("componentNumber", { n: component.ordinal })} · {tGroup(component.group)}</>}
        title={pickName(locale, component)}
        intro={pick(locale, component.descriptionTh, component.descriptionEn)}
      />
      <nav className="section-tabs" aria-label={t("views")}>
        <ul>
          {COMPONENT_VIEWS.map((v) => (
            <li key={v}>
              <Link href={viewHref(v)} aria-current={v === view ? "page" : undefined}>
                {t(`view.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {view === "figures" && (
        <Suspense key={JSON.stringify(requested)} fallback={<DashboardSkeleton blocks={4} />}>
          <ComponentKpiSection actor={actor} code={component.code} requested={requested} invalid={invalid} search={rawSearch} />
        </Suspense>
      )}

      {view === "indicators" && (
        <>
          <section className="section" aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">{t("indicators")}</h2>
            {indicatorRows.length ? (
              <IndicatorTable rows={indicatorRows} caption={t("targetsFor", { year: fiscalYear ?? "" })} />
            ) : (
              <p className="card empty">{t("noIndicators")}</p>
            )}
          </section>
          <section className="card section" aria-labelledby="elements-heading">
            <h2 id="elements-heading">{t("elements")}</h2>
            <ul>
              {elements.map((e) => (
                <li key={e.id}>{pickName(locale, e)}</li>
              ))}
            </ul>
          </section>
        </>
      )}

      {view === "agencies" && <ServicesAndContributors detail={detail} actor={actor} locale={locale} />}
    </div>
  );
}

async function ComponentKpiSection({
  actor,
  code,
  requested,
  invalid,
  search,
}: {
  actor: Actor;
  code: string;
  requested: DashboardFilters;
  invalid: string[];
  search: Record<string, string | string[] | undefined>;
}) {
  const [dashboard, filterOptions, tDash, tErr, locale] = await Promise.all([
    getComponentDashboard(actor, code, requested),
    listDashboardFilterOptions(actor),
    getTranslations("dashboard"),
    getTranslations("errors"),
    getLocale().then(toLocale),
  ]);
  // The filters as applied (period resolved, disallowed ones dropped).
  const filters: DashboardFilters = { period: dashboard.period.code, ministry: dashboard.scope.ministry?.code, type: dashboard.scope.type ?? undefined };
  const [emenscr, projects, provisional] = await Promise.all([
    getEmenscrBudgetProgress(actor, { ...filters, component: code }),
    listEmenscrProjects(actor, { ...filters, component: code, page: pageParam(search[PROJECT_PAGE_PARAM]) }),
    getProvisionalNotice(actor, dashboard.period),
  ]);
  return (
    <>
      {invalid.length > 0 && (
        <div className="alert alert--warn" role="status">
          {tErr("invalidFilter")}
        </div>
      )}
      <FilterBar options={filterOptions} filters={filters} scope={dashboard.scope} show={["period", "ministry", "type"]} action={`/components/${code}`} />
      <ProvisionalNote notice={provisional} />
      <FiguresFreshness refreshedAt={null} updating={await isPeriodRefreshing(dashboard.period.id)} />

      <section className="section" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">{tDash("component.kpis")}</h2>
        <p className="muted">
          {tDash("component.kpisIntro", {
            scope: dashboard.scope.ministry ? pickName(locale, dashboard.scope.ministry) : tDash("filters.scopeNational"),
            period: formatPeriod(dashboard.period.code, locale, "short"),
          })}
        </p>
        <KpiCardPage dashboard={dashboard} code={code} search={search} />
      </section>

      <div className="section">
        <EmenscrPanel data={emenscr} title={tDash("component.projects")}>
          <EmenscrProjects data={projects} basePath={`/components/${code}`} searchParams={search} restricted={dashboard.scope.restricted} />
        </EmenscrPanel>
      </div>

    </>
  );
}

/** The indicator cards of one page (`?kpis=`), with where they stand among all and the way to the others. */
async function KpiCardPage({ dashboard, code, search }: { dashboard: ComponentDashboard; code: string; search: Record<string, string | string[] | undefined> }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard.component"), getLocale().then(toLocale)]);
  const total = dashboard.indicators.length;
  const pages = Math.max(1, Math.ceil(total / KPI_CARDS_PER_PAGE));
  const page = Math.min(pageParam(search[KPI_PAGE_PARAM]), pages);
  const from = (page - 1) * KPI_CARDS_PER_PAGE;
  const shown = dashboard.indicators.slice(from, from + KPI_CARDS_PER_PAGE);
  const hrefFor = (n: number) => hrefWithParam(`/components/${code}`, search, KPI_PAGE_PARAM, n > 1 ? String(n) : null, "#kpis-heading");
  return (
    <>
      {pages > 1 && (
        <p className="muted">
          {t("kpiRange", { from: formatNumber(from + 1, locale), to: formatNumber(from + shown.length, locale), total: formatNumber(total, locale) })}
        </p>
      )}
      <ComponentKpis data={toKpiCards(dashboard, shown)} />
      <Pager page={page} pageSize={KPI_CARDS_PER_PAGE} total={total} hrefFor={hrefFor} label={t("kpiPages")} />
    </>
  );
}

/** The e-services of the component and the agencies that contribute to it. */
async function ServicesAndContributors({ detail, actor, locale }: { detail: Awaited<ReturnType<typeof load>>; actor: Actor; locale: Locale }) {
  const [t, tDash] = await Promise.all([getTranslations("component"), getTranslations("dashboard")]);
  const { elements, services, contributors, contributorCount } = detail;
  // Agency roles only see their own profile: link the others as plain text, not as a door that 404s.
  const agencyLink = (agencyCode: string, label: string) =>
    can(actor, "agency.view_all") || agencyCode === actor.agencyCode ? <Link href={`/agencies/${agencyCode}`}>{label}</Link> : label;
  const elementName = new Map(elements.map((e) => [e.id, pickName(locale, e)]));
  return (
    <div className="two-col section">
      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{t("services")}</h2>
        {services.length ? (
          <TableFrame head={[{ label: t("service") }, { label: t("owner") }, { label: t("channel") }]}>
            {services.map((s) => (
              <tr key={s.id}>
                <td>
                  <strong>
                    <Link href={`/platforms/${encodeURIComponent(s.code)}`}>{pickName(locale, s)}</Link>
                  </strong>
                  {s.elementId && (
                    <>
                      <br />
                      <span className="muted">{elementName.get(s.elementId)}</span>
                    </>
                  )}
                </td>
                <td>
                  {s.ownerCode && s.ownerNameTh ? agencyLink(s.ownerCode, pick(locale, s.ownerNameTh, s.ownerNameEn)) : "–"}
                </td>
                <td>
                  <span className="tag">{s.channel}</span>
                </td>
              </tr>
            ))}
          </TableFrame>
        ) : (
          <p className="card empty">{t("noServices")}</p>
        )}
      </section>
      <section aria-labelledby="contributors-heading">
        <h2 id="contributors-heading">{t("contributors")}</h2>
        {contributorCount > contributors.length && (
          <p className="muted">{tDash("component.moreContributors", { shown: contributors.length, count: contributorCount })}</p>
        )}
        {contributors.length ? (
          <TableFrame head={[{ label: t("agency") }, { label: t("dgaRole") }]}>
            {contributors.map((a) => (
              <tr key={a.code}>
                <td>
                  {agencyLink(a.code, pickName(locale, a))}
                </td>
                <td>
                  <DgaRoleTag role={a.dgaRole} />
                </td>
              </tr>
            ))}
          </TableFrame>
        ) : (
          <p className="card empty">{t("noContributors")}</p>
        )}
      </section>
    </div>
  );
}

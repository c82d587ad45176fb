import type { Metadata } from "next";
import { Suspense } from "react";
import type { Actor } from "@/core/auth/actor";
import { DashboardSkeleton } from "@/components/dashboard/query-state";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { getEmenscrBudgetProgress, listEmenscrProjects } from "@/lib/facts/read/emenscr-projects";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { getAgencyProfile } from "@/db/queries/ecosystem";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DgaRoleTag } from "@/components/ui/dga-role-tag";
import { AgencySubmissions } from "@/components/assessments/agency-submissions";
import { listAgencySubmissions } from "@/db/queries/submissions";
import { submissionListPeriods } from "@/core/fiscal/period-phase";
import { listPeriods } from "@/db/queries/indicators";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { AgencyKpis } from "@/components/dashboard/agency-kpis";
import { AGENCY_MEASURES, toAgencyKpiData } from "@/components/dashboard/agency-kpi-data";
import { measureWords } from "@/components/ui/measure-words";
import { EmenscrPanel } from "@/components/dashboard/emenscr-panel";
import { EmenscrProjects, PROJECT_PAGE_PARAM } from "@/components/dashboard/emenscr-projects";
import { AgencyFlagsSummary } from "@/components/flags/agency-flags-summary";
import { listAgencyFlags } from "@/db/queries/flags";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { parseDashboardFilters, type DashboardFilters } from "@/core/dashboard/filters";
import { pageParam } from "@/core/http/search-params";
import { PageHeader } from "@/components/ui/page-header";
import { FiguresFreshness } from "@/components/dashboard/figures-freshness";
import { getProvisionalNotice } from "@/lib/facts/read/provisional";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";
import { isPeriodRefreshing } from "@/db/queries/jobs";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { AgencyAsksSection } from "@/components/asks/agency-asks-section";
import { EarlyWarningSection } from "@/components/asks/early-warning-section";
import { getDefaultReportingPeriod } from "@/db/queries/indicators";
import { listAskTags, listAsks } from "@/db/queries/asks";
import { findEarlyWarnings, latestProgressPeriodId } from "@/db/queries/early-warning";
import { isAgencyRole } from "@/core/enums";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("agencies"))("profile") };
}

export default async function AgencyProfilePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePermission("dashboard.view");
  const { code } = await params;
  const rawSearch = await searchParams;
  const { filters: requested } = parseDashboardFilters(rawSearch);
  let profile: Awaited<ReturnType<typeof getAgencyProfile>>;
  try {
    profile = await getAgencyProfile(actor, parseCodeParam(code, "agency"));
  } catch (error) {
    // Other agencies' profiles answer 404 to agency roles: not even their existence is disclosed.
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, tType, tNav, locale] = await Promise.all([
    getTranslations("agencies"),
    getTranslations("enums.agencyType"),
    getTranslations("nav"),
    getLocale().then(toLocale),
  ]);
  const { agency, services, children } = profile;
  const seesAll = can(actor, "agency.view_all");
  const abbr = locale === "en" ? agency.abbrEn : agency.abbrTh;
  return (
    <div className="page">
      <Breadcrumb
        label={tNav("label")}
        items={[seesAll ? { href: "/agencies", label: tNav("agencies") } : { label: tNav("myAgency") }, { label: pickName(locale, agency) }]}
      />
      <PageHeader
        eyebrow={tType(agency.type)}
        title={
          <>
            {pickName(locale, agency)}
            {abbr && <span className="muted"> ({abbr})</span>}
          </>
        }
      >
        <p lang={locale === "en" ? "th" : "en"}>{locale === "en" ? agency.nameTh : agency.nameEn}</p>
      </PageHeader>
      <AgencyFacts profile={profile} seesAll={seesAll} locale={locale} />
      <Suspense key={requested.period ?? ""} fallback={<DashboardSkeleton blocks={2} />}>
        <AgencyKpiSection actor={actor} code={agency.code} period={requested.period} search={rawSearch} />
      </Suspense>
      <OwnedServices services={services} locale={locale} />
      {can(actor, "submission.view") && <AgencySubmissionsSection actor={actor} agencyId={agency.id} agencyCode={agency.code} locale={locale} />}
      {(isAgencyRole(actor.role) || seesAll) && <AgencyWarnings actor={actor} agencyId={agency.id} locale={locale} />}
      {children.length > 0 && (
        <section className="section" aria-labelledby="children-heading">
          <h2 id="children-heading">{t("children")}</h2>
          <ul className="card" style={{ paddingLeft: "2rem" }}>
            {children.map((c) => (
              <li key={c.code}>
                {seesAll ? <Link href={`/agencies/${c.code}`}>{pickName(locale, c)}</Link> : pickName(locale, c)} <span className="muted">· {tType(c.type)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

type Profile = Awaited<ReturnType<typeof getAgencyProfile>>;

/** The agency's submissions of the quarters open now: read while the sections above render, not before them. */
async function AgencySubmissionsSection({ actor, agencyId, agencyCode, locale }: { actor: Actor; agencyId: number; agencyCode: string; locale: Locale }) {
  const today = todayInBangkok();
  const periodIds = submissionListPeriods(await listPeriods(), today).map((p) => p.id);
  const rows = await listAgencySubmissions(actor, agencyId, periodIds);
  return <AgencySubmissions agencyCode={agencyCode} rows={rows} locale={locale} today={today} headingId="agency-submissions" own={actor.agencyId === agencyId} />;
}

/** Early warning (projections) and what the agency asked DGA for: its own staff and DGA's see them. */
function AgencyWarnings({ actor, agencyId, locale }: { actor: Actor; agencyId: number; locale: Locale }) {
  return (
    <>
      <Suspense fallback={<DashboardSkeleton blocks={1} />}>
        <AgencyEarlyWarning actor={actor} agencyId={agencyId} locale={locale} />
      </Suspense>
      <Suspense fallback={<DashboardSkeleton blocks={1} />}>
        <AgencyAsks actor={actor} agencyId={agencyId} locale={locale} />
      </Suspense>
    </>
  );
}

async function AgencyEarlyWarning({ actor, agencyId, locale }: { actor: Actor; agencyId: number; locale: Locale }) {
  // As of the latest quarter with eMENSCR figures of the agency, else the reporting quarter (which says "none").
  const periodId = (await latestProgressPeriodId(agencyId, todayInBangkok())) ?? (await getDefaultReportingPeriod(todayInBangkok()))?.id;
  if (!periodId) return null;
  return <EarlyWarningSection warnings={await findEarlyWarnings(actor, { periodId, agencyIds: [agencyId], limit: 10 })} locale={locale} />;
}

/** Asks shown on a profile: those routed to DGA first, then the latest (the count says how many in all). */
const PROFILE_ASKS = 5;

async function AgencyAsks({ actor, agencyId, locale }: { actor: Actor; agencyId: number; locale: Locale }) {
  const [tags, periods] = await Promise.all([listAskTags({ activeOnly: true }), listPeriods()]);
  const today = todayInBangkok();
  const recent = periods.filter((p) => p.startsOn <= today).slice(-4);
  const { rows, total } = await listAsks(actor, { periodIds: recent.map((p) => p.id), agencyId }, { limit: PROFILE_ASKS, offset: 0, order: "recent" });
  return <AgencyAsksSection rows={rows} total={total} tags={tags} locale={locale} linkToAll={can(actor, "asks.view")} />;
}

/** The agency's particulars and its roles in the components. */
async function AgencyFacts({ profile, seesAll, locale }: { profile: Profile; seesAll: boolean; locale: Locale }) {
  const t = await getTranslations("agencies");
  const { agency, roles, activeUsers } = profile;
  return (
    <div className="two-col">
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("profile")}</h2>
        <dl className="facts">
          <dt>{t("code")}</dt>
          <dd>
            <code>{agency.code}</code>
          </dd>
          <dt>{t("parent")}</dt>
          <dd>
            {agency.parentCode ? (
              seesAll ? (
                <Link href={`/agencies/${agency.parentCode}`}>{pick(locale, agency.parentNameTh!, agency.parentNameEn)}</Link>
              ) : (
                pick(locale, agency.parentNameTh!, agency.parentNameEn)
              )
            ) : (
              "–"
            )}
          </dd>
          {agency.province && (
            <>
              <dt>{t("province")}</dt>
              <dd>{agency.province}</dd>
            </>
          )}
          <dt>{t("status")}</dt>
          <dd>{agency.active ? t("active") : t("inactive")}</dd>
          <dt>{t("activeUsers")}</dt>
          <dd>{activeUsers}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t("roles")}</h2>
        {roles.length ? (
          <ul style={{ paddingLeft: "1.1rem" }}>
            {roles.map((r) => (
              <li key={r.componentCode} style={{ marginBottom: "0.35rem" }}>
                <Link href={`/components/${r.componentCode}`}>{pickName(locale, r)}</Link> <DgaRoleTag role={r.dgaRole} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("noRoles")}</p>
        )}
      </section>
    </div>
  );
}

/** The e-services the agency owns, each under its component. */
async function OwnedServices({ services, locale }: { services: Profile["services"]; locale: Locale }) {
  const t = await getTranslations("agencies");
  return (
    <section className="section" aria-labelledby="services-heading">
      <h2 id="services-heading">{t("ownedServices")}</h2>
      {services.length ? (
        <ScrollRegion>
          <table className="data">
            <tbody>
              {services.map((s) => (
                <tr key={s.code}>
                  <td>
                    <strong>{pickName(locale, s)}</strong>
                  </td>
                  <td>
                    <Link href={`/components/${s.componentCode}`}>{pick(locale, s.componentNameTh, s.componentNameEn)}</Link>
                  </td>
                  <td>
                    <span className="tag">{s.channel}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : (
        <p className="card empty">{t("noServices")}</p>
      )}
    </section>
  );
}

async function AgencyKpiSection({ actor, code, period, search }: { actor: Actor; code: string; period?: string; search: Record<string, string | string[] | undefined> }) {
  const [dashboard, filterOptions, tDash, measures] = await Promise.all([
    getAgencyDashboard(actor, code, { period }),
    listDashboardFilterOptions(actor),
    getTranslations("dashboard"),
    measureWords(AGENCY_MEASURES),
  ]);
  const filters: DashboardFilters = { period: dashboard.period.code };
  // Side by side: under load each waits its turn for a connection, so a chain of them adds up.
  const [emenscr, projects, flagList, provisional, updating] = await Promise.all([
    getEmenscrBudgetProgress(actor, { period: filters.period, agency: code }),
    listEmenscrProjects(actor, { period: filters.period, agency: code, page: pageParam(search[PROJECT_PAGE_PARAM]) }),
    can(actor, "flags.view") ? listAgencyFlags(actor, code, dashboard.period.id) : null,
    getProvisionalNotice(actor, dashboard.period),
    isPeriodRefreshing(dashboard.period.id),
  ]);
  return (
    <>
      <section className="section" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">{tDash("agency.kpis")}</h2>
        <p className="muted">{tDash("agency.kpisIntro")}</p>
        <FiguresFreshness refreshedAt={null} updating={updating} />
        <FilterBar
          options={filterOptions}
          filters={filters}
          scope={{ restricted: false, ministry: null, type: null, ignored: [] }}
          show={["period"]}
          action={`/agencies/${code}`}
        />
        <ProvisionalNote notice={provisional} />
        <AgencyKpis data={toAgencyKpiData(dashboard)} measures={measures} />
      </section>
      <div className="section">
        <EmenscrPanel data={emenscr} title={tDash("agency.projects")}>
          <EmenscrProjects data={projects} basePath={`/agencies/${code}`} searchParams={search} />
        </EmenscrPanel>
      </div>
      {flagList && <AgencyFlagsSummary data={flagList} period={dashboard.period} today={todayInBangkok()} />}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DEPENDENTS_SHOWN, getPlatform } from "@/db/queries/catalogue";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { parseDashboardFilters } from "@/core/dashboard/filters";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { pick, pickName } from "@/i18n/pick";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { DgaRoleTag } from "@/components/ui/dga-role-tag";
import { ComponentKpis } from "@/components/dashboard/component-kpis";
import { toKpiCards } from "@/components/dashboard/kpi-cards";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function load(code: string) {
  try {
    return await getPlatform(parseCodeParam(code, "platform"));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  try {
    return { title: pickName(await getLocale(), (await getPlatform(decodeURIComponent(code))).platform) };
  } catch {
    return {};
  }
}

/** One platform: what it is, who owns it, its KPIs over the quarters, and the agencies that depend on it. */
export default async function PlatformPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePermission("indicator.view");
  const { code } = await params;
  const { platform, kpis, dependents, dependentCount } = await load(code);
  const { filters } = parseDashboardFilters(await searchParams);
  const [t, tNav, tStatus, tDash, locale] = await Promise.all([
    getTranslations("catalogue"),
    getTranslations("nav"),
    getTranslations("enums.serviceStatus"),
    getTranslations("dashboard"),
    getLocale().then(toLocale),
  ]);
  // The KPIs' figures as their components' dashboards compute them (a KPI may sit in another component).
  const kpiCodes = new Set(kpis.map((k) => k.code));
  const dashboards = await Promise.all(
    [...new Set(kpis.map((k) => k.componentCode))].map((componentCode) => getComponentDashboard(actor, componentCode, { period: filters.period })),
  );
  const agencyLink = (agencyCode: string, label: string) =>
    can(actor, "agency.view_all") || agencyCode === actor.agencyCode ? <Link href={`/agencies/${agencyCode}`}>{label}</Link> : label;
  return (
    <div className="page">
      <Breadcrumb label={tNav("label")} items={[{ href: "/platforms", label: t("platformsTitle") }, { label: pickName(locale, platform) }]} />
      <PageHeader
        eyebrow={
          <>
            {platform.channel} · {tStatus(platform.status)} · {platform.code}
          </>
        }
        title={pickName(locale, platform)}
        intro={pick(locale, platform.descriptionTh ?? "", platform.descriptionEn) || undefined}
        actions={can(actor, "admin.master_data") ? <Link href="/admin/platforms">{t("managePlatforms")}</Link> : undefined}
      />
      <dl className="card section dictionary">
        <dt>{t("fields.ownerName")}</dt>
        <dd>{agencyLink(platform.ownerCode, pick(locale, platform.ownerNameTh, platform.ownerNameEn))}</dd>
        <dt>{t("fields.component")}</dt>
        <dd>
          <Link href={`/components/${platform.componentCode}`}>{pick(locale, platform.componentNameTh, platform.componentNameEn)}</Link>
          {platform.elementCode && ` · ${pick(locale, platform.elementNameTh ?? "", platform.elementNameEn)}`}
        </dd>
        {platform.url && (
          <>
            <dt>{t("fields.url")}</dt>
            <dd>
              <a href={platform.url} rel="noopener noreferrer">
                {platform.url}
              </a>
            </dd>
          </>
        )}
      </dl>

      <section className="section" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">{t("kpisOverTime")}</h2>
        {kpis.length === 0 ? (
          <p className="card empty">{t("noKpis")}</p>
        ) : (
          dashboards.map((d) => (
            <div key={d.component.code}>
              <p className="muted">
                {tDash("component.kpisIntro", { scope: tDash("filters.scopeNational"), period: formatPeriod(d.period.code, locale, "short") })}
              </p>
              <ComponentKpis data={toKpiCards(d, d.indicators.filter((i) => kpiCodes.has(i.code)))} summary={false} />
            </div>
          ))
        )}
      </section>

      <section className="card section" aria-labelledby="dependents-heading">
        <h2 id="dependents-heading">{t("dependents")}</h2>
        <p className="muted">{t("dependentsRule")}</p>
        {dependentCount === 0 ? (
          <p>{t("noDependents")}</p>
        ) : (
          <>
            <p>{t("dependentCount", { count: formatNumber(dependentCount, locale) })}</p>
            <ul>
              {dependents.map((a) => (
                <li key={a.code}>
                  {agencyLink(a.code, pickName(locale, a))} <DgaRoleTag role={a.dgaRole} />
                </li>
              ))}
            </ul>
            {dependentCount > DEPENDENTS_SHOWN && <p className="muted">{t("dependentsMore", { shown: DEPENDENTS_SHOWN, count: formatNumber(dependentCount, locale) })}</p>}
          </>
        )}
      </section>
    </div>
  );
}

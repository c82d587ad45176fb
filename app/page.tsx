import { getLocale, getTranslations } from "next-intl/server";
import { getEcosystemTotals, listComponentsWithCounts } from "@/db/queries/ecosystem";
import { getCurrentPeriod } from "@/db/queries/indicators";
import { requirePermission } from "@/lib/auth/session";
import { todayInBangkok } from "@/lib/fiscal/calendar";
import { formatDate, formatNumber, formatPeriod } from "@/lib/format/thai";
import { toLocale } from "@/i18n/locale";
import { EcosystemMap } from "@/components/ecosystem/ecosystem-map";
import { listAgencySubmissions } from "@/db/queries/submissions";
import { listPeriods } from "@/db/queries/indicators";
import { isAgencyRole } from "@/lib/domain/enums";
import { AgencySubmissions } from "@/components/assessments/agency-submissions";

export default async function HomePage() {
  const actor = await requirePermission("dashboard.view");
  const [t, locale, items, totals, period] = await Promise.all([
    getTranslations("home"),
    getLocale().then(toLocale),
    listComponentsWithCounts(),
    getEcosystemTotals(),
    getCurrentPeriod(todayInBangkok()),
  ]);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>
      </div>
      {isAgencyRole(actor.role) && actor.agencyId && actor.agencyCode && (
        <AgencySubmissions agencyCode={actor.agencyCode} rows={await listOwnSubmissions(actor)} locale={locale} today={todayInBangkok()} />
      )}
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="visually-hidden">
          {t("totals")}
        </h2>
        <div className="grid grid--stats">
          <div className="card stat">
            <span className="stat__value">{formatNumber(totals.agencies, locale)}</span>
            <span className="stat__label">{t("totalAgencies")}</span>
          </div>
          <div className="card stat">
            <span className="stat__value">{formatNumber(totals.indicators, locale)}</span>
            <span className="stat__label">{t("totalIndicators")}</span>
          </div>
          <div className="card stat">
            <span className="stat__value">{formatNumber(totals.services, locale)}</span>
            <span className="stat__label">{t("totalServices")}</span>
          </div>
          <div className="card stat">
            <span className="stat__label">{t("currentPeriod")}</span>
            {period ? (
              <>
                <span className="stat__value" style={{ fontSize: "1.25rem" }}>
                  {formatPeriod(period.code, locale)}
                </span>
                <span className="stat__label">{t("dueOn", { date: formatDate(period.dueOn, locale) })}</span>
              </>
            ) : (
              <span className="stat__value">{t("noPeriod")}</span>
            )}
          </div>
        </div>
      </section>
      {items.length ? <EcosystemMap items={items} /> : <p className="card empty">{t("empty")}</p>}
    </div>
  );
}

/** An agency user's deadlines: the open periods and the latest closed one. */
async function listOwnSubmissions(actor: Awaited<ReturnType<typeof requirePermission>>) {
  const all = await listPeriods();
  const open = all.filter((p) => p.status === "open");
  const lastClosed = all.filter((p) => p.status === "closed" && (!open.length || p.startsOn < open[0]!.startsOn)).at(-1);
  const ids = [...open, ...(lastClosed ? [lastClosed] : [])].map((p) => p.id);
  return listAgencySubmissions(actor, actor.agencyId!, ids);
}

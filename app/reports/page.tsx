import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listDashboardFilterOptions } from "@/lib/facts/read/context";
import { findAgencyChoice, listMinistries } from "@/db/queries/ecosystem";
import { getDefaultReportingPeriod, listPeriods } from "@/db/queries/indicators";
import { isPeriodProvisional } from "@/core/fiscal/reporting-period";
import { pageReports, type ReportRow } from "@/db/queries/reports";
import { ReportForm } from "@/components/reports/report-form";
import { toLocale } from "@/i18n/locale";
import { pick, pickName } from "@/i18n/pick";
import { requirePermission } from "@/lib/auth/session";
import { isAgencyRole, type Locale } from "@/core/enums";
import { formatBytes } from "@/lib/import/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatDateTime, formatPeriod } from "@/core/format/thai";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { ScrollRegion } from "@/components/ui/scroll-region";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

/** The archive grows with every report: newest first, a page at a time. */
const ARCHIVE_PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("report.export");
  const raw = await searchParams;
  const agencyRole = isAgencyRole(actor.role);
  // An agency role reports on its own agency; others may arrive with one chosen (?agency=CODE).
  const requested = firstSearchParam(raw.agency);
  const agencyCode = agencyRole ? actor.agencyCode : requested && /^[0-9A-Za-z._-]{1,40}$/.test(requested) ? requested : undefined;
  const today = todayInBangkok();
  const [t, locale, options, ministries, agency, current, periodRows, archive] = await Promise.all([
    getTranslations("reports"),
    getLocale().then(toLocale),
    listDashboardFilterOptions(actor),
    agencyRole ? Promise.resolve([]) : listMinistries(),
    agencyCode ? findAgencyChoice(actor, agencyCode) : undefined,
    getDefaultReportingPeriod(today),
    listPeriods(),
    pageReports(actor, pageParam(raw.page), ARCHIVE_PAGE_SIZE),
  ]);
  const own = agencyRole ? agency : undefined;
  // A quarter whose reports are not yet due can still be chosen; the form then says its figures are preliminary.
  const provisional = new Set(periodRows.filter((p) => isPeriodProvisional(p, today)).map((p) => p.code));
  const periods = [...options.periods].reverse().map((code) => ({ code, label: formatPeriod(code, locale), provisional: provisional.has(code) }));
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={agencyRole ? t("introAgency") : t("intro")}
      />
      <ReportForm
        periods={periods}
        defaultPeriod={current?.code ?? periods[0]?.code ?? ""}
        components={options.components.map((c) => ({ code: c.code, label: pickName(locale, c) }))}
        ministries={ministries.map((m) => ({ code: m.code, label: `${pickName(locale, m)} (${m.code})` }))}
        preselectedAgency={!agencyRole && agency ? { value: agency.code, label: `${agency.code} ${pickName(locale, agency)}` } : null}
        ownAgency={own ? { code: own.code, label: pickName(locale, own) } : null}
        defaultLocale={locale}
      />
      <Archive reports={archive.rows} locale={locale} t={t} />
      <Pager page={archive.page} pageSize={ARCHIVE_PAGE_SIZE} total={archive.total} hrefFor={(target) => hrefWithParam("/reports", raw, "page", target > 1 ? String(target) : null, "#archive-heading")} label={t("archive.pages")} />
    </div>
  );
}

type Translator = Awaited<ReturnType<typeof getTranslations<"reports">>>;

function scopeText(r: ReportRow, locale: Locale, t: Translator): string {
  if (r.scope === "national") return t("form.scopes.national");
  const name = r.scopeNameTh ? pick(locale, r.scopeNameTh, r.scopeNameEn) : r.scopeCode;
  return `${t(`form.${r.scope}`)}: ${name}`;
}

function Archive({ reports, locale, t }: { reports: ReportRow[]; locale: Locale; t: Translator }) {
  return (
    <section className="section" aria-labelledby="archive-heading">
      <h2 id="archive-heading">{t("archive.title")}</h2>
      {reports.length === 0 ? (
        <p className="empty card">{t("archive.empty")}</p>
      ) : (
        <ScrollRegion>
          <table className="data" data-testid="report-archive">
            <caption className="visually-hidden">{t("archive.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("archive.period")}</th>
                <th scope="col">{t("archive.scope")}</th>
                <th scope="col">{t("archive.format")}</th>
                <th scope="col">{t("archive.createdBy")}</th>
                <th scope="col">{t("archive.createdAt")}</th>
                <th scope="col">{t("archive.dataAsOf")}</th>
                <th scope="col">{t("archive.file")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-report-id={r.id}>
                  <td>{r.span === "year" ? t("form.fiscalYearOf", { year: r.fiscalYear }) : formatPeriod(r.periodCode, locale, "short")}</td>
                  <td>{scopeText(r, locale, t)}</td>
                  <td>
                    {r.format.toUpperCase()} · {r.locale.toUpperCase()}
                  </td>
                  <td>{r.createdByName ?? t("archive.system")}</td>
                  <td>{formatDateTime(r.createdAt, locale)}</td>
                  <td>{r.dataAsOf ? formatDateTime(r.dataAsOf, locale) : "–"}</td>
                  <td>
                    {r.status === "done" ? (
                      <>
                        <a href={`/api/reports/${r.id}/file`} download aria-label={t("archive.downloadLabel", { id: r.id, format: r.format.toUpperCase(), size: formatBytes(r.sizeBytes ?? 0) })}>
                          {t("archive.download")}
                        </a>{" "}
                        <span className="muted">({formatBytes(r.sizeBytes ?? 0)})</span>
                        {(
                          <>
                            {" · "}
                            <a href={`/reports/${r.id}/print`}>{t("archive.preview")}</a>
                          </>
                        )}
                        <br />
                        <code className="muted" title={r.sha256 ?? ""}>
                          {t("archive.hash", { hash: `${r.sha256?.slice(0, 12)}…` })}
                        </code>
                      </>
                    ) : (
                      <span className={`tag ${r.status === "failed" ? "tag--failed" : ""}`}>{t(`archive.statuses.${r.status}`, { progress: r.progress })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

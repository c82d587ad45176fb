import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCompletenessPage, type CompletenessCounts } from "@/db/queries/completeness";
import { getDefaultReportingPeriod, listPeriods } from "@/db/queries/indicators";
import { getLiveProvisionalNotice } from "@/lib/facts/read/provisional";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";
import { requirePermission } from "@/lib/auth/session";
import { NotFoundError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatDate, formatNumber, formatPercent, formatPeriod } from "@/core/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { StatusTag } from "@/components/assessments/status-tag";
import { Pager } from "@/components/ui/pager";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { FilterSelect } from "@/components/forms/filter-select";
import { MeasureLabel, MeasureName } from "@/components/ui/measure-help";
import type { MeasureId } from "@/core/measures/catalogue";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** Long lists (thousands of agencies nationally) are shown a page at a time; the report has them whole. */
const PAGE_SIZE = 25;
const OVERDUE_PAGE = "overduePage";
const AGENCY_PAGE = "agencyPage";

/** The "rows a to b of n" of a page. */
function rangeOf(list: { page: number; count: number; rows: unknown[] }) {
  const from = (list.page - 1) * PAGE_SIZE + 1;
  return { from, to: from + list.rows.length - 1 };
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("completeness"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CompletenessPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePermission("completeness.view");
  const sp = await searchParams;
  const today = todayInBangkok();
  const requested = firstSearchParam(sp.period) ?? (await getDefaultReportingPeriod(today))?.code;
  if (!requested) notFound();
  let data: Data;
  try {
    data = await getCompletenessPage(actor, requested, today, {
      agencies: { page: pageParam(sp[AGENCY_PAGE]), size: PAGE_SIZE },
      overdue: { page: pageParam(sp[OVERDUE_PAGE]), size: PAGE_SIZE },
    });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, tSub, locale, periodRows, provisional] = await Promise.all([
    getTranslations("completeness"),
    getTranslations("submissions"),
    getLocale().then(toLocale),
    listPeriods(),
    getLiveProvisionalNotice(data.period, today),
  ]);
  const { total, period } = data;
  const { overdue, byAgency: agencies } = data;
  const hrefFor = (param: string, hash: string) => (page: number) => hrefWithParam("/completeness", sp, param, page > 1 ? String(page) : null, hash);
  const range = (list: { page: number; count: number; rows: unknown[] }) => {
    const { from, to } = rangeOf(list);
    return list.count > PAGE_SIZE ? <p className="muted">{t("range", { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(list.count, locale) })}</p> : null;
  };
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro", { period: formatPeriod(period.code, locale), date: formatDate(period.dueOn, locale) })}
        actions={
          <form method="get" className="filters" aria-label={t("choosePeriod")}>
            <FilterSelect id="c-period" name="period" label={tSub("period")} value={period.code} options={periodRows.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale) }))} />
            <button className="btn" type="submit">
              {t("show")}
            </button>
          </form>
        }
      />
      <ProvisionalNote notice={provisional} />
      <Totals total={total} t={t} locale={locale} />
      <CountsTable caption={t("byComponent")} head={tSub("component")} rows={data.byComponent.map((r) => ({ key: r.code, label: pick(locale, r.nameTh, r.nameEn), counts: r }))} locale={locale} />
      <CountsTable caption={t("byMinistry")} head={t("ministry")} rows={data.byMinistry.map((r) => ({ key: r.code, label: pick(locale, r.nameTh, r.nameEn), counts: r }))} locale={locale} />
      <section className="section" aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">{data.pastDue ? t("overdueTitle") : t("notYetTitle")}</h2>
        {overdue.count ? (
          <>
            {range(overdue)}
            <OverdueTable rows={overdue.rows} t={t} tSub={tSub} locale={locale} />
            <Pager page={overdue.page} pageSize={PAGE_SIZE} total={overdue.count} hrefFor={hrefFor(OVERDUE_PAGE, "#overdue-heading")} label={t("overduePages")} />
          </>
        ) : (
          <p className="card empty">{t("noneOverdue")}</p>
        )}
      </section>
      <CountsTable caption={t("byAgency")} head={t("agency")} rows={agencies.rows.map((r) => ({ key: r.code, label: pick(locale, r.nameTh, r.nameEn), counts: r }))} locale={locale} id="by-agency">
        {range(agencies)}
      </CountsTable>
      <Pager page={agencies.page} pageSize={PAGE_SIZE} total={agencies.count} hrefFor={hrefFor(AGENCY_PAGE, "#by-agency")} label={t("agencyPages")} />
    </div>
  );
}

function CountsTable({ caption, head, rows, locale, id, children }: { caption: string; head: string; rows: { key: string; label: string; counts: CompletenessCounts }[]; locale: Locale; id?: string; children?: React.ReactNode }) {
  const pct = (n: number, d: number) => (d ? formatPercent((n / d) * 100, locale, { fractionDigits: 0 }) : "–");
  return (
    <section className="section" id={id}>
      {children}
      <TableFrame caption={caption} head={[{ label: head }, ...(["expected", "submitted", "onTime", "approved"] as const).map((k) => ({ label: <MeasureName id={FORM_MEASURES[k]} />, numeric: true }))]}>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{formatNumber(r.counts.expected, locale)}</td>
            <td className="num">
              {formatNumber(r.counts.submitted, locale)} <span className="muted">({pct(r.counts.submitted, r.counts.expected)})</span>
            </td>
            <td className="num">{formatNumber(r.counts.onTime, locale)}</td>
            <td className="num">{formatNumber(r.counts.approved, locale)}</td>
          </tr>
        ))}
      </TableFrame>
    </section>
  );
}

/** The four counts of this page are measures of assessments (forms), not of figures: named as such. */
const FORM_MEASURES = { expected: "forms_owed", submitted: "forms_submitted", onTime: "forms_on_time", approved: "forms_approved" } as const satisfies Record<string, MeasureId>;

type CompletenessT = Awaited<ReturnType<typeof getTranslations<"completeness">>>;
type Data = Awaited<ReturnType<typeof getCompletenessPage>>;

/** Expected, submitted, on-time and approved submissions this quarter, each with its share of the expected. */
function Totals({ total, t, locale }: { total: Data["total"]; t: CompletenessT; locale: Locale }) {
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="visually-hidden">
        {t("totals")}
      </h2>
      <div className="grid grid--stats" data-testid="completeness-totals">
        {(["expected", "submitted", "onTime", "approved"] as const).map((k) => (
          <div className="card stat" key={k} data-testid={`total-${k}`}>
            <span className="stat__value">{formatNumber(total[k], locale)}</span>
            <span className="stat__label">
              <MeasureLabel id={FORM_MEASURES[k]} />
              {k !== "expected" && total.expected > 0 && ` · ${formatPercent((total[k] / total.expected) * 100, locale, { fractionDigits: 0 })}`}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}

/** Submissions past their due date (or not yet in), one page of them. */
function OverdueTable({ rows, t, tSub, locale }: { rows: Data["overdue"]["rows"]; t: CompletenessT; tSub: Awaited<ReturnType<typeof getTranslations<"submissions">>>; locale: Locale }) {
  return (
    <ScrollRegion>
      <table className="data" data-testid="overdue-table">
        <thead>
          <tr>
            <th scope="col">{t("agency")}</th>
            <th scope="col">{t("ministry")}</th>
            <th scope="col">{tSub("component")}</th>
            <th scope="col">{tSub("statusLabel")}</th>
            <th scope="col" className="num">
              {t("daysOverdue")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.agencyCode}-${r.componentCode}`}>
              <td>
                <Link href={`/agencies/${r.agencyCode}`}>{pick(locale, r.agencyNameTh, r.agencyNameEn)}</Link>
              </td>
              <td>{r.ministryNameTh ? pick(locale, r.ministryNameTh, r.ministryNameEn) : "–"}</td>
              <td>{pick(locale, r.componentNameTh, r.componentNameEn)}</td>
              <td>
                <StatusTag status={r.status ?? "missing"} label={tSub(`status.${r.status ?? "missing"}`)} />
              </td>
              <td className="num">{r.daysOverdue ? formatNumber(r.daysOverdue, locale) : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getCompleteness, type CompletenessCounts } from "@/db/queries/completeness";
import { getCurrentPeriod, listPeriods } from "@/db/queries/indicators";
import { requirePermission } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { todayInBangkok } from "@/lib/fiscal/calendar";
import { formatDate, formatNumber, formatPercent, formatPeriod } from "@/lib/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/lib/domain/enums";
import { StatusTag } from "@/components/assessments/status-tag";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("completeness"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function CompletenessPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePermission("completeness.view");
  const sp = await searchParams;
  const today = todayInBangkok();
  const requested = typeof sp.period === "string" && sp.period ? sp.period : (await getCurrentPeriod(today))?.code;
  if (!requested) notFound();
  let data: Awaited<ReturnType<typeof getCompleteness>>;
  try {
    data = await getCompleteness(actor, requested, today);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, tSub, locale, periodRows] = await Promise.all([getTranslations("completeness"), getTranslations("submissions"), getLocale().then(toLocale), listPeriods()]);
  const { total, period } = data;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t("title")}</h1>
          <p>{t("intro", { period: formatPeriod(period.code, locale), date: formatDate(period.dueOn, locale) })}</p>
        </div>
        <form method="get" className="filters" aria-label={t("choosePeriod")}>
          <div className="field">
            <label htmlFor="c-period">{tSub("period")}</label>
            <select id="c-period" name="period" defaultValue={period.code}>
              {periodRows.map((p) => (
                <option key={p.code} value={p.code}>
                  {formatPeriod(p.code, locale)}
                </option>
              ))}
            </select>
          </div>
          <button className="btn" type="submit">
            {t("show")}
          </button>
        </form>
      </div>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="visually-hidden">
          {t("totals")}
        </h2>
        <div className="grid grid--stats" data-testid="completeness-totals">
          {(["expected", "submitted", "onTime", "approved"] as const).map((k) => (
            <div className="card stat" key={k} data-testid={`total-${k}`}>
              <span className="stat__value">{formatNumber(total[k], locale)}</span>
              <span className="stat__label">
                {t(k)}
                {k !== "expected" && total.expected > 0 && ` · ${formatPercent((total[k] / total.expected) * 100, locale, { fractionDigits: 0 })}`}
              </span>
            </div>
          ))}
        </div>
      </section>
      <CountsTable caption={t("byComponent")} head={tSub("component")} rows={data.byComponent.map((r) => ({ key: r.code, label: pick(locale, r.nameTh, r.nameEn), counts: r }))} t={t} locale={locale} />
      <CountsTable caption={t("byMinistry")} head={t("ministry")} rows={data.byMinistry.map((r) => ({ key: r.code, label: pick(locale, r.nameTh, r.nameEn), counts: r }))} t={t} locale={locale} />
      <section className="section" aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">{data.pastDue ? t("overdueTitle") : t("notYetTitle")}</h2>
        {data.overdue.length ? (
          <div className="table-wrap">
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
                {data.overdue.map((r) => (
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
          </div>
        ) : (
          <p className="card empty">{t("noneOverdue")}</p>
        )}
      </section>
      <CountsTable caption={t("byAgency")} head={t("agency")} rows={data.byAgency.map((r) => ({ key: r.code, label: pick(locale, r.nameTh, r.nameEn), counts: r }))} t={t} locale={locale} />
    </div>
  );
}

function CountsTable({ caption, head, rows, t, locale }: { caption: string; head: string; rows: { key: string; label: string; counts: CompletenessCounts }[]; t: Awaited<ReturnType<typeof getTranslations<"completeness">>>; locale: Locale }) {
  const pct = (n: number, d: number) => (d ? formatPercent((n / d) * 100, locale, { fractionDigits: 0 }) : "–");
  return (
    <section className="section">
      <div className="table-wrap">
        <table className="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" className="num">{t("expected")}</th>
              <th scope="col" className="num">{t("submitted")}</th>
              <th scope="col" className="num">{t("onTime")}</th>
              <th scope="col" className="num">{t("approved")}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { listComponentsWithCounts, listMinistries } from "@/db/queries/ecosystem";
import { LAGGING_SORTS, pageLaggingAgencies } from "@/db/queries/flags";
import { listPeriods } from "@/db/queries/indicators";
import { selectReportingPeriod } from "@/core/fiscal/reporting-period";
import { getProvisionalNotice } from "@/lib/facts/read/provisional";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { daysBetween, todayInBangkok } from "@/core/fiscal/calendar";
import { SEVERITIES } from "@/core/flags/rules";
import { formatPeriod } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { RecomputeButton } from "@/components/flags/case-forms";
import { isAgencyRole } from "@/core/enums";
import { SeverityTag } from "@/components/flags/flag-explanation";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { Pager } from "@/components/ui/pager";
import { FilterSelect } from "@/components/forms/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("flags"))("title") };
}

const filtersSchema = z.object({
  period: z.string().regex(/^\d{4}Q[1-4]$/).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  ministry: z.string().regex(/^[0-9A-Za-z._-]{1,20}$/).optional().catch(undefined),
  component: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
  sort: z.enum(LAGGING_SORTS).optional().catch(undefined),
});

/** Nationally thousands of agencies are lagging: the list is a worklist read a page at a time. */
const PAGE_SIZE = 50;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LaggingPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePermission("flags.view");
  const raw = await searchParams;
  const filters = filtersSchema.parse(Object.fromEntries(["period", "severity", "ministry", "component", "overdue", "sort"].map((k) => [k, firstSearchParam(raw[k])])));
  const today = todayInBangkok();
  const [allPeriods, ministries, componentRows] = await Promise.all([listPeriods(), listMinistries(), listComponentsWithCounts()]);
  const period = selectReportingPeriod(allPeriods, filters.period, today);
  const [t, tSev, locale] = await Promise.all([getTranslations("flags"), getTranslations("flags.severity"), getLocale().then(toLocale)]);
  if (!period) return <p className="page card empty">{t("noPeriod")}</p>;
  const options = {
    periodId: period.id,
    minSeverity: filters.severity,
    ministryCode: filters.ministry,
    componentCode: filters.component,
    overdueOnly: filters.overdue === "1",
    sort: filters.sort,
    today,
  };
  const [{ rows, total, page }, provisional] = await Promise.all([pageLaggingAgencies(actor, options, pageParam(raw.page), PAGE_SIZE), getProvisionalNotice(period, today)]);
  const pageHref = (target: number) => hrefWithParam("/lagging", raw, "page", target > 1 ? String(target) : null);
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={can(actor, "flags.manage") && <RecomputeButton periodId={period.id} />}
      />
      <form className="filters" method="get">
        <FilterSelect id="period" name="period" label={t("period")} value={period.code} options={allPeriods.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale, "short") }))} />
        <FilterSelect id="severity" name="severity" label={t("minSeverity")} value={filters.severity ?? ""} all={t("anySeverity")} options={SEVERITIES.map((s) => ({ value: s, label: tSev(s) }))} />
        {/* An agency's own people see their agency only: a ministry filter would choose nothing. */}
        {!isAgencyRole(actor.role) && (
          <FilterSelect id="ministry" name="ministry" label={t("ministry")} value={filters.ministry ?? ""} all={t("allMinistries")} options={ministries.map((m) => ({ value: m.code, label: pickName(locale, m) }))} />
        )}
        <FilterSelect id="component" name="component" label={t("component")} value={filters.component ?? ""} all={t("allComponents")} options={componentRows.map((c) => ({ value: c.code, label: pickName(locale, c) }))} />
        <FilterSelect id="sort" name="sort" label={t("sort")} value={filters.sort ?? "severity"} options={LAGGING_SORTS.map((s) => ({ value: s, label: t(`sortBy.${s}`) }))} />
        <label className="assess-choice" style={{ alignSelf: "center" }}>
          <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue === "1"} />
          <span>{t("overdueOnly")}</span>
        </label>
        <button type="submit" className="btn">
          {t("apply")}
        </button>
      </form>
      <ProvisionalNote notice={provisional} />
      <p className="muted" role="status">
        {t("count", { count: total, period: formatPeriod(period.code, locale) })}
      </p>
      {rows.length ? (
        <TableFrame head={[{ label: t("agency") }, { label: t("worstSeverity") }, { label: t("openFlags"), numeric: true }, { label: t("rulesMissed") }, { label: t("followUp") }]}>
          {rows.map((r) => (
            <tr key={r.agencyId}>
              <td>
                <Link href={`/lagging/${r.code}?period=${period.code}`}>{pickName(locale, r)}</Link>
                {r.ministryNameTh && (
                  <>
                    <br />
                    <span className="muted">{pick(locale, r.ministryNameTh, r.ministryNameEn)}</span>
                  </>
                )}
              </td>
              <td>
                <SeverityTag severity={r.worstSeverity} />
              </td>
              <td className="num">{r.flagCount}</td>
              <td>{(locale === "en" ? r.rulesEn : r.rulesTh).join(" · ")}</td>
              <td>
                {r.cases.open > 0
                  ? t("casesOpen", { count: r.cases.open, days: r.cases.oldest ? daysBetween(r.cases.oldest.slice(0, 10), today) : 0 })
                  : t("noCase")}
                {r.cases.overdue > 0 && (
                  <>
                    {" "}
                    <span className="tag tag--sev-high">{t("overdue", { count: r.cases.overdue })}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </TableFrame>
      ) : (
        <p className="card empty">{t(can(actor, "flags.manage") ? "empty" : "emptyReadOnly")}</p>
      )}
      <Pager page={page} pageSize={PAGE_SIZE} total={total} hrefFor={pageHref} label={t("pages")} />
    </div>
  );
}

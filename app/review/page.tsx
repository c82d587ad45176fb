import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentsWithCounts, listMinistries } from "@/db/queries/ecosystem";
import { listPeriods } from "@/db/queries/indicators";
import { listReviewQueue } from "@/db/queries/submissions";
import { SUBMISSION_STATUSES, type SubmissionStatus } from "@/core/assessments/enums";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { StatusTag } from "@/components/assessments/status-tag";
import { formatDuration } from "@/core/assessments/duration";
import { firstSearchParam } from "@/core/http/search-params";
import { FilterSelect } from "@/components/forms/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ReviewQueuePage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePermission("submission.review");
  const sp = await searchParams;
  const statusParam = firstSearchParam(sp.status);
  // Default view: what waits for DGA. "all" shows every status.
  const status: SubmissionStatus | undefined =
    statusParam === "all" ? undefined : (SUBMISSION_STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as SubmissionStatus) : statusParam ? undefined : "submitted";
  const filters = { periodCode: firstSearchParam(sp.period), componentCode: firstSearchParam(sp.component), ministryCode: firstSearchParam(sp.ministry), status };
  const [t, tSub, locale, rows, periodRows, componentRows, ministries] = await Promise.all([
    getTranslations("review"),
    getTranslations("submissions"),
    getLocale().then(toLocale),
    listReviewQueue(actor, filters),
    listPeriods(),
    listComponentsWithCounts(),
    listMinistries(),
  ]);
  const now = new Date();
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
      />
      <form className="filters" method="get" role="search" aria-label={t("filters")}>
        <FilterSelect id="f-period" name="period" label={tSub("period")} value={filters.periodCode ?? ""} all={t("all")} options={periodRows.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale) }))} />
        <FilterSelect id="f-component" name="component" label={tSub("component")} value={filters.componentCode ?? ""} all={t("all")} options={componentRows.map((c) => ({ value: c.code, label: pickName(locale, c) }))} />
        <FilterSelect id="f-status" name="status" label={tSub("statusLabel")} value={statusParam ?? "submitted"} all={{ label: t("all"), value: "all" }} options={SUBMISSION_STATUSES.map((s) => ({ value: s, label: tSub(`status.${s}`) }))} />
        <FilterSelect id="f-ministry" name="ministry" label={t("ministry")} value={filters.ministryCode ?? ""} all={t("all")} options={ministries.map((m) => ({ value: m.code, label: pickName(locale, m) }))} />
        <button className="btn" type="submit">
          {t("apply")}
        </button>
      </form>
      {rows.length ? (
        <TableFrame caption={<>{t("count", { count: rows.length })}</>} head={[{ label: t("agency") }, { label: tSub("component") }, { label: tSub("period") }, { label: tSub("statusLabel") }, { label: t("waiting") }, { label: t("timeInSteps") }]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/submissions/${r.agencyCode}/${r.periodCode}/${r.componentCode}`}>{pick(locale, r.agencyNameTh, r.agencyNameEn)}</Link>
                {r.ministryNameTh && <div className="muted">{pick(locale, r.ministryNameTh, r.ministryNameEn)}</div>}
              </td>
              <td>{pick(locale, r.componentNameTh, r.componentNameEn)}</td>
              <td>
                {formatPeriod(r.periodCode, locale, "short")}
                <div className="muted">{tSub("dueOn", { date: formatDate(r.dueOn, locale) })}</div>
              </td>
              <td>
                <StatusTag status={r.status} label={tSub(`status.${r.status}`)} /> {r.late && <span className="tag tag--late">{tSub("late")}</span>}
                {r.openComments > 0 && <div className="muted">{t("openComments", { count: r.openComments })}</div>}
              </td>
              <td className="num">{formatDuration(now.getTime() - r.statusChangedAt.getTime(), locale)}</td>
              <td>
                <ul className="plain-list">
                  {SUBMISSION_STATUSES.filter((s) => r.steps[s] !== undefined).map((s) => (
                    <li key={s}>
                      {tSub(`status.${s}`)}: {formatDuration(r.steps[s]!, locale)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </TableFrame>
      ) : (
        <p className="card empty">{t("empty")}</p>
      )}
    </div>
  );
}

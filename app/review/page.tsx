import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentsWithCounts, listMinistries } from "@/db/queries/ecosystem";
import { listPeriods } from "@/db/queries/indicators";
import { getReviewerMinistry, listHoldingScopes, listLevelQueue, WAITING_FOR_ME, type LevelQueueOptions } from "@/db/queries/review-levels";
import { SUBMISSION_STATUSES, type SubmissionStatus } from "@/core/assessments/enums";
import { HOLDERS, reviewLevelOf } from "@/core/assessments/review-chain";
import { can } from "@/core/auth/permissions";
import type { Actor } from "@/core/auth/actor";
import { isReviewerRole, type Locale } from "@/core/enums";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime, formatNumber, formatPeriod } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { StatusTag } from "@/components/assessments/status-tag";
import { formatDuration } from "@/core/assessments/duration";
import { firstSearchParam, hrefWithParam, pageParam } from "@/core/http/search-params";
import { FilterSelect } from "@/components/forms/filter-select";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The review queue of the caller's level, longest waiting first, paged on the server: a ministry's or a
 * province's reviewer sees what waits for them; DGA what waits for DGA (or any status, filtered), and which
 * ministries and provinces are holding submissions.
 */
export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("review.queue");
  const sp = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("review"), getLocale().then(toLocale)]);
  const page = pageParam(sp.page);
  const periodCode = firstSearchParam(sp.period);
  const componentCode = firstSearchParam(sp.component);
  if (isReviewerRole(actor.role)) {
    const queue = await listLevelQueue(actor, { page, periodCode, componentCode });
    const level = reviewLevelOf(actor.role) as "ministry" | "province";
    const scope = level === "ministry" ? await ministryName(actor, locale) : t("provinceScope", { province: actor.province ?? "" });
    return (
      <div className="page">
        <PageHeader title={t("reviewerTitle", { level })} intro={t("reviewerIntro", { scope })} />
        <Filters sp={sp} locale={locale} withStatus={false} />
        <QueueTable queue={queue} sp={sp} locale={locale} />
      </div>
    );
  }
  const statusParam = firstSearchParam(sp.status);
  // Default view: what waits for DGA. "all" shows every status.
  const status: LevelQueueOptions["status"] =
    statusParam === "all" ? "all" : (SUBMISSION_STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as SubmissionStatus) : WAITING_FOR_ME;
  const ministryCode = firstSearchParam(sp.ministry);
  const [queue, holding] = await Promise.all([
    listLevelQueue(actor, { page, periodCode, componentCode, status, ministryCode }),
    can(actor, "submission.review") ? listHoldingScopes(actor, { periodCode }) : Promise.resolve([]),
  ]);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <Filters sp={sp} locale={locale} withStatus />
      <QueueTable queue={queue} sp={sp} locale={locale} />
      <section className="section" aria-labelledby="holding-heading">
        <h2 id="holding-heading">{t("holdingTitle")}</h2>
        <p className="muted">{t("holdingIntro")}</p>
        {holding.length ? (
          <TableFrame head={[{ label: t("holdingScope") }, { label: t("holdingLevel") }, { label: t("holdingCount"), numeric: true }, { label: t("holdingOldest"), numeric: true }]}>
            {holding.map((h) => (
              <tr key={`${h.level}:${h.key}`}>
                <td>{h.level === "ministry" ? pick(locale, h.nameTh, h.nameEn) : t("provinceScope", { province: h.key })}</td>
                <td>{t(`levelName.${h.level}`)}</td>
                <td className="num">{formatNumber(h.waiting, locale)}</td>
                <td className="num">
                  {formatDuration(h.oldestWaitingMs, locale)}
                  <div className="muted">{formatDateTime(h.oldestSince, locale)}</div>
                </td>
              </tr>
            ))}
          </TableFrame>
        ) : (
          <p className="card empty">{t("holdingEmpty")}</p>
        )}
      </section>
    </div>
  );
}

async function ministryName(actor: Actor, locale: Locale): Promise<string> {
  const ministry = await getReviewerMinistry(actor);
  return ministry ? pick(locale, ministry.nameTh, ministry.nameEn) : "";
}

/** The GET filter form: period and component for everyone; status and ministry for DGA. */
async function Filters({ sp, locale, withStatus }: { sp: SearchParams; locale: Locale; withStatus: boolean }) {
  const [t, tSub, periodRows, componentRows, ministries] = await Promise.all([
    getTranslations("review"),
    getTranslations("submissions"),
    listPeriods(),
    listComponentsWithCounts(),
    withStatus ? listMinistries() : Promise.resolve([]),
  ]);
  return (
    <form className="filters" method="get" role="search" aria-label={t("filters")}>
      <FilterSelect id="f-period" name="period" label={tSub("period")} value={firstSearchParam(sp.period) ?? ""} all={t("all")} options={periodRows.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale) }))} />
      <FilterSelect id="f-component" name="component" label={tSub("component")} value={firstSearchParam(sp.component) ?? ""} all={t("all")} options={componentRows.map((c) => ({ value: c.code, label: pickName(locale, c) }))} />
      {withStatus && (
        <>
          <FilterSelect
            id="f-status"
            name="status"
            label={tSub("statusLabel")}
            value={firstSearchParam(sp.status) ?? WAITING_FOR_ME}
            all={{ label: t("all"), value: "all" }}
            options={[{ value: WAITING_FOR_ME, label: t("waitingForDga") }, ...SUBMISSION_STATUSES.map((s) => ({ value: s, label: tSub(`status.${s}`) }))]}
          />
          <FilterSelect id="f-ministry" name="ministry" label={t("ministry")} value={firstSearchParam(sp.ministry) ?? ""} all={t("all")} options={ministries.map((m) => ({ value: m.code, label: pickName(locale, m) }))} />
        </>
      )}
      <button className="btn" type="submit">
        {t("apply")}
      </button>
    </form>
  );
}

async function QueueTable({ queue, sp, locale }: { queue: Awaited<ReturnType<typeof listLevelQueue>>; sp: SearchParams; locale: Locale }) {
  const [t, tSub, tLevels] = await Promise.all([getTranslations("review"), getTranslations("submissions"), getTranslations("submissions.levels")]);
  if (!queue.rows.length) return <p className="card empty">{t("empty")}</p>;
  return (
    <>
      <TableFrame
        caption={<>{t("count", { count: queue.total })}</>}
        head={[{ label: t("agency"), floor: "name" }, { label: tSub("component"), floor: "name" }, { label: tSub("period"), floor: "name" }, { label: tSub("statusLabel") }, { label: t("waiting") }, { label: t("timeByLevel") }]}
      >
        {queue.rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/submissions/${r.agencyCode}/${r.periodCode}/${r.componentCode}`}>{pick(locale, r.agencyNameTh, r.agencyNameEn)}</Link>
              {r.ministry && <div className="muted">{pick(locale, r.ministry.nameTh, r.ministry.nameEn)}</div>}
              {r.province && <div className="muted">{t("provinceScope", { province: r.province })}</div>}
            </td>
            <td>{pick(locale, r.componentNameTh, r.componentNameEn)}</td>
            <td>
              {formatPeriod(r.periodCode, locale, "short")}
              <div className="muted">{tSub("dueOn", { date: formatDate(r.dueOn, locale) })}</div>
            </td>
            <td>
              <StatusTag status={r.status} label={tSub(`status.${r.status}`)} /> {r.late && <span className="tag tag--late">{tSub("late")}</span>}
              {r.waitingFor && r.waitingFor !== "agency" && <div className="muted">{t("waitingAt", { level: r.waitingFor })}</div>}
              {r.openComments > 0 && <div className="muted">{t("openComments", { count: r.openComments })}</div>}
            </td>
            <td className="num">{formatDuration(r.waitingMs, locale)}</td>
            <td>
              <ul className="plain-list">
                {HOLDERS.filter((h) => r.levels[h] !== undefined).map((h) => (
                  <li key={h}>
                    {tLevels(`holder.${h}`)}: {formatDuration(r.levels[h]!, locale)}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </TableFrame>
      <Pager page={queue.page} pageSize={queue.pageSize} total={queue.total} hrefFor={(p) => hrefWithParam("/review", sp, "page", String(p))} label={t("pages")} />
    </>
  );
}

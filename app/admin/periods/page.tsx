import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listPeriods } from "@/db/queries/indicators";
import { requirePermission } from "@/lib/auth/session";
import { nextFiscalYear } from "@/lib/admin/fiscal-year";
import { can } from "@/core/auth/permissions";
import { addDays, fiscalYearOf, todayInBangkok } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";
import { formatDate, formatDateTime, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { PeriodRowForm } from "@/components/admin/admin-forms";
import { ReopenPeriodForm, RolloverForm } from "@/components/admin/rollover-form";
import { PublishOpenDataForm, WithdrawOpenDataForm } from "@/components/admin/open-data-forms";
import { listReleaseHistory } from "@/db/queries/open-data";
import { openDataPath } from "@/core/open-data/dataset";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("periodsTitle") };
}

/**
 * Reporting periods: where each stands today, its deadline (administrators change it), reopening a closed
 * quarter with a reason (administrators and analysts), and the next fiscal year (administrators).
 */
export default async function PeriodsPage() {
  const actor = await requirePermission("period.reopen");
  const admin = can(actor, "admin.master_data");
  const [t, tYear, tOpen, locale, rows, next, releases] = await Promise.all([
    getTranslations("masterData"),
    getTranslations("fiscalYear"),
    getTranslations("openDataAdmin"),
    getLocale().then(toLocale),
    listPeriods(),
    nextFiscalYear(),
    listReleaseHistory(),
  ]);
  const liveRelease = new Map(releases.filter((r) => !r.withdrawnAt).map((r) => [r.periodId, r]));
  const today = todayInBangkok();
  return (
    <div className="page">
      <PageHeader title={t("periodsTitle")} intro={t("periodsIntro")} />
      <TableFrame head={[{ label: t("period") }, { label: t("range") }, { label: tYear("phase") }, { label: t("statusAndDue"), floor: "prose" }, { label: tOpen("column"), floor: "prose" }]}>
        {rows.map((p) => {
          const phase = periodPhase(p, today);
          const label = formatPeriod(p.code, locale);
          return (
            <tr key={p.id}>
              <th scope="row">{label}</th>
              <td>
                {formatDate(p.startsOn, locale)} – {formatDate(p.endsOn, locale)}
              </td>
              <td>
                {phase === "upcoming"
                  ? tYear("opensOn", { date: formatDate(p.startsOn, locale) })
                  : phase === "open"
                    ? p.closesOn
                      ? tYear("openUntil", { date: formatDate(p.closesOn, locale) })
                      : tYear("phaseOpen")
                    : tYear("phaseClosed")}
                {phase === "closed" && <ReopenPeriodForm periodId={p.id} label={label} defaultClosesOn={addDays(today, 14)} />}
              </td>
              <td>{admin ? <PeriodRowForm periodId={p.id} status={p.status} dueOn={p.dueOn} label={label} /> : `${p.status === "open" ? t("open") : t("closed")} · ${formatDate(p.dueOn, locale)}`}</td>
              <td>
                <OpenDataCell period={p} phase={phase} label={label} release={liveRelease.get(p.id)} canWithdraw={can(actor, "opendata.withdraw")} />
              </td>
            </tr>
          );
        })}
      </TableFrame>
      {admin && (
        <section className="section card" aria-labelledby="rollover-title">
          <h2 id="rollover-title">{tYear("rolloverTitle")}</h2>
          <p className="muted">{tYear("rolloverIntro")}</p>
          <RolloverForm nextYear={next ?? fiscalYearOf(today)} />
        </section>
      )}
    </div>
  );
}

/** A quarter's open data: published (with its files, and withdrawal for administrators) or, once closed, the publish button. */
async function OpenDataCell({
  period,
  phase,
  label,
  release,
  canWithdraw,
}: {
  period: { id: number; fiscalYear: number; quarter: number };
  phase: string;
  label: string;
  release: { publishedAt: Date } | undefined;
  canWithdraw: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations("openDataAdmin"), getLocale().then(toLocale)]);
  if (!release) return phase === "closed" ? <PublishOpenDataForm periodId={period.id} label={label} /> : <span className="muted">{t("notPublished")}</span>;
  return (
    <>
      <p>
        {t("published", { date: formatDateTime(release.publishedAt, locale) })} ·{" "}
        <a href={openDataPath(period.fiscalYear, period.quarter, "csv")}>CSV</a> · <a href={openDataPath(period.fiscalYear, period.quarter, "json")}>JSON</a>
      </p>
      {canWithdraw && <WithdrawOpenDataForm periodId={period.id} label={label} />}
    </>
  );
}

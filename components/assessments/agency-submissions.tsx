import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SubmissionStatus } from "@/core/assessments/enums";
import type { Locale } from "@/core/enums";
import { daysBetween } from "@/core/fiscal/calendar";
import { periodPhase } from "@/core/fiscal/period-phase";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { pickName } from "@/i18n/pick";
import { StatusTag } from "./status-tag";
import { TableFrame } from "@/components/ui/data-table";

export interface AgencySubmissionRow {
  periodCode: string;
  startsOn: string;
  dueOn: string;
  periodStatus: "open" | "closed";
  closesOn: string | null;
  componentCode: string;
  nameTh: string;
  nameEn: string;
  status: SubmissionStatus | null;
  late: boolean | null;
}

/** An agency's deadlines and status per component: the officer's home and the agency profile. */
export async function AgencySubmissions({ agencyCode, rows, locale, today, headingId = "my-submissions", own = true }: { agencyCode: string; rows: AgencySubmissionRow[]; locale: Locale; today: string; headingId?: string; own?: boolean }) {
  const t = await getTranslations("submissions");
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{own ? t("mineTitle") : t("agencyTitle")}</h2>
      <p className="muted">{t("mineIntro")}</p>
      {rows.length ? (
        <TableFrame head={[{ label: t("period") }, { label: t("component") }, { label: t("deadline") }, { label: t("statusLabel") }, { label: <><span className="visually-hidden">{t("open")}</span></> }]}>
          {rows.map((r) => {
            const done = r.status === "submitted" || r.status === "approved";
            const phase = periodPhase({ status: r.periodStatus, startsOn: r.startsOn, closesOn: r.closesOn }, today);
            const days = daysBetween(today, r.dueOn);
            return (
              <tr key={`${r.periodCode}-${r.componentCode}`}>
                <td>{formatPeriod(r.periodCode, locale, "short")}</td>
                <td>{pickName(locale, r)}</td>
                <td>
                  {formatDate(r.dueOn, locale)}
                  {!done && phase === "open" && (
                    <div className={days < 0 ? "field-error" : "muted"}>{days < 0 ? t("daysOverdue", { days: -days }) : t("daysLeft", { days })}</div>
                  )}
                </td>
                <td>
                  <StatusTag status={r.status ?? "missing"} label={t(`status.${r.status ?? "missing"}`)} /> {r.late && <span className="tag tag--late">{t("late")}</span>}
                </td>
                <td>
                  {phase === "upcoming" ? (
                    <span className="muted">{t("opensOn", { date: formatDate(r.startsOn, locale) })}</span>
                  ) : (
                    <Link href={`/submissions/${agencyCode}/${r.periodCode}/${r.componentCode}`}>{phase === "open" && !done ? t("open") : t("view")}</Link>
                  )}
                </td>
              </tr>
            );
          })}
        </TableFrame>
      ) : (
        <p className="card empty">{t("noneExpected")}</p>
      )}
    </section>
  );
}

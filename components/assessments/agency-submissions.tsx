import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SubmissionStatus } from "@/core/assessments/enums";
import type { Locale } from "@/core/enums";
import { daysBetween } from "@/core/fiscal/calendar";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { pickName } from "@/i18n/pick";
import { StatusTag } from "./status-tag";

export interface AgencySubmissionRow {
  periodCode: string;
  dueOn: string;
  periodStatus: "open" | "closed";
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
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                <th scope="col">{t("component")}</th>
                <th scope="col">{t("deadline")}</th>
                <th scope="col">{t("statusLabel")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const done = r.status === "submitted" || r.status === "approved";
                const days = daysBetween(today, r.dueOn);
                return (
                  <tr key={`${r.periodCode}-${r.componentCode}`}>
                    <td>{formatPeriod(r.periodCode, locale, "short")}</td>
                    <td>{pickName(locale, r)}</td>
                    <td>
                      {formatDate(r.dueOn, locale)}
                      {!done && r.periodStatus === "open" && (
                        <div className={days < 0 ? "field-error" : "muted"}>{days < 0 ? t("daysOverdue", { days: -days }) : t("daysLeft", { days })}</div>
                      )}
                    </td>
                    <td>
                      <StatusTag status={r.status ?? "missing"} label={t(`status.${r.status ?? "missing"}`)} /> {r.late && <span className="tag tag--late">{t("late")}</span>}
                    </td>
                    <td>
                      <Link href={`/submissions/${agencyCode}/${r.periodCode}/${r.componentCode}`}>{t("open")}</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="card empty">{t("noneExpected")}</p>
      )}
    </section>
  );
}

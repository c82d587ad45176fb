import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { AgencyFlagList } from "@/db/queries/flags";
import { formatPeriod } from "@/core/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { FlagExplanation, SeverityTag } from "./flag-explanation";
import { TableFrame } from "@/components/ui/data-table";

/**
 * An agency's open lagging flags in a period on its profile: why each is raised and where its follow-up
 * stands, linked to the agency's lagging page. The page reads `data` with the actor's scope (listAgencyFlags).
 */
export async function AgencyFlagsSummary({ data, period, today }: { data: AgencyFlagList; period: { id: number; code: string }; today: string }) {
  const [t, tStatus, locale] = await Promise.all([
    getTranslations("flags"),
    getTranslations("flags.caseStatus"),
    getLocale().then(toLocale),
  ]);
  const open = data.flags.filter((f) => f.status === "open");
  const active = data.cases.filter((c) => c.status === "open" || c.status === "in_progress");
  const overdue = active.filter((c) => c.dueOn && c.dueOn < today).length;
  const caseOf = new Map(data.cases.map((c) => [c.id, c]));
  return (
    <section className="section" aria-labelledby="agency-flags-heading">
      <h2 id="agency-flags-heading">{t("profile.title")}</h2>
      <p role="status">
        {t("profile.summary", { period: formatPeriod(period.code, locale), flags: open.length, cases: active.length })}
        {overdue > 0 && (
          <>
            {" "}
            <span className="tag tag--sev-high">{t("profile.overdue", { count: overdue })}</span>
          </>
        )}
      </p>
      {open.length ? (
        <TableFrame head={[{ label: t("severityLabel") }, { label: t("rule") }, { label: t("why") }, { label: t("followUp") }]}>
          {open.map((f) => {
            const kase = f.caseId ? caseOf.get(f.caseId) : undefined;
            return (
              <tr key={f.id}>
                <td>
                  <SeverityTag severity={f.severity} />
                </td>
                <td>{pick(locale, f.ruleNameTh, f.ruleNameEn)}</td>
                <td>
                  <FlagExplanation evidence={f.evidence} subject={{ th: f.subjectTh, en: f.subjectEn }} />
                </td>
                <td>{kase ? <Link href={`/cases/${kase.id}`}>{t("profile.caseLine", { id: kase.id, status: tStatus(kase.status) })}</Link> : t("noCase")}</td>
              </tr>
            );
          })}
        </TableFrame>
      ) : (
        <p className="card empty">{t("profile.none")}</p>
      )}
      <p style={{ marginTop: "0.75rem" }}>
        <Link href={`/lagging/${data.agency.code}?period=${period.code}`}>{t("profile.all")}</Link>
      </p>
    </section>
  );
}

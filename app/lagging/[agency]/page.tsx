import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { listAgencyFlags } from "@/db/queries/flags";
import { listPeriods } from "@/db/queries/indicators";
import { selectReportingPeriod } from "@/core/fiscal/reporting-period";
import { getProvisionalNotice } from "@/lib/facts/read/provisional";
import { ProvisionalNote } from "@/components/dashboard/provisional-note";
import { listAssignableUsers } from "@/db/queries/users";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { OpenCaseForm } from "@/components/flags/case-forms";
import { FlagExplanation, SeverityTag } from "@/components/flags/flag-explanation";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("flags"))("agencyTitle") };
}

type Props = { params: Promise<{ agency: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgencyFlagsPage({ params, searchParams }: Props) {
  const actor = await requirePermission("flags.view");
  const { agency: code } = await params;
  const raw = await searchParams;
  const period = selectReportingPeriod(await listPeriods(), typeof raw.period === "string" ? raw.period : undefined, todayInBangkok());
  if (!period) notFound();
  let data: Awaited<ReturnType<typeof listAgencyFlags>>;
  try {
    data = await listAgencyFlags(actor, parseCodeParam(code, "agency"), period.id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const [t, tNav, tStatus, locale, provisional] = await Promise.all([
    getTranslations("flags"),
    getTranslations("nav"),
    getTranslations("flags.caseStatus"),
    getLocale().then(toLocale),
    getProvisionalNotice(actor, period),
  ]);
  const manage = can(actor, "flags.manage");
  const analysts = manage ? await listAssignableUsers(actor) : [];
  const openWithoutCase = data.flags.filter((f) => f.status === "open" && f.caseId == null);
  return (
    <div className="page">
      <Breadcrumb label={tNav("label")} items={[{ href: `/lagging?period=${period.code}`, label: t("title") }, { label: pickName(locale, data.agency) }]} />
      <PageHeader
        title={pickName(locale, data.agency)}
        intro={t("agencyIntro", { period: formatPeriod(period.code, locale) })}
      />
      <ProvisionalNote notice={provisional} />
      <DataTable rows={data.flags} rowKey={(f) => f.id} caption={t("flagsCaption")} empty={t("noFlags")} head={[{ label: t("rule") }, { label: t("severityLabel") }, { label: t("why") }, { label: t("flagStatus") }, { label: t("followUp") }]}>
        {(f) => (
          <>
            <td>
              {pick(locale, f.ruleNameTh, f.ruleNameEn)}
              <br />
              <span className="muted">
                {f.ruleCode} v{f.ruleVersion}
              </span>
            </td>
            <td>
              <SeverityTag severity={f.severity} />
            </td>
            <td>
              <FlagExplanation evidence={f.evidence} subject={{ th: f.subjectTh, en: f.subjectEn }} />
            </td>
            <td>
              {f.status === "open" ? t("flagOpen", { date: formatDate(f.firstSeenAt, locale) }) : t("flagRecovered", { date: f.recoveredAt ? formatDate(f.recoveredAt, locale) : "–" })}
            </td>
            <td>{f.caseId ? <Link href={`/cases/${f.caseId}`}>{t("caseNumber", { id: f.caseId })}</Link> : "–"}</td>
          </>
        )}
      </DataTable>
      {data.cases.length > 0 && (
        <section className="section" aria-labelledby="cases-heading">
          <h2 id="cases-heading">{t("cases")}</h2>
          <ul className="card" style={{ paddingLeft: "2rem" }}>
            {data.cases.map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`}>{t("caseNumber", { id: c.id })}</Link> · {tStatus(c.status)}
                {c.dueOn && ` · ${t("dueOnValue", { date: formatDate(c.dueOn, locale) })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {manage && openWithoutCase.length > 0 && (
        <section className="section">
          <OpenCaseForm
            analysts={analysts}
            flags={openWithoutCase.map((f) => ({ id: f.id, label: `${pick(locale, f.ruleNameTh, f.ruleNameEn)} — ${pick(locale, f.subjectTh, f.subjectEn)}` }))}
          />
        </section>
      )}
    </div>
  );
}

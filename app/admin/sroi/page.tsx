import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listSroiAssessments } from "@/db/queries/sroi";
import { requirePermission } from "@/lib/auth/session";
import { toLocale } from "@/i18n/locale";
import { pick } from "@/i18n/pick";
import { formatSroiRatio } from "@/core/sroi/calculate";
import { formatBaht } from "@/core/format/thai";
import { SroiForm, type SroiFormValues } from "@/components/admin/sroi-form";
import { LazyDetails } from "@/components/ui/lazy-details";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { saveSroiAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("sroi.title") };
}

/** The agency whose study DGA reports (the demo's only one), offered for a new year. */
const DGA_AGENCY_CODE = "01002";

/** Numbers as the form shows them: grouped, no currency; fractions as percentages. */
const plain = (n: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(n);
const percent = (fraction: number) => String(Math.round(fraction * 10_000) / 100);

/** SROI per fiscal year: each year's ratio, a form to add a year and one to edit each year's inputs. */
export default async function AdminSroiPage() {
  await requirePermission("admin.catalogue");
  const [t, locale, rows] = await Promise.all([getTranslations("catalogue"), getLocale().then(toLocale), listSroiAssessments()]);
  const years = [...rows].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const valuesOf = (a: (typeof rows)[number]): SroiFormValues => ({
    investment: plain(a.investment),
    discountRate: percent(a.discountRate),
    noteTh: a.noteTh,
    noteEn: a.noteEn,
    lines: a.outcomes.map((o) => ({
      stakeholderTh: o.stakeholderTh,
      stakeholderEn: o.stakeholderEn,
      outcomeTh: o.outcomeTh,
      outcomeEn: o.outcomeEn,
      quantity: plain(o.quantity),
      financialProxy: plain(o.financialProxy),
      deadweight: percent(o.deadweight),
      attribution: percent(o.attribution),
      displacement: percent(o.displacement),
      dropOff: percent(o.dropOff),
      durationYears: String(o.durationYears),
    })),
  });
  return (
    <div className="page">
      <PageHeader title={t("sroi.title")} intro={t("sroi.intro")} />
      <ScrollRegion id="sroi-years">
        <table className="data">
          <caption>{t("sroi.yearsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sroi.fiscalYear")}</th>
              <th scope="col">{t("sroi.agency")}</th>
              <th scope="col" className="num">{t("sroi.investment")}</th>
              <th scope="col" className="num">{t("sroi.outcomeCount")}</th>
              <th scope="col" className="num">{t("sroi.ratio")}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`#sroi-${a.id}`}>{a.fiscalYear}</a>
                </td>
                <td>{pick(locale, a.agencyNameTh, a.agencyNameEn)}</td>
                <td className="num">{formatBaht(a.investment, locale, { compact: true })}</td>
                <td className="num">{a.outcomes.length}</td>
                <td className="num">{formatSroiRatio(a.ratio)}</td>
              </tr>
            ))}
            {!years.length && (
              <tr>
                <td colSpan={5}>{t("sroi.empty")}</td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
      <section className="card section" aria-labelledby="sroi-new">
        <h2 id="sroi-new">{t("sroi.newYear")}</h2>
        <SroiForm action={saveSroiAction} idPrefix="sroi-new" creating initial={{ agencyCode: years[0]?.agencyCode ?? DGA_AGENCY_CODE, discountRate: "3.5", lines: [] }} blankLines={1} />
      </section>
      {years.map((a) => (
        <section key={a.id} id={`sroi-${a.id}`} className="card section" aria-labelledby={`sroi-${a.id}-heading`}>
          <h2 id={`sroi-${a.id}-heading`}>
            {t("sroi.yearHeading", { year: a.fiscalYear, agency: pick(locale, a.agencyNameTh, a.agencyNameEn), ratio: formatSroiRatio(a.ratio) })}
          </h2>
          {/* Drawn when unfolded: a year's form is dozens of fields. */}
          <LazyDetails summary={t("sroi.edit")}>
            <SroiForm action={saveSroiAction} idPrefix={`sroi-${a.id}`} hidden={{ assessmentId: String(a.id) }} initial={valuesOf(a)} />
          </LazyDetails>
        </section>
      ))}
    </div>
  );
}

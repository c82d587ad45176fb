import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentsWithCounts } from "@/db/queries/ecosystem";
import { getDefaultReportingPeriod, listFiscalYears, listIndicatorsWithNationalTargets } from "@/db/queries/indicators";
import { listSroiAssessments } from "@/db/queries/sroi";
import Link from "next/link";

import { requirePermission } from "@/lib/auth/session";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatBaht, formatNumber, formatPercent } from "@/core/format/thai";
import { formatSroiRatio } from "@/core/sroi/calculate";
import { sroiAnchor } from "@/core/sroi/source-ref";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { IndicatorTable } from "@/components/tables/indicator-table";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { HeaderCells } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("indicators"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IndicatorsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePermission("indicator.view");
  const raw = await searchParams;
  const [years, components, current] = await Promise.all([listFiscalYears(), listComponentsWithCounts(), getDefaultReportingPeriod(todayInBangkok())]);
  // Only values that exist are used; anything else in the URL falls back to the default.
  const requestedYear = Number(raw.fy);
  const fiscalYear = years.includes(requestedYear) ? requestedYear : (current?.fiscalYear ?? years.at(-1));
  const componentCode = components.some((c) => c.code === raw.component) ? String(raw.component) : undefined;
  const [t, tCat, locale, rows, sroi] = await Promise.all([
    getTranslations("indicators"),
    getTranslations("catalogue"),
    getLocale().then(toLocale),
    fiscalYear ? listIndicatorsWithNationalTargets(fiscalYear, componentCode) : Promise.resolve([]),
    listSroiAssessments(),
  ]);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} actions={<Link href="/platforms">{tCat("platformsLink")}</Link>} />
      <form className="filters" method="get">
        <div className="field">
          <label htmlFor="fy">{t("fiscalYear")}</label>
          <select id="fy" name="fy" defaultValue={String(fiscalYear ?? "")}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="component">{t("component")}</label>
          <select id="component" name="component" defaultValue={componentCode ?? ""}>
            <option value="">{t("allComponents")}</option>
            {components.map((c) => (
              <option key={c.code} value={c.code}>
                {c.ordinal}. {pickName(locale, c)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {(await getTranslations("agencies"))("apply")}
        </button>
      </form>
      {rows.length ? (
        <IndicatorTable rows={rows} caption={`${t("fiscalYear")} ${fiscalYear}`} showComponent={!componentCode} />
      ) : (
        <p className="card empty">{t("empty")}</p>
      )}

      <SroiAssessments sroi={sroi} locale={locale} />
    </div>
  );
}

/** The social return on investment assessed for agencies: the ratio, then each assessment's outcomes. */
async function SroiAssessments({ sroi, locale }: { sroi: Awaited<ReturnType<typeof listSroiAssessments>>; locale: Locale }) {
  if (sroi.length === 0) return null;
  const t = await getTranslations("indicators");
  return (
    <section className="section" aria-labelledby="sroi-heading">
      <h2 id="sroi-heading">{t("sroiTitle")}</h2>
      <p className="muted">{t("sroiIntro")}</p>
      <div className="grid grid--stats">
        {sroi.map((a) => (
          <div className="card stat" key={a.id}>
            <span className="stat__label">
              {t("sroiRatio")} · {t("fiscalYear")} {a.fiscalYear}
            </span>
            <span className="stat__value">{formatSroiRatio(a.ratio)}</span>
            <span className="stat__label">
              {t("investment")} {formatBaht(a.investment, locale, { compact: true })} → {t("presentValue")}{" "}
              {formatBaht(a.totalPresentValue, locale, { compact: true })}
            </span>
          </div>
        ))}
      </div>
      {sroi.map((a) => (
        <ScrollRegion key={a.id} id={sroiAnchor(a.agencyCode, a.fiscalYear)} style={{ marginBottom: "1rem" }}>
          <table className="data">
            <caption>
              {pick(locale, a.agencyNameTh, a.agencyNameEn)} · {t("fiscalYear")} {a.fiscalYear} · {pick(locale, a.noteTh ?? "", a.noteEn)}
            </caption>
            <thead>
              <tr>
                <HeaderCells
                  cells={[
                    { label: t("stakeholder"), floor: "name" },
                    { label: t("outcome"), floor: "prose" },
                    { label: t("quantity"), numeric: true },
                    { label: t("proxy"), numeric: true },
                    { label: t("adjustments"), numeric: true },
                    { label: t("years"), numeric: true },
                    { label: t("presentValue"), numeric: true },
                  ]}
                />
              </tr>
            </thead>
            <tbody>
              {a.outcomes.map((o) => (
                <tr key={o.id}>
                  <td>{pick(locale, o.stakeholderTh, o.stakeholderEn)}</td>
                  <td>{pick(locale, o.outcomeTh, o.outcomeEn)}</td>
                  <td className="num">{formatNumber(o.quantity, locale, { maximumFractionDigits: 0 })}</td>
                  <td className="num">{formatNumber(o.financialProxy, locale)}</td>
                  <td className="num">
                    {[o.deadweight, o.attribution, o.displacement, o.dropOff].map((f) => formatPercent(f * 100, locale, { fractionDigits: 0 })).join(" / ")}
                  </td>
                  <td className="num">{o.durationYears}</td>
                  <td className="num">{formatBaht(o.presentValue, locale, { compact: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </section>
  );
}

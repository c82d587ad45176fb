import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentsWithCounts } from "@/db/queries/ecosystem";
import { getDefaultReportingPeriod, listFiscalYears, listIndicatorsWithNationalTargets } from "@/db/queries/indicators";
import { listSroiAssessments } from "@/db/queries/sroi";
import { listIndicatorDictionary, type DictionaryEntry } from "@/db/queries/catalogue";
import Link from "next/link";

import { requirePermission } from "@/lib/auth/session";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatBaht, formatNumber, formatPercent, formatPeriod } from "@/core/format/thai";
import { formatSroiRatio } from "@/core/sroi/calculate";
import { sroiAnchor } from "@/core/sroi/source-ref";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { IndicatorTable } from "@/components/tables/indicator-table";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";

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
  const [t, tCat, locale, rows, sroi, dictionary] = await Promise.all([
    getTranslations("indicators"),
    getTranslations("catalogue"),
    getLocale().then(toLocale),
    fiscalYear ? listIndicatorsWithNationalTargets(fiscalYear, componentCode) : Promise.resolve([]),
    listSroiAssessments(),
    listIndicatorDictionary(),
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

      <IndicatorDictionary entries={dictionary.filter((d) => !componentCode || d.componentCode === componentCode)} locale={locale} />

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
                <th scope="col">{t("stakeholder")}</th>
                <th scope="col">{t("outcome")}</th>
                <th scope="col" className="num">{t("quantity")}</th>
                <th scope="col" className="num">{t("proxy")}</th>
                <th scope="col" className="num">{t("adjustments")}</th>
                <th scope="col" className="num">{t("years")}</th>
                <th scope="col" className="num">{t("presentValue")}</th>
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

/** The data dictionary: per indicator its formula, baseline, data owner, frequency, source, thresholds and definition history. */
async function IndicatorDictionary({ entries, locale }: { entries: DictionaryEntry[]; locale: Locale }) {
  const [t, tFreq, tDir, tAgg] = await Promise.all([
    getTranslations("catalogue"),
    getTranslations("enums.frequency"),
    getTranslations("enums.direction"),
    getTranslations("enums.aggregation"),
  ]);
  const orNot = (value: string | null | undefined) => (value ? value : <span className="muted">{t("notGiven")}</span>);
  return (
    <section className="section" aria-labelledby="dictionary-heading">
      <h2 id="dictionary-heading">{t("dictionaryTitle")}</h2>
      <p className="muted">{t("dictionaryIntro")}</p>
      {entries.map(({ indicator: i, ...e }) => (
        <details key={i.id} className="card" id={`dictionary-${i.code}`}>
          <summary>
            <strong>{i.code}</strong> {pickName(locale, i)}
          </summary>
          <dl className="dictionary">
            <dt>{t("fields.definition")}</dt>
            <dd>
              {pick(locale, i.definitionTh, i.definitionEn)} ({pick(locale, i.unitTh, i.unitEn)} · {tDir(i.direction)} · {tAgg(i.aggregation)})
            </dd>
            <dt>{t("fields.formula")}</dt>
            <dd>{orNot(i.formulaTh ? pick(locale, i.formulaTh, i.formulaEn) : null)}</dd>
            <dt>{t("fields.baseline")}</dt>
            <dd>{orNot(i.baselineValue !== null ? t("baselineOf", { value: formatNumber(Number(i.baselineValue), locale), year: i.baselineYear ?? "–" }) : null)}</dd>
            <dt>{t("fields.dataOwnerName")}</dt>
            <dd>{orNot(e.dataOwnerNameTh ? pick(locale, e.dataOwnerNameTh, e.dataOwnerNameEn) : null)}</dd>
            <dt>{t("fields.frequency")}</dt>
            <dd>{tFreq(i.frequency)}</dd>
            <dt>{t("fields.dataSource")}</dt>
            <dd>{orNot(i.dataSourceTh ? pick(locale, i.dataSourceTh, i.dataSourceEn) : null)}</dd>
            <dt>{t("fields.thresholds")}</dt>
            <dd>{orNot(i.thresholdsTh ? pick(locale, i.thresholdsTh, i.thresholdsEn) : null)}</dd>
            {e.serviceCode && (
              <>
                <dt>{t("fields.platform")}</dt>
                <dd>
                  <Link href={`/platforms/${encodeURIComponent(e.serviceCode)}`}>{pick(locale, e.serviceNameTh ?? "", e.serviceNameEn)}</Link>
                </dd>
              </>
            )}
          </dl>
          {e.versions.length > 1 && (
            <>
              <h3 className="small">{t("versionHistory")}</h3>
              <ol>
                {e.versions.map((v) => (
                  <li key={v.version}>
                    {t("version")} {v.version} · {v.fromPeriod ? formatPeriod(v.fromPeriod, locale) : t("fromStart")}: {pick(locale, v.definitionTh, v.definitionEn)} ({pick(locale, v.unitTh, v.unitEn)} · {tDir(v.direction)} ·{" "}
                    {tAgg(v.aggregation)})
                  </li>
                ))}
              </ol>
            </>
          )}
        </details>
      ))}
    </section>
  );
}

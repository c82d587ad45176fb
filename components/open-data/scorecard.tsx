import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { TableFrame } from "@/components/ui/data-table";
import type { PublishedQuarter, PublishedRelease } from "@/db/queries/open-data";
import type { Locale } from "@/core/enums";
import { formatFigure, formatPoints } from "@/core/format/figure";
import { formatDateTime, formatPercent, formatPeriod, MISSING_VALUE } from "@/core/format/thai";
import { openDataPath, type OpenDataRecord } from "@/core/open-data/dataset";

// The public scorecard of one published quarter: the national component scores, then each component's
// indicators, read from the published records only (the same figures as the CSV). Server-rendered
// tables, no client code of its own: light on a phone, readable by a screen reader, statuses in words.

const nameOf = (locale: Locale, th: string | null, en: string | null) => (locale === "en" && en ? en : (th ?? ""));

export async function Scorecard({ release, locale }: { release: PublishedRelease; locale: Locale }) {
  const t = await getTranslations("scorecard");
  const { dataset } = release;
  const national = dataset.records.filter((r) => r.scope_level === "national");
  const components = national.filter((r) => r.record_type === "component");
  const indicatorsOf = (code: string) => national.filter((r) => r.record_type === "indicator" && r.component_code === code);
  const { fiscalYear, quarter } = dataset.period;
  const value = (r: OpenDataRecord, v: number | null) =>
    r.value_type === "score" ? formatPoints(v, locale) : formatFigure(v, { valueType: r.value_type, unitTh: r.unit_th ?? "", unitEn: r.unit_en ?? "" }, locale);
  return (
    <>
      <p className="muted small">
        {t("published", { date: formatDateTime(release.publishedAt, locale), asOf: dataset.dataAsOf ? formatDateTime(new Date(dataset.dataAsOf), locale) : MISSING_VALUE })}
      </p>
      <p>
        {t("downloads")}: <a href={openDataPath(fiscalYear, quarter, "csv")}>{t("csv")}</a> · <a href={openDataPath(fiscalYear, quarter, "json")}>{t("json")}</a> ·{" "}
        <a href={openDataPath(fiscalYear, quarter, "package")}>{t("package")}</a>
      </p>
      <section className="section" aria-labelledby="scorecard-national">
        <h2 id="scorecard-national">{t("national")}</h2>
        <TableFrame head={[{ label: t("component") }, { label: t("score"), numeric: true }, { label: t("status") }]}>
          {components.map((c) => (
            <tr key={c.component_code}>
              <th scope="row">
                <a href={`#scorecard-${c.component_code}`}>{nameOf(locale, c.component_name_th, c.component_name_en)}</a>
              </th>
              <td className="num">{formatPoints(c.value, locale)}</td>
              <td>
                <StatusBadge status={c.status} />
              </td>
            </tr>
          ))}
        </TableFrame>
        <p className="muted small">{t("statusNote")}</p>
      </section>
      {components.map((c) => (
        <section key={c.component_code} className="section" aria-labelledby={`scorecard-${c.component_code}`}>
          <h2 id={`scorecard-${c.component_code}`}>{t("indicators", { component: nameOf(locale, c.component_name_th, c.component_name_en) })}</h2>
          <TableFrame
            head={[
              { label: t("indicator") },
              { label: t("value"), numeric: true },
              { label: t("target"), numeric: true },
              { label: t("attainment"), numeric: true },
              { label: t("status") },
              { label: t("reporting"), numeric: true },
            ]}
          >
            {indicatorsOf(c.component_code).map((i) => (
              <tr key={i.indicator_code}>
                <th scope="row">{nameOf(locale, i.indicator_name_th, i.indicator_name_en)}</th>
                <td className="num">{value(i, i.value)}</td>
                <td className="num">{value(i, i.target)}</td>
                <td className="num">{i.attainment_percent === null ? MISSING_VALUE : formatPercent(i.attainment_percent, locale)}</td>
                <td>
                  <StatusBadge status={i.status} />
                </td>
                <td className="num">
                  {i.reporting_agencies ?? MISSING_VALUE} / {i.expected_agencies ?? MISSING_VALUE}
                </td>
              </tr>
            ))}
          </TableFrame>
        </section>
      ))}
    </>
  );
}

/** The published quarters, newest first, the current one marked. */
export async function PublishedQuarterList({ quarters, locale, current }: { quarters: PublishedQuarter[]; locale: Locale; current?: string }) {
  const t = await getTranslations("scorecard");
  if (!quarters.length) return <p>{t("none")}</p>;
  return (
    <nav aria-label={t("choose")}>
      <h2 className="small">{t("choose")}</h2>
      <ul className="inline-list">
        {quarters.map((q) => (
          <li key={q.periodCode}>
            <Link href={`/scorecard/${q.fiscalYear}/${q.quarter}`} aria-current={q.periodCode === current ? "page" : undefined}>
              {formatPeriod(q.periodCode, locale, "short")}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

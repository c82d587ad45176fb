import { measureGlossary } from "@/core/measures/glossary";
import { formatFigure, formatPoints } from "@/core/format/figure";
import { formatDateTime, formatNumber, formatPeriod } from "@/core/format/thai";
import { headlineRows } from "@/core/reports/headlines";
import type { ReportSnapshot, YearSummary } from "@/core/reports/snapshot";
import { dateTimeOf, enumTranslator, nameOf, periodLine, provisionalCaveat, reportTranslator, scopeName, type ReportTranslator } from "@/core/reports/text";
import { AttainmentChart, PrintReady, ScoreChart } from "./report-charts";
import { pct, ReportTable, StatusTag } from "./report-parts";
import { Asks, Completeness, Emenscr, Lagging } from "./report-sections";
import { MapSection } from "./report-map";

// The printable quarterly report (A4): the same snapshot as the xlsx and CSV, in the report's own
// language whatever the reader's. Tables keep their header on every page (thead repeats in print).

const SECTIONS = ["summary", "kpi", "map", "emenscr", "completeness", "lagging", "asks", "sources"] as const;

export function ReportDocument({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const t = reportTranslator(s.locale);
  return (
    <article className="report" lang={s.locale} data-testid="report-document">
      <Cover s={s} t={t} />
      {s.year && <YearSummarySection s={s} year={s.year} t={t} />}
      <Summary s={s} t={t} />
      <Kpis s={s} t={t} />
      <MapSection s={s} t={t} />
      <Emenscr s={s} t={t} />
      <Completeness s={s} t={t} />
      <Lagging s={s} t={t} />
      <Asks s={s} t={t} />
      <Sources s={s} t={t} />
      <Definitions s={s} t={t} />
      <PrintReady />
    </article>
  );
}

function Cover({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  return (
    <header className="report-cover">
      <p className="report-cover__org">{t("org")}</p>
      <h1>{s.year ? t("yearTitle", { year: s.year.fiscalYear }) : t("title")}</h1>
      <p className="report-cover__period">{periodLine(s, t)}</p>
      <p className="report-cover__scope">{t("scopeLine", { scope: scopeName(s) })}</p>
      <dl className="report-cover__meta">
        <div>
          <dt>{t("preparedBy", { name: s.generatedBy, date: formatDateTime(s.generatedAt, s.locale) })}</dt>
        </div>
        <div>
          <dt>{t("dataAsOf", { date: dateTimeOf(s.dataAsOf, s.locale, t) })}</dt>
        </div>
      </dl>
      {s.demo && <p className="report-cover__demo">{t("demo")}</p>}
      <Caveat s={s} t={t} />
      <nav className="report-contents" aria-label={t("contents")}>
        <h2>{t("contents")}</h2>
        <ol>
          {SECTIONS.filter((key) => key !== "map" || s.map).map((key) => (
            <li key={key}>
              <a href={`#report-${key}`}>{t(key)}</a>
            </li>
          ))}
        </ol>
      </nav>
    </header>
  );
}

/** A yearly report's first section: each indicator's quarters side by side, then year-end against the annual target. */
function YearSummarySection({ s, year, t }: { s: ReportSnapshot; year: YearSummary; t: ReportTranslator }) {
  const value = (v: number | null) => (v === null ? t("noData") : formatNumber(v, s.locale, { maximumFractionDigits: 2 }));
  const quarters = year.quarters.map((q) => formatPeriod(q, s.locale, "short"));
  return (
    <section className="report-section" id="report-year" aria-labelledby="report-year-h">
      <h2 id="report-year-h">{t("sections.year")}</h2>
      <p>{t("yearIntro")}</p>
      {year.components.map((c) => (
        <ReportTable
          key={c.code}
          caption={nameOf(s.locale, c)}
          head={[
            { label: t("columns.indicator") },
            ...quarters.map((q) => ({ label: q, numeric: true })),
            { label: t("columns.yearEnd"), numeric: true },
            { label: t("columns.annualTarget"), numeric: true },
            { label: t("columns.attainment"), numeric: true },
            { label: t("columns.status") },
          ]}
        >
          <tr>
            <th scope="row">{t("columns.score")}</th>
            {c.scores.map((v, k) => (
              <td key={k} className="num">
                {formatPoints(v, s.locale)}
              </td>
            ))}
            <td colSpan={4} />
          </tr>
          {c.indicators.map((i) => (
            <tr key={i.code}>
              <th scope="row">
                {i.code} {nameOf(s.locale, i)} ({s.locale === "en" ? i.unitEn : i.unitTh})
              </th>
              {i.values.map((v, k) => (
                <td key={k} className="num">
                  {value(v)}
                </td>
              ))}
              <td className="num">{value(i.yearEnd)}</td>
              <td className="num">{value(i.annualTarget)}</td>
              <td className="num">{pct(i.attainment, s.locale)}</td>
              <td>
                <StatusTag status={i.status} t={t} />
              </td>
            </tr>
          ))}
        </ReportTable>
      ))}
    </section>
  );
}

/** Beside comparisons of a quarter whose reports were not yet due: its figures are preliminary. */
function Caveat({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const caveat = provisionalCaveat(s, t);
  return caveat ? (
    <p className="report-cover__demo" role="note" data-testid="provisional-caveat">
      {caveat}
    </p>
  ) : null;
}

function Summary({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const previous = s.previousPeriod ? formatPeriod(s.previousPeriod, s.locale) : null;
  return (
    <section className="report-section" id="report-summary" aria-labelledby="report-summary-h">
      <h2 id="report-summary-h">1. {t("summary")}</h2>
      <p>{previous ? t("summaryIntro", { period: formatPeriod(s.period.code, s.locale), previous }) : t("summaryIntroNoPrevious", { period: formatPeriod(s.period.code, s.locale) })}</p>
      {previous && <Caveat s={s} t={t} />}
      <div className="report-headlines">
        {headlineRows(s, t).map((h) => (
          <div key={h.key} className={`report-headline report-headline--${h.trend ?? "none"}`} data-headline={h.key}>
            <span className="report-headline__label">{h.label}</span>
            <span className="report-headline__value">{h.text}</span>
            <span className="report-headline__change">
              {h.change ?? t("noPrevious")}
              {h.trend === "better" || h.trend === "worse" ? ` (${t(h.trend)})` : ""}
            </span>
          </div>
        ))}
      </div>
      <ScoreChart
        title={t("scoreChart")}
        currentLabel={t("thisQuarter")}
        previousLabel={t("previousQuarter")}
        bars={s.components.map((c) => ({ label: nameOf(s.locale, c), current: c.score, previous: c.previousScore }))}
      />
      <ReportTable head={[{ label: t("columns.component") }, { label: t("columns.score"), numeric: true }, { label: t("columns.previousScore"), numeric: true }, { label: t("columns.status") }]}>
        {s.components.map((c) => (
          <tr key={c.code}>
            <th scope="row">{nameOf(s.locale, c)}</th>
            <td className="num">{formatPoints(c.score, s.locale)}</td>
            <td className="num">{formatPoints(c.previousScore, s.locale)}</td>
            <td>
              <StatusTag status={c.status} t={t} />
            </td>
          </tr>
        ))}
      </ReportTable>
    </section>
  );
}

function Kpis({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const agency = s.scope.kind === "agency";
  return (
    <section className="report-section report-section--break" id="report-kpi" aria-labelledby="report-kpi-h">
      <h2 id="report-kpi-h">2. {t("kpi")}</h2>
      <p>{t("kpiIntro")}</p>
      {s.previousPeriod && <Caveat s={s} t={t} />}
      {s.components.map((c, index) => (
        <div key={c.code} className="report-component">
          <h3>
            2.{index + 1} {nameOf(s.locale, c)}
          </h3>
          <p className="report-component__score">
            {t("scoreOf", { score: formatPoints(c.score, s.locale), previous: formatPoints(c.previousScore, s.locale) })} <StatusTag status={c.status} t={t} />
          </p>
          {c.indicators.some((i) => i.attainment !== null) && (
            <AttainmentChart
              title={t("attainmentChart")}
              bars={c.indicators.filter((i) => i.attainment !== null).map((i) => ({ label: i.code, attainment: i.attainment!, status: i.status }))}
            />
          )}
          <ReportTable head={[{ label: t("columns.code") }, { label: t("columns.indicator") }, { label: t("columns.actual"), numeric: true }, { label: t("columns.target"), numeric: true }, { label: t("columns.attainment"), numeric: true }, { label: t("columns.status") }, { label: t("columns.previous"), numeric: true }, { label: agency ? t("columns.national") : t("columns.reporting"), numeric: true }]}>
            {c.indicators.map((i) => (
              <tr key={i.code}>
                <td className="report-code">{i.code}</td>
                <td>{nameOf(s.locale, i)}</td>
                <td className="num">{formatFigure(i.actual, i, s.locale)}</td>
                <td className="num">{formatFigure(i.target, i, s.locale)}</td>
                <td className="num">{pct(i.attainment, s.locale)}</td>
                <td>
                  <StatusTag status={i.status} t={t} />
                </td>
                <td className="num">{formatFigure(i.previousActual, i, s.locale)}</td>
                <td className="num">{agency ? formatFigure(i.national ?? null, i, s.locale) : `${formatNumber(i.reporting, s.locale)}/${formatNumber(i.expected, s.locale)}`}</td>
              </tr>
            ))}
          </ReportTable>
        </div>
      ))}
    </section>
  );
}

function Sources({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const tSource = enumTranslator(s.locale, "enums.source");
  return (
    <section className="report-section" id="report-sources" aria-labelledby="report-sources-h">
      <h2 id="report-sources-h">7. {t("sources")}</h2>
      <p>{t("sourcesIntro")}</p>
      <p>{t("sourcesAsOf", { date: dateTimeOf(s.dataAsOf, s.locale, t), generated: formatDateTime(s.generatedAt, s.locale) })}</p>
      <ReportTable head={[{ label: t("columns.source") }, { label: t("columns.approvedFacts"), numeric: true }, { label: t("columns.provisionalFacts"), numeric: true }]}>
        {s.sources.facts.map((f) => (
          <tr key={f.source}>
            <th scope="row">{tSource(f.source as "emenscr")}</th>
            <td className="num">{formatNumber(f.approved, s.locale)}</td>
            <td className="num">{formatNumber(f.provisional, s.locale)}</td>
          </tr>
        ))}
      </ReportTable>
      <p>{t("approvedSubmissions", { count: formatNumber(s.sources.approvedSubmissions, s.locale) })}</p>
      <h3>{t("imports")}</h3>
      {s.sources.imports.length === 0 ? (
        <p className="report-empty">{t("noImports")}</p>
      ) : (
        <ReportTable head={[{ label: t("columns.file") }, { label: t("columns.importedAt") }, { label: t("columns.rows"), numeric: true }, { label: t("columns.sha256") }]}>
          {s.sources.imports.map((i) => (
            <tr key={i.id}>
              <td className="report-break">{i.fileName}</td>
              <td>{formatDateTime(i.finishedAt, s.locale)}</td>
              <td className="num">{formatNumber(i.rows, s.locale)}</td>
              <td>
                <code>{i.sha256.slice(0, 16)}…</code>
              </td>
            </tr>
          ))}
        </ReportTable>
      )}
    </section>
  );
}

/** What each measure of the report means: the same words as the "?" beside the figure on screen. */
function Definitions({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  return (
    <section className="report-section" id="report-definitions" aria-labelledby="report-definitions-h">
      <h2 id="report-definitions-h">8. {t("definitions")}</h2>
      <ReportTable head={[{ label: t("columns.measure") }, { label: t("columns.definition") }]}>
        {measureGlossary(s.locale).map((m) => (
          <tr key={m.id}>
            <th scope="row">{m.name}</th>
            <td>{m.definition}</td>
          </tr>
        ))}
      </ReportTable>
    </section>
  );
}

import { STATUS_ICONS } from "@/components/dashboard/status-badge";
import type { Locale } from "@/core/enums";
import { formatFigure, formatPoints } from "@/core/format/figure";
import { formatBaht, formatDate, formatDateTime, formatNumber, formatPercent, formatPeriod, MISSING_VALUE } from "@/core/format/thai";
import { headlineRows } from "@/core/reports/headlines";
import type { CompletenessCounts, ReportSnapshot } from "@/core/reports/snapshot";
import { dateTimeOf, enumTranslator, nameOf, periodLine, reportTranslator, scopeName, type ReportTranslator } from "@/core/reports/text";
import type { Status } from "@/core/scoring";
import { AttainmentChart, PrintReady, ScoreChart } from "./report-charts";

// The printable quarterly report (A4): the same snapshot as the xlsx and CSV, in the report's own
// language whatever the reader's. Tables keep their header on every page (thead repeats in print).

// Long lists are cut in the PDF (it is read, not searched); the Excel and CSV exports list everything.
const MISSING_LIST_LIMIT = 100;
const UNIT_LIST_LIMIT = 60;
const LAGGING_LIST_LIMIT = 60;
const SECTIONS = ["summary", "kpi", "emenscr", "completeness", "lagging", "sources"] as const;

function StatusTag({ status, t }: { status: Status; t: ReportTranslator }) {
  return (
    <span className={`status status--${status}`}>
      <span aria-hidden="true" className="status__icon">
        {STATUS_ICONS[status]}
      </span>
      {t(`status.${status}`)}
    </span>
  );
}

const pct = (value: number | null, locale: Locale) => (value === null ? MISSING_VALUE : formatPercent(value, locale));
const share = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

export function ReportDocument({ snapshot: s }: { snapshot: ReportSnapshot }) {
  const t = reportTranslator(s.locale);
  return (
    <article className="report" lang={s.locale} data-testid="report-document">
      <Cover s={s} t={t} />
      <Summary s={s} t={t} />
      <Kpis s={s} t={t} />
      <Emenscr s={s} t={t} />
      <Completeness s={s} t={t} />
      <Lagging s={s} t={t} />
      <Sources s={s} t={t} />
      <PrintReady />
    </article>
  );
}

function Cover({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  return (
    <header className="report-cover">
      <p className="report-cover__org">{t("org")}</p>
      <h1>{t("title")}</h1>
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
      <nav className="report-contents" aria-label={t("contents")}>
        <h2>{t("contents")}</h2>
        <ol>
          {SECTIONS.map((key) => (
            <li key={key}>
              <a href={`#report-${key}`}>{t(key)}</a>
            </li>
          ))}
        </ol>
      </nav>
    </header>
  );
}

function Summary({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const previous = s.previousPeriod ? formatPeriod(s.previousPeriod, s.locale) : null;
  return (
    <section className="report-section" id="report-summary" aria-labelledby="report-summary-h">
      <h2 id="report-summary-h">1. {t("summary")}</h2>
      <p>{previous ? t("summaryIntro", { period: formatPeriod(s.period.code, s.locale), previous }) : t("summaryIntroNoPrevious", { period: formatPeriod(s.period.code, s.locale) })}</p>
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
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t("columns.component")}</th>
            <th scope="col" className="num">
              {t("columns.score")}
            </th>
            <th scope="col" className="num">
              {t("columns.previousScore")}
            </th>
            <th scope="col">{t("columns.status")}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </section>
  );
}

function Kpis({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const agency = s.scope.kind === "agency";
  return (
    <section className="report-section report-section--break" id="report-kpi" aria-labelledby="report-kpi-h">
      <h2 id="report-kpi-h">2. {t("kpi")}</h2>
      <p>{t("kpiIntro")}</p>
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
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t("columns.code")}</th>
                <th scope="col">{t("columns.indicator")}</th>
                <th scope="col" className="num">
                  {t("columns.actual")}
                </th>
                <th scope="col" className="num">
                  {t("columns.target")}
                </th>
                <th scope="col" className="num">
                  {t("columns.attainment")}
                </th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col" className="num">
                  {t("columns.previous")}
                </th>
                <th scope="col" className="num">
                  {agency ? t("columns.national") : t("columns.reporting")}
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function Emenscr({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const { total, byComponent } = s.emenscr;
  const baht = (value: number) => formatBaht(value, s.locale, { compact: true });
  return (
    <section className="report-section report-section--break" id="report-emenscr" aria-labelledby="report-emenscr-h">
      <h2 id="report-emenscr-h">3. {t("emenscr")}</h2>
      <p>{t("emenscrIntro")}</p>
      {!total ? (
        <p className="report-empty">{t("noEmenscr")}</p>
      ) : (
        <>
          <dl className="report-figures">
            <div>
              <dt>{t("columns.projects")}</dt>
              <dd>{formatNumber(total.projects, s.locale)}</dd>
            </div>
            <div>
              <dt>{t("columns.allocated")}</dt>
              <dd>{baht(total.allocated)}</dd>
            </div>
            <div>
              <dt>{t("columns.disbursed")}</dt>
              <dd>
                {baht(total.disbursed)} ({pct(total.disbursementRate, s.locale)})
              </dd>
            </div>
            <div>
              <dt>{t("columns.physicalProgress")}</dt>
              <dd>{pct(total.physicalProgress, s.locale)}</dd>
            </div>
          </dl>
          {byComponent.length > 0 && (
            <table className="report-table">
              <caption>{t("byComponent")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("columns.component")}</th>
                  <th scope="col" className="num">
                    {t("columns.projects")}
                  </th>
                  <th scope="col" className="num">
                    {t("columns.allocated")}
                  </th>
                  <th scope="col" className="num">
                    {t("columns.disbursementRate")}
                  </th>
                  <th scope="col" className="num">
                    {t("columns.physicalProgress")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {byComponent.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">{nameOf(s.locale, c)}</th>
                    <td className="num">{formatNumber(c.projects, s.locale)}</td>
                    <td className="num">{baht(c.allocated)}</td>
                    <td className="num">{pct(c.disbursementRate, s.locale)}</td>
                    <td className="num">{pct(c.physicalProgress, s.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function CountsTable({ caption, head, rows: all, s, t, limit }: { caption: string; head: string; rows: { key: string; label: string; counts: CompletenessCounts }[]; s: ReportSnapshot; t: ReportTranslator; limit?: number }) {
  if (!all.length) return null;
  const rows = limit ? all.slice(0, limit) : all;
  return (
    <>
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          {(["expected", "submitted", "onTime", "approved", "submittedShare"] as const).map((k) => (
            <th scope="col" className="num" key={k}>
              {t(`columns.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{formatNumber(r.counts.expected, s.locale)}</td>
            <td className="num">{formatNumber(r.counts.submitted, s.locale)}</td>
            <td className="num">{formatNumber(r.counts.onTime, s.locale)}</td>
            <td className="num">{formatNumber(r.counts.approved, s.locale)}</td>
            <td className="num">{pct(share(r.counts.submitted, r.counts.expected), s.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {all.length > rows.length && <p className="muted">{t("moreInExports", { count: formatNumber(all.length - rows.length, s.locale) })}</p>}
    </>
  );
}

function Completeness({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const c = s.completeness;
  const shown = c.missing.slice(0, MISSING_LIST_LIMIT);
  const rowsOf = (list: typeof c.byComponent) => list.map((r) => ({ key: r.code, label: nameOf(s.locale, r), counts: r }));
  return (
    <section className="report-section report-section--break" id="report-completeness" aria-labelledby="report-completeness-h">
      <h2 id="report-completeness-h">4. {t("completeness")}</h2>
      <p>{t("completenessIntro", { due: formatDate(s.period.dueOn, s.locale) })}</p>
      <dl className="report-figures">
        {(["expected", "submitted", "onTime", "approved"] as const).map((k) => (
          <div key={k}>
            <dt>{t(`columns.${k}`)}</dt>
            <dd>
              {formatNumber(c.total[k], s.locale)}
              {k !== "expected" && c.total.expected > 0 && <small> ({pct(share(c.total[k], c.total.expected), s.locale)})</small>}
            </dd>
          </div>
        ))}
      </dl>
      <CountsTable caption={t("byComponent")} head={t("columns.component")} rows={rowsOf(c.byComponent)} s={s} t={t} />
      {c.unitKind && <CountsTable caption={c.unitKind === "ministry" ? t("byMinistry") : t("byAgency")} head={t(`columns.${c.unitKind}`)} rows={rowsOf(c.byUnit)} s={s} t={t} limit={UNIT_LIST_LIMIT} />}
      <h3>{s.overdue ? t("missing") : t("missingNotDue")}</h3>
      {c.missing.length === 0 ? (
        <p className="report-empty">{t("noMissing")}</p>
      ) : (
        <>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t("columns.agency")}</th>
                <th scope="col">{t("columns.component")}</th>
                {s.overdue && (
                  <th scope="col" className="num">
                    {t("columns.daysOverdue")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={`${m.code}:${m.componentCode}`}>
                  <td>
                    {nameOf(s.locale, m)} <span className="muted">({m.code})</span>
                  </td>
                  <td>{s.locale === "en" ? m.componentEn : m.componentTh}</td>
                  {s.overdue && <td className="num">{formatNumber(m.daysOverdue, s.locale)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {c.missing.length > shown.length && <p className="muted">{t("moreInExports", { count: formatNumber(c.missing.length - shown.length, s.locale) })}</p>}
        </>
      )}
    </section>
  );
}

function Lagging({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const tSeverity = enumTranslator(s.locale, "flags.severity");
  const tCase = enumTranslator(s.locale, "flags.caseStatus");
  return (
    <section className="report-section report-section--break" id="report-lagging" aria-labelledby="report-lagging-h">
      <h2 id="report-lagging-h">5. {t("lagging")}</h2>
      <p>{t("laggingIntro")}</p>
      {s.lagging.length === 0 ? (
        <p className="report-empty">{t("noLagging")}</p>
      ) : (
        <table className="report-table">
          <colgroup>
            <col style={{ width: "36%" }} />
            <col style={{ width: "17%" }} />
            <col style={{ width: "29%" }} />
            <col style={{ width: "18%" }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t("columns.agency")}</th>
              <th scope="col">{t("columns.severity")}</th>
              <th scope="col">{t("columns.reasons")}</th>
              <th scope="col">{t("columns.followUp")}</th>
            </tr>
          </thead>
          <tbody>
            {s.lagging.slice(0, LAGGING_LIST_LIMIT).map((a) => (
              <tr key={a.code}>
                <td>
                  {nameOf(s.locale, a)} <span className="muted">({a.code})</span>
                  {(a.ministryTh || a.ministryEn) && <div className="muted">{s.locale === "en" ? a.ministryEn : a.ministryTh}</div>}
                </td>
                <td>
                  <span className={`tag tag--severity-${a.worstSeverity}`}>{tSeverity(a.worstSeverity)}</span>
                  <div className="muted">
                    {t("columns.flags")}: {formatNumber(a.flags, s.locale)}
                  </div>
                </td>
                <td>
                  <ul className="report-reasons">
                    {(s.locale === "en" ? a.reasonsEn : a.reasonsTh).map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  {a.latestCaseStatus ? tCase(a.latestCaseStatus) : t("followUpNone")}
                  {(a.openCases > 0 || a.overdueCases > 0) && <div className="muted">{t("followUpCases", { open: a.openCases, overdue: a.overdueCases })}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.lagging.length > LAGGING_LIST_LIMIT && <p className="muted">{t("moreInExports", { count: formatNumber(s.lagging.length - LAGGING_LIST_LIMIT, s.locale) })}</p>}
    </section>
  );
}

function Sources({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const tSource = enumTranslator(s.locale, "enums.source");
  return (
    <section className="report-section" id="report-sources" aria-labelledby="report-sources-h">
      <h2 id="report-sources-h">6. {t("sources")}</h2>
      <p>{t("sourcesIntro")}</p>
      <p>{t("sourcesAsOf", { date: dateTimeOf(s.dataAsOf, s.locale, t), generated: formatDateTime(s.generatedAt, s.locale) })}</p>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t("columns.source")}</th>
            <th scope="col" className="num">
              {t("columns.approvedFacts")}
            </th>
            <th scope="col" className="num">
              {t("columns.provisionalFacts")}
            </th>
          </tr>
        </thead>
        <tbody>
          {s.sources.facts.map((f) => (
            <tr key={f.source}>
              <th scope="row">{tSource(f.source as "emenscr")}</th>
              <td className="num">{formatNumber(f.approved, s.locale)}</td>
              <td className="num">{formatNumber(f.provisional, s.locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t("approvedSubmissions", { count: formatNumber(s.sources.approvedSubmissions, s.locale) })}</p>
      <h3>{t("imports")}</h3>
      {s.sources.imports.length === 0 ? (
        <p className="report-empty">{t("noImports")}</p>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t("columns.file")}</th>
              <th scope="col">{t("columns.importedAt")}</th>
              <th scope="col" className="num">
                {t("columns.rows")}
              </th>
              <th scope="col">{t("columns.sha256")}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
    </section>
  );
}

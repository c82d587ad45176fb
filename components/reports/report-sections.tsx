import { askCountRows, askRequestRows } from "@/core/reports/asks";
import { formatBaht, formatDate, formatNumber } from "@/core/format/thai";
import type { CompletenessCounts, ReportSnapshot } from "@/core/reports/snapshot";
import { enumTranslator, nameOf, type ReportTranslator } from "@/core/reports/text";
import { LAGGING_LIST_LIMIT, MISSING_LIST_LIMIT, pct, ReportTable, share, UNIT_LIST_LIMIT } from "./report-parts";

// Sections 3 to 6 of the printed report: eMENSCR projects, completeness of submissions, lagging agencies,
// what agencies asked for and what DGA did.

const COUNT_COLUMNS = ["expected", "submitted", "onTime", "approved", "submittedShare"] as const;

export function Emenscr({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const { total, byComponent } = s.emenscr;
  const baht = (value: number) => formatBaht(value, s.locale, { compact: true });
  return (
    // Without imports the section is one sentence: it follows the previous section instead of taking a page.
    <section className={total ? "report-section report-section--break" : "report-section"} id="report-emenscr" aria-labelledby="report-emenscr-h">
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
            <ReportTable caption={t("byComponent")} head={[{ label: t("columns.component") }, { label: t("columns.projects"), numeric: true }, { label: t("columns.allocated"), numeric: true }, { label: t("columns.disbursementRate"), numeric: true }, { label: t("columns.physicalProgress"), numeric: true }]}>
              {byComponent.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{nameOf(s.locale, c)}</th>
                  <td className="num">{formatNumber(c.projects, s.locale)}</td>
                  <td className="num">{baht(c.allocated)}</td>
                  <td className="num">{pct(c.disbursementRate, s.locale)}</td>
                  <td className="num">{pct(c.physicalProgress, s.locale)}</td>
                </tr>
              ))}
            </ReportTable>
          )}
        </>
      )}
    </section>
  );
}

export function CountsTable({ caption, head, rows: all, s, t, limit }: { caption: string; head: string; rows: { key: string; label: string; counts: CompletenessCounts }[]; s: ReportSnapshot; t: ReportTranslator; limit?: number }) {
  if (!all.length) return null;
  const rows = limit ? all.slice(0, limit) : all;
  return (
    <>
    <ReportTable caption={caption} head={[{ label: head }, ...COUNT_COLUMNS.map((k) => ({ label: t(`columns.${k}`), numeric: true }))]}>
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
    </ReportTable>
    {all.length > rows.length && <p className="muted">{t("moreInExports", { count: formatNumber(all.length - rows.length, s.locale) })}</p>}
    </>
  );
}

export function Completeness({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
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
          <ReportTable head={[{ label: t("columns.agency") }, { label: t("columns.component") }, { label: t("columns.daysOverdue"), numeric: true }]}>
            {shown.map((m) => (
              <tr key={`${m.code}:${m.componentCode}`}>
                <td>
                  {nameOf(s.locale, m)} <span className="muted">({m.code})</span>
                </td>
                <td>{s.locale === "en" ? m.componentEn : m.componentTh}</td>
                {s.overdue && <td className="num">{formatNumber(m.daysOverdue, s.locale)}</td>}
              </tr>
            ))}
          </ReportTable>
          {c.missing.length > shown.length && <p className="muted">{t("moreInExports", { count: formatNumber(c.missing.length - shown.length, s.locale) })}</p>}
        </>
      )}
    </section>
  );
}

export function Lagging({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  const tSeverity = enumTranslator(s.locale, "flags.severity");
  const tCase = enumTranslator(s.locale, "flags.caseStatus");
  return (
    <section className="report-section report-section--break" id="report-lagging" aria-labelledby="report-lagging-h">
      <h2 id="report-lagging-h">5. {t("lagging")}</h2>
      <p>{t("laggingIntro")}</p>
      {s.lagging.length === 0 ? (
        <p className="report-empty">{t("noLagging")}</p>
      ) : (
        <ReportTable widths={["36%", "17%", "29%", "18%"]} head={[{ label: t("columns.agency") }, { label: t("columns.severity") }, { label: t("columns.reasons") }, { label: t("columns.followUp") }]}>
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
        </ReportTable>
      )}
      {s.lagging.length > LAGGING_LIST_LIMIT && <p className="muted">{t("moreInExports", { count: formatNumber(s.lagging.length - LAGGING_LIST_LIMIT, s.locale) })}</p>}
    </section>
  );
}

/** 6. What agencies asked for and what DGA did: counts by tag and component, then the requests. */
export function Asks({ s, t }: { s: ReportSnapshot; t: ReportTranslator }) {
  if (!s.asks) return null;
  const counts = askCountRows(s, s.asks, t);
  const requests = askRequestRows(s, s.asks);
  const n = (v: number | null) => (v === null ? "–" : formatNumber(v, s.locale));
  return (
    <section className="report-section report-section--break" id="report-asks" aria-labelledby="report-asks-h">
      <h2 id="report-asks-h">6. {t("asks")}</h2>
      <p>{t("asksIntro")}</p>
      <ReportTable widths={["16%", "48%", "12%", "12%", "12%"]} head={[{ label: t("columns.section") }, { label: t("columns.item") }, { label: t("columns.asks"), numeric: true }, { label: t("columns.routed"), numeric: true }, { label: t("columns.answered"), numeric: true }]}>
        {counts.map((r) => (
          <tr key={`${r.kind}-${r.code}`} data-ask-row={`${r.kind}:${r.code}`}>
            <td>{t(`asksKinds.${r.kind}`)}</td>
            <td>{r.name}</td>
            <td className="num">{n(r.asks)}</td>
            <td className="num">{n(r.routed)}</td>
            <td className="num">{n(r.answered)}</td>
          </tr>
        ))}
      </ReportTable>
      <h3>{t("asksRequests")}</h3>
      {requests.length === 0 ? (
        <p className="report-empty">{t("noRequests")}</p>
      ) : (
        <ReportTable widths={["22%", "30%", "18%", "30%"]} head={[{ label: t("columns.agency") }, { label: t("columns.asked") }, { label: t("columns.supportUnit") }, { label: t("columns.answer") }]}>
          {requests.map((r, i) => (
            <tr key={`${r.agencyCode}-${i}`}>
              <td>
                {r.agency} <span className="muted">({r.agencyCode})</span>
                <div className="muted">{r.component}</div>
              </td>
              <td>
                {r.asked}
                <div className="muted">
                  {r.source}
                  {r.tags && ` · ${r.tags}`}
                </div>
              </td>
              <td>
                {r.unit}
                <div className="muted">{r.status}</div>
              </td>
              <td>{r.answer || "–"}</td>
            </tr>
          ))}
        </ReportTable>
      )}
    </section>
  );
}

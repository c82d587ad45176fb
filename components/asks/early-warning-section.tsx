import { getTranslations } from "next-intl/server";
import type { Locale } from "@/core/enums";
import { formatBaht, formatDate, formatNumber, formatPercent, formatPeriod } from "@/core/format/thai";
import type { EarlyWarnings } from "@/db/queries/early-warning";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** The profile's early warning: projected year-end disbursement and projects ending this year far behind. */
export async function EarlyWarningSection({ warnings, locale }: { warnings: EarlyWarnings; locale: Locale }) {
  const [t, tModel] = await Promise.all([getTranslations("earlyWarning"), getTranslations("earlyWarning.models")]);
  const agency = warnings.agencies[0];
  const percent = (v: number | null) => (v === null ? "–" : formatPercent(v, locale, { fractionDigits: 1 }));
  return (
    <section className="section" id="early-warning" aria-labelledby="early-warning-heading">
      <h2 id="early-warning-heading">
        {t("heading")} <span className="tag tag--projection">{t("projectionTag")}</span>
      </h2>
      <p className="muted">{t("intro", { period: formatPeriod(warnings.period.code, locale, "short"), target: formatNumber(warnings.annualTarget, locale) })}</p>
      {!agency ? (
        <p className="card muted">{t("noProjects")}</p>
      ) : (
        <div className="card">
          <dl className="facts">
            <dt>{t("disbursedSoFar")}</dt>
            <dd>
              {formatBaht(agency.disbursed, locale)} ({percent(agency.budget > 0 ? (agency.disbursed / agency.budget) * 100 : null)})
            </dd>
            <dt>{t("projectedYearEnd")}</dt>
            <dd>
              <strong>
                {formatBaht(agency.projected, locale)} ({percent(agency.projectedPercent)})
              </strong>{" "}
              {agency.shortfall !== null && agency.shortfall > 0 ? (
                <span className="tag tag--warning">{t("short", { points: formatNumber(agency.shortfall, locale, { maximumFractionDigits: 1 }) })}</span>
              ) : agency.shortfall !== null ? (
                <span className="tag tag--ok">{t("onTrack")}</span>
              ) : null}
            </dd>
            <dt>{t("model")}</dt>
            <dd>{tModel(agency.model)}</dd>
          </dl>
        </div>
      )}
      {warnings.projectsShort.length > 0 && (
        <ScrollRegion label={t("projectsShort")}>
          <table className="data">
            <caption>{t("projectsShort")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("project")}</th>
                <th scope="col" className="num">{t("budget")}</th>
                <th scope="col" className="num">{t("disbursed")}</th>
                <th scope="col" className="num">{t("projected")}</th>
                <th scope="col">{t("model")}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.projectsShort.map((p) => (
                <tr key={p.projectCode}>
                  <th scope="row">
                    <code>{p.projectCode}</code> {p.name}
                  </th>
                  <td className="num">{p.budget === null ? "–" : formatBaht(p.budget, locale)}</td>
                  <td className="num">{formatBaht(p.disbursed, locale)}</td>
                  <td className="num">{percent(p.projectedPercent)}</td>
                  <td>{tModel(p.model)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {warnings.endingBehind.length > 0 && (
        <ScrollRegion label={t("endingBehind")}>
          <table className="data">
            <caption>{t("endingBehind")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("project")}</th>
                <th scope="col">{t("endsOn")}</th>
                <th scope="col" className="num">{t("progress")}</th>
                <th scope="col" className="num">{t("expected")}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.endingBehind.map((p) => (
                <tr key={p.projectCode}>
                  <th scope="row">
                    <code>{p.projectCode}</code> {p.name}
                  </th>
                  <td>{formatDate(p.endsOn, locale)}</td>
                  <td className="num">{percent(p.progress)}</td>
                  <td className="num">{percent(p.expected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

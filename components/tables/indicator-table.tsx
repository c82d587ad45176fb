import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { IndicatorWithTargets } from "@/db/queries/indicators";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { formatNumber } from "@/core/format/thai";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** Indicators with their four quarterly national targets, each linked to its dictionary entry; on the indicator list and component pages. */
export async function IndicatorTable({ rows, caption, showComponent = false }: { rows: IndicatorWithTargets[]; caption: string; showComponent?: boolean }) {
  const [t, tDir, tSource, locale] = await Promise.all([
    getTranslations("indicators"),
    getTranslations("enums.direction"),
    getTranslations("enums.source"),
    getLocale().then(toLocale),
  ]);
  const target = (value: string | null) => (value == null ? "–" : formatNumber(Number(value), locale, { maximumFractionDigits: 2 }));
  return (
    <ScrollRegion>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("code")}</th>
            <th scope="col">{t("name")}</th>
            {showComponent && <th scope="col">{t("component")}</th>}
            <th scope="col">{t("unit")}</th>
            <th scope="col">{t("direction")}</th>
            <th scope="col">{t("source")}</th>
            {[1, 2, 3, 4].map((q) => (
              <th scope="col" className="num" key={q}>
                {t("target", { quarter: q })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <code>{row.code}</code>
              </td>
              <td>
                <Link href={`/indicators/${encodeURIComponent(row.code)}`}>
                  <strong>{pickName(locale, row)}</strong>
                </Link>
                <br />
                <span className="muted" style={{ fontSize: "0.88rem" }}>
                  {pick(locale, row.definitionTh, row.definitionEn)}
                </span>
              </td>
              {showComponent && <td>{pick(locale, row.componentNameTh, row.componentNameEn)}</td>}
              <td>{pick(locale, row.unitTh, row.unitEn)}</td>
              <td>{tDir(row.direction)}</td>
              <td>{tSource(row.source)}</td>
              {row.targets.map((value, q) => (
                <td className="num" key={q}>
                  {target(value)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { DictionaryEntry } from "@/db/queries/catalogue";
import type { Locale } from "@/core/enums";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { pick } from "@/i18n/pick";

/** An indicator's dictionary entry: formula, baseline, data owner, frequency, source, thresholds, platform and definition history. */
export async function IndicatorDictionaryEntry({ entry: { indicator: i, ...e }, locale }: { entry: DictionaryEntry; locale: Locale }) {
  const [t, tFreq, tDir, tAgg] = await Promise.all([
    getTranslations("catalogue"),
    getTranslations("enums.frequency"),
    getTranslations("enums.direction"),
    getTranslations("enums.aggregation"),
  ]);
  const orNot = (value: string | null | undefined) => (value ? value : <span className="muted">{t("notGiven")}</span>);
  return (
    <>
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
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentsWithCounts } from "@/db/queries/ecosystem";
import { getDefaultReportingPeriod, listPeriods } from "@/db/queries/indicators";
import { listTargetsForEditor } from "@/db/queries/targets";
import { requirePermission } from "@/lib/auth/session";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { firstSearchParam } from "@/core/http/search-params";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { AddAgencyTargetForm, TargetValueForm } from "@/components/admin/target-forms";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("targets"))("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const show = (value: string | null) => (value === null ? "" : String(Number(value)));

export default async function TargetsPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePermission("admin.templates");
  const sp = await searchParams;
  const [t, locale, periodRows, componentRows] = await Promise.all([getTranslations("targets"), getLocale().then(toLocale), listPeriods(), listComponentsWithCounts()]);
  const periodCode = firstSearchParam(sp.period) ?? (await getDefaultReportingPeriod(todayInBangkok()))?.code;
  const period = periodRows.find((p) => p.code === periodCode);
  const componentCode = firstSearchParam(sp.component) ?? componentRows[0]?.code;
  if (!period || !componentCode || !componentRows.some((c) => c.code === componentCode)) notFound();
  const data = await listTargetsForEditor(actor, period.id, componentCode);
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        actions={
          <form method="get" className="filters" aria-label={t("filters")}>
            <div className="field">
              <label htmlFor="tg-period">{t("period")}</label>
              <select id="tg-period" name="period" defaultValue={period.code}>
                {periodRows.map((p) => (
                  <option key={p.code} value={p.code}>
                    {formatPeriod(p.code, locale)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tg-component">{t("component")}</label>
              <select id="tg-component" name="component" defaultValue={componentCode}>
                {componentRows.map((c) => (
                  <option key={c.code} value={c.code}>
                    {pickName(locale, c)}
                  </option>
                ))}
              </select>
            </div>
            <button className="btn" type="submit">
              {t("show")}
            </button>
          </form>
        }
      >
        <p>
          <Link href="/admin/targets/import">{t("importLink")}</Link>
        </p>
      </PageHeader>
      {data.indicators.length === 0 && <p className="card empty">{t("none")}</p>}
      {data.indicators.map((row) => (
        <IndicatorTargets key={row.indicator.id} row={row} periodCode={period.code} componentCode={componentCode} locale={locale} />
      ))}
    </div>
  );
}

type TargetRow = Awaited<ReturnType<typeof listTargetsForEditor>>["indicators"][number];

/** One indicator's national target and its agencies' own targets, each editable. */
async function IndicatorTargets({ row, periodCode, componentCode, locale }: { row: TargetRow; periodCode: string; componentCode: string; locale: Locale }) {
  const [t, tType] = await Promise.all([getTranslations("targets"), getTranslations("enums.valueType")]);
  const { indicator, national, agencies } = row;
  const unit = indicator.valueType === "percent" ? "%" : pick(locale, indicator.unitTh, indicator.unitEn);
  const name = `${indicator.code} ${pickName(locale, indicator)}`;
  return (
    <section className="card section" aria-labelledby={`tg-${indicator.code}`}>
      <h2 id={`tg-${indicator.code}`}>
        <span className="tag">{indicator.code}</span> {pickName(locale, indicator)}
      </h2>
      <p className="field-hint">
        {tType(indicator.valueType)} · {t(`direction.${indicator.direction}`)}
      </p>
      {indicator.valueType === "text" ? (
        <p className="muted">{t("textIndicator")}</p>
      ) : (
        <>
          <div className="admin-inline">
            <strong>{t("national")}</strong>
            <TargetValueForm indicatorCode={indicator.code} periodCode={periodCode} value={show(national)} label={t("nationalFor", { indicator: name })} unit={unit} />
          </div>
          <h3>{t("agencyTargets")}</h3>
          {agencies.length ? (
            <ul className="plain">
              {agencies.map((a) => (
                <li key={a.code} className="admin-inline">
                  <span>
                    <code>{a.code}</code> {pickName(locale, a)}
                  </span>
                  <TargetValueForm indicatorCode={indicator.code} periodCode={periodCode} agencyCode={a.code} value={show(a.value)} label={t("agencyFor", { indicator: name, agency: a.code })} unit={unit} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("noAgencyTargets", { national: national === null ? "–" : formatNumber(Number(national), locale) })}</p>
          )}
          <AddAgencyTargetForm indicatorCode={indicator.code} periodCode={periodCode} componentCode={componentCode} unit={unit} />
        </>
      )}
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listTemplatesWithItems } from "@/db/queries/templates";
import { requirePermission } from "@/lib/auth/session";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { AddItemForm, ItemBoundsForm, ItemToggle } from "@/components/admin/template-forms";
import { formatNumber } from "@/core/format/thai";
import type { Locale } from "@/core/enums";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { firstSearchParam } from "@/core/http/search-params";
import { listPeriods } from "@/db/queries/indicators";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatDate, formatPeriod } from "@/core/format/thai";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("templatesTitle") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * One component's template at a time (`?component=`, the first by default), as it stands for one quarter
 * (`?quarter=`, the first not yet open by default): a change applies from that quarter on, and only a
 * quarter not yet open can be changed (its forms are not being filled in).
 */
export default async function TemplatesPage({ searchParams }: { searchParams: Search }) {
  await requirePermission("admin.templates");
  const [t, tType, locale, allPeriods, sp] = await Promise.all([
    getTranslations("masterData"),
    getTranslations("enums.valueType"),
    getLocale().then(toLocale),
    listPeriods(),
    searchParams,
  ]);
  const requested = firstSearchParam(sp.component);
  const today = todayInBangkok();
  const upcoming = allPeriods.filter((p) => p.startsOn > today);
  const started = allPeriods.filter((p) => p.startsOn <= today);
  const quarter = allPeriods.find((p) => p.code === firstSearchParam(sp.quarter)) ?? upcoming[0] ?? started.at(-1);
  const editable = !!quarter && quarter.startsOn > today;
  const all = quarter ? await listTemplatesWithItems(quarter.id) : [];
  const shown = all.find((d) => d.component.code === requested) ?? all[0];
  const data = shown ? [shown] : [];
  const quarterChoices = [...started.slice(-1), ...upcoming];
  return (
    <div className="page">
      <PageHeader
        title={t("templatesTitle")}
        intro={t("templatesIntro")}
      >
        <p>
          <Link href="/admin/targets">{t("targetsLink")}</Link>
        </p>
      </PageHeader>
      <nav className="section-tabs" aria-label={t("templatesComponents")}>
        <ul>
          {all.map(({ component }) => (
            <li key={component.code}>
              <Link href={`/admin/templates?component=${component.code}${quarter ? `&quarter=${quarter.code}` : ""}`} aria-current={component.code === shown?.component.code ? "page" : undefined}>
                {component.ordinal}. {pickName(locale, component)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="admin-inline" method="get" action="/admin/templates">
        {shown && <input type="hidden" name="component" value={shown.component.code} />}
        <label htmlFor="tpl-quarter">{t("templateQuarter")}</label>
        <select id="tpl-quarter" name="quarter" defaultValue={quarter?.code}>
          {quarterChoices.map((p) => (
            <option key={p.code} value={p.code}>
              {formatPeriod(p.code, locale)}
              {p.startsOn > today ? ` · ${t("opensOn", { date: formatDate(p.startsOn, locale) })}` : ""}
            </option>
          ))}
        </select>
        <button className="btn btn--secondary btn--small">{t("show")}</button>
      </form>
      {quarter && !editable && (
        <p className="notice" role="status">
          {upcoming.length ? t("templateQuarterOpen", { period: formatPeriod(quarter.code, locale) }) : t("templateNoUpcoming")} <Link href="/admin/periods">{t("periodsTitle")}</Link>
        </p>
      )}
      {data.map(({ component, template, items, versions, availableIndicators }) => (
        <section className="section card" key={component.code} aria-labelledby={`tpl-${component.code}`}>
          <h2 id={`tpl-${component.code}`}>{pickName(locale, component)}</h2>
          {template && (
            <p className="muted">
              {t("templateVersion", { version: template.version })} · {t("templateHistory")}{" "}
              {versions
                .map((v) => t("templateVersionFrom", { version: v.version, period: v.fromPeriod ? formatPeriod(v.fromPeriod, locale) : t("fromStart") }))
                .join(", ")}
            </p>
          )}
          {editable && <p>{t("templateChangeFrom", { period: formatPeriod(quarter.code, locale) })}</p>}
          <TableFrame head={[{ label: t("code") }, { label: t("itemName") }, { label: t("answerType") }, { label: t("plausibleRange") }, { label: t("required") }, { label: t("itemStatus") }]}>
            {items.map(({ item, indicator }) => (
              <tr key={item.id} className={item.active ? "" : "muted"}>
                <td>
                  <code>{item.code}</code>
                </td>
                <td>{indicator ? pickName(locale, indicator) : pick(locale, item.questionTh ?? item.code, item.questionEn)}</td>
                <td>{tType(item.answerType)}</td>
                <td>
                  {item.answerType === "number" || item.answerType === "percent" ? (
                    editable ? (
                      <ItemBoundsForm itemId={item.id} code={item.code} fromPeriod={quarter.code} min={item.plausibleMin} max={item.plausibleMax} />
                    ) : (
                      plausibleRangeText(item.plausibleMin, item.plausibleMax, locale, t("plausibleRangeNone"))
                    )
                  ) : (
                    "–"
                  )}
                </td>
                <td>
                  {item.required ? t("yes") : t("no")} {editable && <ItemToggle itemId={item.id} fromPeriod={quarter.code} field="required" value={item.required} label={item.required ? t("makeOptional") : t("makeRequired")} />}
                </td>
                <td>
                  {item.active ? t("active") : t("inactive")} {editable && <ItemToggle itemId={item.id} fromPeriod={quarter.code} field="active" value={item.active} label={item.active ? t("deactivate") : t("activate")} />}
                </td>
              </tr>
            ))}
          </TableFrame>
          {editable && <AddItemForm componentCode={component.code} fromPeriod={quarter.code} indicators={availableIndicators.map((i) => ({ code: i.code, label: `${i.code} ${pickName(locale, i)}` }))} />}
        </section>
      ))}
    </div>
  );
}

/** "0 – 100", "≥ 0", "≤ 5,000", or the words for no range (the rule against the target applies). */
function plausibleRangeText(min: string | null, max: string | null, locale: Locale, none: string): string {
  const show = (value: string) => formatNumber(Number(value), locale);
  if (min !== null && max !== null) return `${show(min)} – ${show(max)}`;
  if (min !== null) return `≥ ${show(min)}`;
  if (max !== null) return `≤ ${show(max)}`;
  return none;
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { countAsks, listAskComponents, listAskTags, listAsks, listDgaUnits, type AskCount, type AskFilters } from "@/db/queries/asks";
import { getDefaultReportingPeriod, listPeriods } from "@/db/queries/indicators";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { SUPPORT_REQUEST_STATUSES } from "@/core/asks/enums";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { formatNumber, formatPeriod } from "@/core/format/thai";
import { firstSearchParam, pageParam } from "@/core/http/search-params";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import type { Locale } from "@/core/enums";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { AskList } from "@/components/asks/ask-list";
import { AskActions } from "@/components/asks/ask-actions";

const PAGE_SIZE = 20;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("asks"))("title") };
}

/** What agencies ask DGA for: counts by component, ministry and tag, and the asks to tag, route and answer. */
export default async function AsksPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePermission("asks.view");
  const sp = await searchParams;
  const [t, tStatus, locale, periods, components, tags, units] = await Promise.all([
    getTranslations("asks"),
    getTranslations("asks.status"),
    getLocale().then(toLocale),
    listPeriods(),
    listAskComponents(),
    listAskTags(),
    listDgaUnits(),
  ]);
  const periodCode = firstSearchParam(sp.period) ?? (await getDefaultReportingPeriod(todayInBangkok()))?.code ?? periods.at(-1)?.code;
  const period = periods.find((p) => p.code === periodCode) ?? periods.at(-1);
  const pick1 = (name: string, allowed: readonly string[]) => {
    const v = firstSearchParam(sp[name]);
    return v && allowed.includes(v) ? v : undefined;
  };
  const filters: AskFilters = {
    periodIds: period ? [period.id] : [],
    componentCode: pick1("component", components.map((c) => c.code)),
    tag: pick1("tag", [...tags.map((x) => x.code), "unconfirmed"]),
    status: pick1("status", [...SUPPORT_REQUEST_STATUSES, "none"]) as AskFilters["status"],
    unitCode: pick1("unit", units.map((u) => u.code)),
  };
  const page = pageParam(sp.page);
  const [counts, list] = await Promise.all([countAsks(actor, filters), listAsks(actor, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })]);
  const hrefFor = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ period: period?.code, component: filters.componentCode, tag: filters.tag, status: filters.status, unit: filters.unitCode })) if (v) params.set(k, v);
    if (p > 1) params.set("page", String(p));
    return `/asks?${params.toString()}`;
  };
  const manage = can(actor, "asks.manage");
  const activeTags = tags.filter((x) => x.active);
  const tagChoices = activeTags.map((x) => ({ code: x.code, label: pick(locale, x.nameTh, x.nameEn) }));
  const unitChoices = units.filter((u) => u.active).map((u) => ({ code: u.code, label: pick(locale, u.nameTh, u.nameEn) }));
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <form method="get" action="/asks" className="card filter-form" aria-label={t("filters")}>
        <div className="grid admin-grid">
          <Select name="period" label={t("period")} value={period?.code} options={periods.map((p) => ({ value: p.code, label: formatPeriod(p.code, locale, "short") }))} />
          <Select name="component" label={t("component")} value={filters.componentCode} all={t("all")} options={components.map((c) => ({ value: c.code, label: pick(locale, c.nameTh, c.nameEn) }))} />
          <Select name="tag" label={t("tag")} value={filters.tag} all={t("all")} options={[...tags.map((x) => ({ value: x.code, label: pick(locale, x.nameTh, x.nameEn) })), { value: "unconfirmed", label: t("unconfirmed") }]} />
          <Select name="status" label={t("requestStatus")} value={filters.status} all={t("all")} options={[{ value: "none", label: t("notRouted") }, ...SUPPORT_REQUEST_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))]} />
          <Select name="unit" label={t("unit")} value={filters.unitCode} all={t("all")} options={units.map((u) => ({ value: u.code, label: pick(locale, u.nameTh, u.nameEn) }))} />
        </div>
        <button type="submit" className="btn btn--secondary">
          {t("apply")}
        </button>
      </form>
      <section className="section" aria-labelledby="asks-counts">
        <h2 id="asks-counts">{t("countsHeading")}</h2>
        <p>{t("totals", { asks: counts.total.asks, routed: counts.total.routed, answered: counts.total.answered, unconfirmed: counts.unconfirmed })}</p>
        <div className="two-col">
          <CountTable caption={t("byComponent")} rows={counts.byComponent} locale={locale} labels={{ name: t("component"), asks: t("asksCount"), routed: t("routedCount"), answered: t("answeredCount"), none: t("noComponent") }} />
          <section className="card" aria-labelledby="asks-by-tag">
            <h3 id="asks-by-tag">{t("byTag")}</h3>
            <ScrollRegion label={t("byTag")}>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t("tag")}</th>
                    <th scope="col" className="num">{t("asksCount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {counts.byTag.map((row) => (
                    <tr key={row.code}>
                      <th scope="row">{pick(locale, row.nameTh, row.nameEn)}</th>
                      <td className="num">{formatNumber(row.asks, locale)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t("unconfirmed")}</th>
                    <td className="num">{formatNumber(counts.unconfirmed, locale)}</td>
                  </tr>
                </tbody>
              </table>
            </ScrollRegion>
          </section>
        </div>
        <CountTable caption={t("byMinistry")} rows={counts.byMinistry.slice(0, 15)} locale={locale} labels={{ name: t("ministry"), asks: t("asksCount"), routed: t("routedCount"), answered: t("answeredCount"), none: "–" }} />
      </section>
      <section className="section" aria-labelledby="asks-list">
        <h2 id="asks-list">{t("listHeading", { count: list.total })}</h2>
        {list.rows.length ? (
          <AskList
            rows={list.rows}
            tags={activeTags}
            locale={locale}
            showAgency
            actions={manage ? (ask, shownTags) => <AskActions ask={ask} shownTags={shownTags} tags={tagChoices} units={unitChoices} /> : undefined}
          />
        ) : (
          <p className="card muted">{t("empty")}</p>
        )}
        <Pager page={page} pageSize={PAGE_SIZE} total={list.total} hrefFor={hrefFor} label={t("listHeading", { count: list.total })} />
      </section>
    </div>
  );
}

function Select({ name, label, value, options, all }: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[]; all?: string }) {
  return (
    <div className="field">
      <label htmlFor={`asks-${name}`}>{label}</label>
      <select id={`asks-${name}`} name={name} defaultValue={value ?? ""}>
        {all && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function CountTable({ caption, rows, locale, labels }: { caption: string; rows: AskCount[]; locale: Locale; labels: { name: string; asks: string; routed: string; answered: string; none: string } }) {
  return (
    <section className="card">
      <ScrollRegion label={caption}>
        <table className="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              <th scope="col" className="num">{labels.asks}</th>
              <th scope="col" className="num">{labels.routed}</th>
              <th scope="col" className="num">{labels.answered}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code ?? "none"}>
                <th scope="row">{row.nameTh ? pick(locale, row.nameTh, row.nameEn) : labels.none}</th>
                <td className="num">{formatNumber(row.asks, locale)}</td>
                <td className="num">{formatNumber(row.routed, locale)}</td>
                <td className="num">{formatNumber(row.answered, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

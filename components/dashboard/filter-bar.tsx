import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { DashboardFilterOptions, DashboardScope } from "@/lib/facts/read/context";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import type { DashboardFilters } from "@/core/dashboard/filters";
import { formatPeriod } from "@/core/format/thai";

type FilterName = "period" | "ministry" | "type" | "component";

/**
 * The filter bar: a plain GET form, so the URL is the state (bookmarkable, shareable) and it works
 * before any JavaScript has loaded. Agency roles get no ministry or type filter (national only).
 */
export async function FilterBar({
  options,
  filters,
  scope,
  show = ["period", "ministry", "type", "component"],
  action,
}: {
  options: DashboardFilterOptions;
  filters: DashboardFilters;
  scope: DashboardScope;
  show?: FilterName[];
  action: string;
}) {
  const [t, tType, locale] = await Promise.all([getTranslations("dashboard.filters"), getTranslations("enums.agencyType"), getLocale().then(toLocale)]);
  const visible = (name: FilterName) => show.includes(name) && (name === "period" || name === "component" || !scope.restricted);
  return (
    <>
      <form className="filters" method="get" action={action} aria-label={t("label")}>
        {visible("period") && (
          <div className="field">
            <label htmlFor="f-period">{t("period")}</label>
            <select id="f-period" name="period" defaultValue={filters.period ?? ""}>
              {[...options.periods].reverse().map((code) => (
                <option key={code} value={code}>
                  {formatPeriod(code, locale, "short")}
                </option>
              ))}
            </select>
          </div>
        )}
        {visible("ministry") && (
          <div className="field">
            <label htmlFor="f-ministry">{t("ministry")}</label>
            <select id="f-ministry" name="ministry" defaultValue={filters.ministry ?? ""}>
              <option value="">{t("allMinistries")}</option>
              {options.ministries.map((m) => (
                <option key={m.code} value={m.code}>
                  {pickName(locale, m)}
                </option>
              ))}
            </select>
          </div>
        )}
        {visible("type") && (
          <div className="field">
            <label htmlFor="f-type">{t("type")}</label>
            <select id="f-type" name="type" defaultValue={filters.type ?? ""}>
              <option value="">{t("allTypes")}</option>
              {options.types.map((type) => (
                <option key={type} value={type}>
                  {tType(type)}
                </option>
              ))}
            </select>
          </div>
        )}
        {visible("component") && (
          <div className="field">
            <label htmlFor="f-component">{t("component")}</label>
            <select id="f-component" name="component" defaultValue={filters.component ?? ""}>
              <option value="">{t("allComponents")}</option>
              {options.components.map((c) => (
                <option key={c.code} value={c.code}>
                  {pickName(locale, c)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="btn">
          {t("apply")}
        </button>
        <Link href={action} className="btn btn--secondary">
          {t("reset")}
        </Link>
      </form>
      {scope.restricted && (
        <p className="alert alert--info" role="note">
          {t("restricted")}
        </p>
      )}
      {scope.ignored.length > 0 && (
        <p className="alert alert--warn" role="status">
          {t("ignored", { names: scope.ignored.map((name) => t(name as FilterName)).join(", ") })}
        </p>
      )}
    </>
  );
}

import { getLocale, getTranslations } from "next-intl/server";
import { Pager } from "@/components/ui/pager";
import { hrefWithParam } from "@/core/http/search-params";
import type { EmenscrProjectPage } from "@/lib/facts/read/emenscr-projects";
import { toLocale } from "@/i18n/locale";
import { pick } from "@/i18n/pick";
import { formatBaht, formatNumber, formatPercent, MISSING_VALUE } from "@/core/format/thai";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const PROJECT_PAGE_PARAM = "projects";

/**
 * The projects behind the eMENSCR panel, a page at a time. Paging keeps the page's other URL parameters
 * (period, ministry…) so a paged view stays shareable.
 */
export async function EmenscrProjects({
  data,
  basePath,
  searchParams,
  restricted,
}: {
  data: EmenscrProjectPage;
  basePath: string;
  searchParams: Record<string, string | string[] | undefined>;
  restricted?: boolean;
}) {
  if (data.total === 0) return null;
  const [t, locale] = await Promise.all([getTranslations("dashboard.emenscr.list"), getLocale().then(toLocale)]);
  const hrefFor = (page: number) => hrefWithParam(basePath, searchParams, PROJECT_PAGE_PARAM, page > 1 ? String(page) : null, "#emenscr-projects");
  const from = (data.page - 1) * data.pageSize + 1;
  const to = Math.min(data.total, data.page * data.pageSize);
  return (
    <div id="emenscr-projects" className="emenscr-projects">
      <p className="muted">
        {t("range", { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(data.total, locale) })}
        {restricted && ` · ${t("ownOnly")}`}
      </p>
      <ScrollRegion>
        <table className="data" data-testid="emenscr-projects">
          <caption className="visually-hidden">{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("code")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("agency")}</th>
              <th scope="col" className="num">
                {t("budget")}
              </th>
              <th scope="col" className="num">
                {t("disbursed")}
              </th>
              <th scope="col" className="num">
                {t("progress")}
              </th>
              <th scope="col">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((p) => (
              <tr key={p.code}>
                <td>
                  <code>{p.code}</code>
                </td>
                <td>{p.name}</td>
                <td>{p.agencyNameTh ? pick(locale, p.agencyNameTh, p.agencyNameEn) : MISSING_VALUE}</td>
                <td className="num">{p.budget === null ? MISSING_VALUE : formatBaht(p.budget, locale, { compact: true })}</td>
                <td className="num">
                  {p.disbursed === null ? MISSING_VALUE : formatBaht(p.disbursed, locale, { compact: true })}
                  {p.disbursedShare !== null && <span className="muted"> ({formatPercent(p.disbursedShare, locale)})</span>}
                </td>
                <td className="num">{p.physicalProgress === null ? MISSING_VALUE : formatPercent(p.physicalProgress, locale)}</td>
                <td>{t(`statuses.${p.status ?? "unknown"}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Pager page={data.page} pageSize={data.pageSize} total={data.total} hrefFor={hrefFor} label={t("pages")} />
    </div>
  );
}

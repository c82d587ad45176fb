import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ComponentWithCounts } from "@/db/queries/ecosystem";
import { pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { formatNumber } from "@/core/format/thai";
import type { ComponentOverview } from "@/lib/facts/read/overview";
import { StatusBadge } from "@/components/dashboard/status-badge";

export type ComponentStatus = Pick<ComponentOverview, "status">;

/**
 * The ecosystem as the seed draws it: the value chain left to right, the four enablers beneath,
 * each a link to its component page. Counts are live from the database. With `statuses` (the
 * dashboard's component scores for a period) each card carries its status colour and shape; the
 * description and the reason are on the component page and on the overview's tile, not repeated here.
 */
export async function EcosystemMap({
  items,
  statuses,
  linkSuffix = "",
  flagCounts,
}: {
  items: ComponentWithCounts[];
  statuses?: Map<string, ComponentStatus>;
  /** Query string kept on the links (the dashboard's filters). */
  linkSuffix?: string;
  /** Agencies with open lagging flags per component (lib/flags), when the reader may see flags. */
  flagCounts?: Map<string, { agencies: number; flags: number }>;
}) {
  const [t, locale] = await Promise.all([getTranslations("home"), getLocale()]);
  const loc = toLocale(locale);
  const chain = items.filter((c) => c.group === "value_chain");
  const enablers = items.filter((c) => c.group === "enabler");
  const card = (c: ComponentWithCounts) => {
    const status = statuses?.get(c.code);
    return (
    <li key={c.code} style={{ listStyle: "none" }}>
      <Link href={`/components/${c.code}${linkSuffix}`} className={`eco-card eco-card--${c.code}${status ? ` eco-card--status-${status.status}` : ""}`}>
        <span className="eco-card__num">{t("componentNumber", { n: c.ordinal })}</span>
        <h3 className="eco-card__title">{pickName(locale, c)}</h3>
        <ul className="eco-card__counts">
          <li>
            <strong>{formatNumber(c.agencyCount, loc)}</strong> {t("agencies")}
          </li>
          <li>
            <strong>{formatNumber(c.indicatorCount, loc)}</strong> {t("indicators")}
          </li>
          <li>
            <strong>{formatNumber(c.serviceCount, loc)}</strong> {t("services")}
          </li>
          {flagCounts && (
            <li>
              <strong>{formatNumber(flagCounts.get(c.code)?.agencies ?? 0, loc)}</strong> {t("flaggedAgencies")}
            </li>
          )}
        </ul>
        {status && (
          <p className="eco-card__status">
            <StatusBadge status={status.status} />
          </p>
        )}
      </Link>
    </li>
    );
  };
  return (
    <section className="eco" aria-label={t("mapLabel")}>
      <div>
        <h2 className="eco__label">{t("valueChain")}</h2>
        <ol className="eco__chain" style={{ padding: 0, margin: 0 }}>
          {chain.map(card)}
        </ol>
      </div>
      <div>
        <h2 className="eco__label">{t("enablers")}</h2>
        <ul className="eco__enablers" style={{ padding: 0, margin: 0 }}>
          {enablers.map(card)}
        </ul>
      </div>
    </section>
  );
}

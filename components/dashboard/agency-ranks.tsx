import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { KpiCard } from "./kpi-cards";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { formatNumber } from "@/core/format/thai";
import { formatFigure } from "@/core/format/figure";

/** Best and worst agencies by attainment; agency roles see only their own position. */
export function AgencyRanks({ indicator, restricted }: { indicator: KpiCard; restricted: boolean }) {
  const t = useTranslations("dashboard");
  const locale = toLocale(useLocale());
  if (restricted) {
    const own = indicator.own;
    return (
      <p className="small">
        {own && own.attainment !== null
          ? t("component.own", { value: formatFigure(own.value, indicator, locale), status: t(`status.${own.status}`), rank: own.rank, of: own.of })
          : t("component.ownNone")}
      </p>
    );
  }
  if (!indicator.best.length) return <p className="muted small">{t("component.noAgencies")}</p>;
  const list = (title: string, rows: KpiCard["best"]) => (
    <div>
      <h4>{title}</h4>
      <ol>
        {rows.map((r) => (
          <li key={r.code}>
            <Link href={`/agencies/${r.code}`}>{pickName(locale, r)}</Link> — {formatFigure(r.value, indicator, locale)}{" "}
            <span className="muted">
              ({formatNumber(r.attainment ?? 0, locale, { maximumFractionDigits: 0 })}% {t("component.ofTarget")})
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
  return (
    <div className="rank-lists">
      {list(t("component.best"), indicator.best)}
      {indicator.best.length > 1 && list(t("component.worst"), indicator.worst)}
    </div>
  );
}

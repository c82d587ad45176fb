import { useLocale, useTranslations } from "next-intl";
import type { ComponentOverview } from "@/lib/facts/read/overview";
import { toLocale } from "@/i18n/locale";
import { formatPoints } from "@/core/format/figure";

/** Why a component has its colour: its score and how many of its indicators are on target. */
export function ComponentReason({ component }: { component: Pick<ComponentOverview, "score" | "counts"> }) {
  const t = useTranslations("dashboard.reason");
  const locale = toLocale(useLocale());
  if (component.score === null) return <span className="reason">{t("componentNoData")}</span>;
  const total = component.counts.green + component.counts.amber + component.counts.red;
  return (
    <span className="reason">
      {t("component", { score: formatPoints(component.score, locale), green: component.counts.green, total, amber: component.counts.amber, red: component.counts.red })}
    </span>
  );
}

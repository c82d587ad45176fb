import { getLocale, getTranslations } from "next-intl/server";
import type { IndicatorWithTargets } from "@/db/queries/indicators";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { formatNumber } from "@/core/format/thai";
import { IndicatorTableView, type IndicatorTableRow } from "./indicator-table-view";

/**
 * Indicators with their four quarterly national targets, each linked to its dictionary entry (where its
 * definition is); on the indicator list and component pages. The rows are worded and formatted here and
 * drawn by a client component: as compact rows they weigh a third of what a server-rendered table does in
 * the page's payload.
 */
export async function IndicatorTable({ rows, caption, showComponent = false }: { rows: IndicatorWithTargets[]; caption: string; showComponent?: boolean }) {
  const [t, tDir, tSource, locale] = await Promise.all([
    getTranslations("indicators"),
    getTranslations("enums.direction"),
    getTranslations("enums.source"),
    getLocale().then(toLocale),
  ]);
  const target = (value: string | null) => (value == null ? "–" : formatNumber(Number(value), locale, { maximumFractionDigits: 2 }));
  // The name is a sentence and the component a name: on a phone they keep a readable width.
  const head = [
    { label: t("code") },
    { label: t("name"), floor: "prose" as const },
    ...(showComponent ? [{ label: t("component"), floor: "name" as const }] : []),
    { label: t("unit") },
    { label: t("direction") },
    { label: t("source") },
  ];
  const targetHead = [1, 2, 3, 4].map((quarter) => t("target", { quarter }));
  const cells: IndicatorTableRow[] = rows.map((row) => ({
    code: row.code,
    name: pickName(locale, row),
    cells: [...(showComponent ? [pick(locale, row.componentNameTh, row.componentNameEn)] : []), pick(locale, row.unitTh, row.unitEn), tDir(row.direction), tSource(row.source)],
    targets: row.targets.map(target),
  }));
  return <IndicatorTableView caption={caption} head={head} targetHead={targetHead} rows={cells} />;
}

import { useLocale, useTranslations } from "next-intl";
import type { Figure, IndicatorMeta } from "@/lib/facts/read/figures";
import { toLocale } from "@/i18n/locale";
import { formatFigure, formatPoints } from "@/core/format/figure";
import { StatusBadge } from "./status-badge";

/** Why a figure has its colour, in words: "5 points below target (45% against 50%)". */
export function FigureReason({ figure, meta }: { figure: Pick<Figure, "actual" | "target" | "status" | "shortfall">; meta: Pick<IndicatorMeta, "valueType" | "unitTh" | "unitEn"> }) {
  const t = useTranslations("dashboard.reason");
  const locale = toLocale(useLocale());
  const actual = formatFigure(figure.actual, meta, locale);
  const target = formatFigure(figure.target, meta, locale);
  const gap = formatPoints(figure.shortfall, locale);
  return <span className="reason">{t(figure.status, { actual, target, gap })}</span>;
}

/** A table cell with a figure's status badge and, below it, the reason in words. */
export function FigureStatusCell({ figure, meta }: { figure: Pick<Figure, "actual" | "target" | "status" | "shortfall">; meta: Pick<IndicatorMeta, "valueType" | "unitTh" | "unitEn"> }) {
  return (
    <td>
      <StatusBadge status={figure.status} />
      <br />
      <span className="small">
        <FigureReason figure={figure} meta={meta} />
      </span>
    </td>
  );
}

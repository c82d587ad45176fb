import { useTranslations } from "next-intl";
import type { Status } from "@/core/scoring";

export const STATUS_ICONS: Record<Status, string> = { green: "●", amber: "▲", red: "■", no_data: "○", no_target: "◇" };

/**
 * A status always as colour, shape and words, never colour alone. The shape is drawn by the stylesheet
 * (`.status--<status>::before`, hidden from screen readers), so a page of many statuses carries only words.
 */
export function StatusBadge({ status, className = "" }: { status: Status; className?: string }) {
  const t = useTranslations("dashboard.status");
  return <span className={`status status--${status} ${className}`.trim()}>{t(status)}</span>;
}

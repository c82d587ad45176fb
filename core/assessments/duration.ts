import type { Locale } from "@/core/enums";

/** "3 วัน 4 ชม." / "3 d 4 h": how long something has waited; days and hours are enough for a queue. */
export function formatDuration(ms: number, locale: Locale): string {
  const totalHours = Math.max(0, Math.floor(ms / 3_600_000));
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  const [d, h] = locale === "th" ? ["วัน", "ชม."] : ["d", "h"];
  if (days === 0) return `${hours} ${h}`;
  return `${days} ${d} ${hours} ${h}`;
}

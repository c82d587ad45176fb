import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";

/** When the figures were last computed, and whether recent changes are still being worked in (a refresh job waits or runs). */
export async function FiguresFreshness({ refreshedAt, updating }: { refreshedAt: string | null; updating: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard"), getLocale().then(toLocale)]);
  if (!refreshedAt && !updating) return null;
  return (
    <p className="muted small" role="status">
      {refreshedAt && t("refreshedAt", { date: formatDateTime(refreshedAt, locale) })}
      {updating && (
        <>
          {" "}
          <span className="tag tag--updating">{t("updating")}</span>
        </>
      )}
    </p>
  );
}

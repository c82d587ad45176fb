import { getLocale, getTranslations } from "next-intl/server";
import type { ProvisionalNotice } from "@/lib/facts/read/provisional";
import { formatDate, formatPercent } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";

/**
 * Beside the figures of a quarter whose reports are not yet due (shown only when the user chose it):
 * the figures are preliminary, and how many reports are in so far.
 */
export async function ProvisionalNote({ notice }: { notice: ProvisionalNotice | null }) {
  if (!notice) return null;
  const [t, locale] = await Promise.all([getTranslations("period"), getLocale().then(toLocale)]);
  const due = formatDate(notice.dueOn, locale);
  return (
    <div className="alert alert--warn" role="note" data-testid="provisional-note" data-period={notice.code}>
      {notice.submittedShare === null
        ? t("provisionalNoteNoShare", { due })
        : t("provisionalNote", { due, share: formatPercent(notice.submittedShare, locale) })}
    </div>
  );
}

import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatNumber } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";

/** Previous / "page x of y" / next under a long list; nothing when it fits on one page. */
export async function Pager({ page, pageSize, total, hrefFor, label }: { page: number; pageSize: number; total: number; hrefFor: (page: number) => string; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const [t, locale] = await Promise.all([getTranslations("pager"), getLocale().then(toLocale)]);
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link className="btn btn--secondary" href={hrefFor(page - 1)} rel="prev">
          ← {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="muted">{t("position", { page: formatNumber(Math.min(page, pages), locale), pages: formatNumber(pages, locale) })}</span>
      {page < pages ? (
        <Link className="btn btn--secondary" href={hrefFor(page + 1)} rel="next">
          {t("next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

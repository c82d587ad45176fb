import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import type { EmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { toLocale } from "@/i18n/locale";
import { formatBaht, formatPercent } from "@/core/format/thai";

/** eMENSCR budget allocated vs disbursed vs physical progress, or why there is nothing to show yet. */
export async function EmenscrPanel({ data, title, children }: { data: EmenscrBudgetProgress; title?: string; children?: ReactNode }) {
  const [t, locale] = await Promise.all([getTranslations("dashboard.emenscr"), getLocale().then(toLocale)]);
  const headingId = `emenscr-${title ? "custom" : "default"}`;
  return (
    <section className="card emenscr" aria-labelledby={headingId}>
      <h2 id={headingId}>{title ?? t("title")}</h2>
      {data.available ? (
        <dl className="tile__facts">
          <div>
            <dt>{t("allocated")}</dt>
            <dd>{formatBaht(data.allocated, locale, { compact: true })}</dd>
          </div>
          <div>
            <dt>{t("disbursed")}</dt>
            <dd>
              {formatBaht(data.disbursed, locale, { compact: true })}
              {data.allocated > 0 && <> ({formatPercent((data.disbursed / data.allocated) * 100, locale)})</>}
            </dd>
          </div>
          <div>
            <dt>{t("progress")}</dt>
            <dd>{data.physicalProgress === null ? "–" : formatPercent(data.physicalProgress, locale)}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t("empty")}</p>
      )}
      {children}
    </section>
  );
}

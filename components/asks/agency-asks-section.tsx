import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/core/enums";
import type { AskRow } from "@/db/queries/asks";
import { AskList, type TagInfo } from "./ask-list";

/** The profile's section: what this agency asked DGA for in the last four quarters, and DGA's answers. */
export async function AgencyAsksSection({ rows, total, tags, locale, linkToAll }: { rows: AskRow[]; total: number; tags: TagInfo[]; locale: Locale; linkToAll: boolean }) {
  const t = await getTranslations("asks");
  return (
    <section className="section" id="asks" aria-labelledby="agency-asks-heading">
      <h2 id="agency-asks-heading">{t("agencyHeading")}</h2>
      <p className="muted">{t("agencyIntro", { count: total })}</p>
      {total > rows.length && <p className="muted">{t("agencyShown", { shown: rows.length, count: total })}</p>}
      {rows.length ? <AskList rows={rows} tags={tags} locale={locale} showAgency={false} /> : <p className="card muted">{t("agencyEmpty")}</p>}
      {linkToAll && (
        <p>
          <Link href="/asks">{t("openAsks")}</Link>
        </p>
      )}
    </section>
  );
}

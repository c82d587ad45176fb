import Link from "next/link";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { findPublishedRelease, listPublishedQuarters } from "@/db/queries/open-data";
import { toLocale } from "@/i18n/locale";
import { PageHeader } from "@/components/ui/page-header";
import { PublishedQuarterList, Scorecard } from "@/components/open-data/scorecard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scorecard"))("title") };
}

/** The public scorecard (no sign-in): the latest published quarter, and the others to choose from. */
export default async function ScorecardPage() {
  const [t, tOpen, locale, quarters] = await Promise.all([getTranslations("scorecard"), getTranslations("openData.index"), getLocale().then(toLocale), listPublishedQuarters()]);
  const latest = quarters[0];
  const release = latest ? await findPublishedRelease(latest.fiscalYear, latest.quarter) : null;
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <PublishedQuarterList quarters={quarters} locale={locale} current={latest?.periodCode} />
      {release && <Scorecard release={release} locale={locale} />}
      <p>
        <Link href="/open-data">{t("allData")}</Link> · <Link href="/open-data#dictionary">{tOpen("dictionary")}</Link>
      </p>
    </div>
  );
}

import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { findPublishedRelease, listPublishedQuarters } from "@/db/queries/open-data";
import { parseFiscalYear } from "@/core/open-data/dataset";
import { formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { PageHeader } from "@/components/ui/page-header";
import { PublishedQuarterList, Scorecard } from "@/components/open-data/scorecard";

type Props = { params: Promise<{ fy: string; quarter: string }> };

/** "4" or "Q4"; anything else names no quarter. */
function quarterOf(raw: string): number | null {
  const match = /^Q?([1-4])$/i.exec(raw);
  return match ? Number(match[1]) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { fy, quarter } = await params;
  const [t, locale] = await Promise.all([getTranslations("scorecard"), getLocale().then(toLocale)]);
  const year = parseFiscalYear(fy);
  const q = quarterOf(quarter);
  return { title: year && q ? t("quarterTitle", { period: formatPeriod(`${year}Q${q}`, locale, "short") }) : t("title") };
}

/** One published quarter's public scorecard; an unknown or unpublished quarter is "not found". */
export default async function QuarterScorecardPage({ params }: Props) {
  const { fy, quarter } = await params;
  const year = parseFiscalYear(fy);
  const q = quarterOf(quarter);
  if (year === null || q === null) notFound();
  const [t, locale, release, quarters] = await Promise.all([getTranslations("scorecard"), getLocale().then(toLocale), findPublishedRelease(year, q), listPublishedQuarters()]);
  if (!release) notFound();
  return (
    <div className="page">
      <PageHeader title={t("quarterTitle", { period: formatPeriod(release.periodCode, locale) })} intro={t("intro")} />
      <PublishedQuarterList quarters={quarters} locale={locale} current={release.periodCode} />
      <Scorecard release={release} locale={locale} />
      <p>
        <Link href="/open-data">{t("allData")}</Link>
      </p>
    </div>
  );
}

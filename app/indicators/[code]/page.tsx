import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getIndicatorDictionaryEntry } from "@/db/queries/catalogue";
import { requirePermission } from "@/lib/auth/session";
import { parseCodeParam } from "@/lib/http/route";
import { NotFoundError } from "@/core/errors";
import { toLocale } from "@/i18n/locale";
import { pick, pickName } from "@/i18n/pick";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { IndicatorDictionaryEntry } from "@/components/catalogue/indicator-dictionary-entry";

type Params = Promise<{ code: string }>;

async function load(code: string) {
  try {
    return await getIndicatorDictionaryEntry(parseCodeParam(code, "indicator"));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  try {
    return { title: pickName(await getLocale(), (await getIndicatorDictionaryEntry(parseCodeParam(code, "indicator"))).indicator) };
  } catch {
    return {};
  }
}

/** One indicator's dictionary entry, linked from the indicator list and the component pages. */
export default async function IndicatorPage({ params }: { params: Params }) {
  await requirePermission("indicator.view");
  const entry = await load((await params).code);
  const [t, tCat, tNav, locale] = await Promise.all([getTranslations("indicators"), getTranslations("catalogue"), getTranslations("nav"), getLocale().then(toLocale)]);
  const { indicator } = entry;
  return (
    <div className="page">
      <Breadcrumb label={tNav("label")} items={[{ href: "/indicators", label: t("title") }, { label: indicator.code }]} />
      <PageHeader
        eyebrow={
          <Link href={`/components/${encodeURIComponent(entry.componentCode)}`}>
            {entry.componentOrdinal}. {pick(locale, entry.componentNameTh, entry.componentNameEn)}
          </Link>
        }
        title={`${indicator.code} ${pickName(locale, indicator)}`}
        intro={indicator.active ? undefined : tCat("retiredIntro")}
      />
      <section className="card section" aria-labelledby="dictionary-heading">
        <h2 id="dictionary-heading">{tCat("dictionaryTitle")}</h2>
        <p className="muted">{tCat("dictionaryIntro")}</p>
        <IndicatorDictionaryEntry entry={entry} locale={locale} />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listPublishedQuarters } from "@/db/queries/open-data";
import { openDataDictionary, openDataPath } from "@/core/open-data/dataset";
import { formatDateTime, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("openData.index"))("title") };
}

/** The open-data index (no sign-in): every published quarter's files, and the data dictionary. */
export default async function OpenDataPage() {
  const [t, locale, quarters] = await Promise.all([getTranslations("openData.index"), getLocale().then(toLocale), listPublishedQuarters()]);
  const dictionary = openDataDictionary();
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section className="section" aria-labelledby="open-data-quarters">
        <h2 id="open-data-quarters">{t("quarters")}</h2>
        {quarters.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <TableFrame head={[{ label: t("quarter") }, { label: t("publishedOn") }, { label: t("download") }]}>
            {quarters.map((q) => (
              <tr key={q.periodCode}>
                <th scope="row">
                  <a href={`/scorecard/${q.fiscalYear}/${q.quarter}`}>{formatPeriod(q.periodCode, locale)}</a>
                </th>
                <td>{formatDateTime(q.publishedAt, locale)}</td>
                <td>
                  <a href={openDataPath(q.fiscalYear, q.quarter, "csv")}>CSV</a> · <a href={openDataPath(q.fiscalYear, q.quarter, "json")}>JSON</a> ·{" "}
                  <a href={openDataPath(q.fiscalYear, q.quarter, "package")}>{t("package")}</a>
                </td>
              </tr>
            ))}
          </TableFrame>
        )}
      </section>
      <section className="section" aria-labelledby="dictionary">
        <h2 id="dictionary">{t("dictionary")}</h2>
        <p className="muted">{t("dictionaryIntro")}</p>
        <TableFrame head={[{ label: t("field") }, { label: t("type") }, { label: t("description") }, { label: t("unit") }]}>
          {dictionary.map((f) => (
            <tr key={f.name}>
              <th scope="row">
                <code>{f.name}</code>
              </th>
              <td>{f.type}</td>
              <td>{locale === "en" ? f.description_en : f.description_th}</td>
              <td>{(locale === "en" ? f.unit_en : f.unit_th) ?? "–"}</td>
            </tr>
          ))}
        </TableFrame>
      </section>
    </div>
  );
}

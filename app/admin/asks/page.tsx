import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { listAskTags, listDgaUnits } from "@/db/queries/asks";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ListEntryForm } from "@/components/asks/list-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("asks.lists"))("title") };
}

/** The administrators' lists: tags (with the keywords that suggest them) and DGA's units. */
export default async function AskListsPage() {
  await requirePermission("asks.admin");
  const [t, tags, units] = await Promise.all([getTranslations("asks.lists"), listAskTags(), listDgaUnits()]);
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section className="section" aria-labelledby="tags-heading">
        <h2 id="tags-heading">{t("tags")}</h2>
        <div className="grid admin-grid">
          {tags.map((tag) => (
            <ListEntryForm key={tag.code} kind="tag" entry={tag} />
          ))}
          <ListEntryForm kind="tag" entry={null} />
        </div>
      </section>
      <section className="section" aria-labelledby="units-heading">
        <h2 id="units-heading">{t("units")}</h2>
        <div className="grid admin-grid">
          {units.map((unit) => (
            <ListEntryForm key={unit.code} kind="unit" entry={unit} />
          ))}
          <ListEntryForm kind="unit" entry={null} />
        </div>
      </section>
    </div>
  );
}

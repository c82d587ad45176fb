import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentsWithElements } from "@/db/queries/catalogue";
import { requirePermission } from "@/lib/auth/session";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { CatalogueForm } from "@/components/admin/catalogue-form";
import { LazyDetails } from "@/components/ui/lazy-details";
import { PageHeader } from "@/components/ui/page-header";
import { updateComponentWordsAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("componentsTitle") };
}

type Words = { nameTh: string; nameEn: string; descriptionTh: string | null; descriptionEn: string | null };

/** The seven components and their elements: names and descriptions in Thai and English. */
export default async function AdminComponentsPage() {
  await requirePermission("admin.master_data");
  const [t, locale, rows] = await Promise.all([getTranslations("catalogue"), getLocale().then(toLocale), listComponentsWithElements()]);
  const fields = (w: Words, descriptionRequired: boolean) => [
    { name: "nameTh", label: t("fields.nameTh"), required: true, defaultValue: w.nameTh, lang: "th" as const },
    { name: "nameEn", label: t("fields.nameEn"), required: true, defaultValue: w.nameEn, lang: "en" as const },
    { name: "descriptionTh", label: t("fields.descriptionTh"), kind: "textarea" as const, required: descriptionRequired, defaultValue: w.descriptionTh, lang: "th" as const },
    { name: "descriptionEn", label: t("fields.descriptionEn"), kind: "textarea" as const, required: descriptionRequired, defaultValue: w.descriptionEn, lang: "en" as const },
  ];
  return (
    <div className="page">
      <PageHeader title={t("componentsTitle")} intro={t("componentsIntro")} />
      {rows.map((c) => (
        <section key={c.id} className="card section" aria-labelledby={`component-${c.code}`}>
          <h2 id={`component-${c.code}`}>
            {c.ordinal}. {pickName(locale, c)}
          </h2>
          {/* Each form is drawn when unfolded: seven components and their elements are some thirty forms. */}
          <LazyDetails summary={`${t("edit")}: ${pickName(locale, c)}`}>
            <CatalogueForm action={updateComponentWordsAction} idPrefix={`component-${c.code}-words`} fields={fields(c, true)} hidden={{ kind: "component", code: c.code }} submitLabel={t("save")} success={t("saved")} />
          </LazyDetails>
          {c.elements.map((e) => (
            <LazyDetails key={e.id} summary={`${t("element")}: ${pickName(locale, e)}`}>
              <CatalogueForm action={updateComponentWordsAction} idPrefix={`element-${e.code}`} fields={fields(e, false)} hidden={{ kind: "element", code: e.code }} submitLabel={t("save")} success={t("saved")} />
            </LazyDetails>
          ))}
        </section>
      ))}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listCatalogueChoices, listPlatforms, type PlatformRow } from "@/db/queries/catalogue";
import { requirePermission } from "@/lib/auth/session";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { SERVICE_CHANNELS, SERVICE_STATUSES, type Locale } from "@/core/enums";
import { CatalogueForm, type CatalogueField } from "@/components/admin/catalogue-form";
import { PageHeader } from "@/components/ui/page-header";
import { deletePlatformAction, savePlatformAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("platformsAdminTitle") };
}

type Choices = Awaited<ReturnType<typeof listCatalogueChoices>>;

async function platformFields(choices: Choices, locale: Locale, p?: PlatformRow): Promise<CatalogueField[]> {
  const [t, tStatus] = await Promise.all([getTranslations("catalogue"), getTranslations("enums.serviceStatus")]);
  return [
    { name: "code", label: t("fields.code"), required: true, defaultValue: p?.code, hint: t("hints.platformCode") },
    { name: "nameTh", label: t("fields.nameTh"), required: true, defaultValue: p?.nameTh, lang: "th" },
    { name: "nameEn", label: t("fields.nameEn"), required: true, defaultValue: p?.nameEn, lang: "en" },
    { name: "ownerAgencyCode", label: t("fields.owner"), required: true, defaultValue: p?.ownerCode, hint: t("hints.agencyCode") },
    { name: "channel", label: t("fields.channel"), kind: "select", required: true, defaultValue: p?.channel ?? "G2C", options: SERVICE_CHANNELS.map((c) => ({ value: c, label: c })) },
    { name: "status", label: t("status"), kind: "select", required: true, defaultValue: p?.status ?? "active", options: SERVICE_STATUSES.map((s) => ({ value: s, label: tStatus(s) })) },
    { name: "componentCode", label: t("fields.component"), kind: "select", required: true, defaultValue: p?.componentCode, options: choices.components.map((c) => ({ value: c.code, label: pickName(locale, c) })) },
    { name: "elementCode", label: t("fields.element"), kind: "select", defaultValue: p?.elementCode, options: choices.elements.map((e) => ({ value: e.code, label: pickName(locale, e) })) },
    { name: "url", label: t("fields.url"), kind: "url", defaultValue: p?.url, inputMode: "url" },
    { name: "descriptionTh", label: t("fields.descriptionTh"), kind: "textarea", defaultValue: p?.descriptionTh, lang: "th" },
    { name: "descriptionEn", label: t("fields.descriptionEn"), kind: "textarea", defaultValue: p?.descriptionEn, lang: "en" },
  ];
}

/** The platforms and services registry for administrators: add one, edit each, delete one nothing refers to. */
export default async function AdminPlatformsPage() {
  await requirePermission("admin.master_data");
  const [t, tStatus, locale, rows, choices] = await Promise.all([
    getTranslations("catalogue"),
    getTranslations("enums.serviceStatus"),
    getLocale().then(toLocale),
    listPlatforms(),
    listCatalogueChoices(),
  ]);
  return (
    <div className="page">
      <PageHeader title={t("platformsAdminTitle")} intro={t("platformsAdminIntro")} />
      <details className="card section">
        <summary>
          <h2 className="inline-heading">{t("newPlatform")}</h2>
        </summary>
        <CatalogueForm action={savePlatformAction} idPrefix="new-platform" fields={await platformFields(choices, locale)} submitLabel={t("create")} success={t("created")} successHref="/platforms/{code}" successLink={t("openIt")} />
      </details>
      <ul className="plain-list">
        {await Promise.all(
          rows.map(async (p) => (
            <li key={p.id} className="card section">
              <details>
                <summary>
                  <strong>{pickName(locale, p)}</strong> <span className="muted">{p.code}</span> · {tStatus(p.status)} · {t("kpiCount", { count: p.kpiCount })}
                </summary>
                <p>
                  <Link href={`/platforms/${encodeURIComponent(p.code)}`}>{t("openPlatformPage")}</Link>
                </p>
                <CatalogueForm action={savePlatformAction} idPrefix={`platform-${p.id}`} fields={await platformFields(choices, locale, p)} hidden={{ id: String(p.id) }} submitLabel={t("save")} success={t("saved")} />
                <CatalogueForm action={deletePlatformAction} idPrefix={`delete-platform-${p.id}`} fields={[]} hidden={{ platformId: String(p.id) }} submitLabel={t("deletePlatform")} success={t("deleted")} danger />
              </details>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

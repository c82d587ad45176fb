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
import { TableFrame } from "@/components/ui/data-table";
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

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The platforms and services registry for administrators: add one, edit the one chosen, delete one nothing refers to. */
export default async function AdminPlatformsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePermission("admin.master_data");
  const [t, tStatus, locale, rows, choices, search] = await Promise.all([
    getTranslations("catalogue"),
    getTranslations("enums.serviceStatus"),
    getLocale().then(toLocale),
    listPlatforms(),
    listCatalogueChoices(),
    searchParams,
  ]);
  // One platform's form at a time (?edit=<code>): the list stays light on a phone.
  const editing = rows.find((p) => p.code === search.edit);
  return (
    <div className="page">
      <PageHeader title={t("platformsAdminTitle")} intro={t("platformsAdminIntro")} />
      {editing ? (
        <section className="card section" aria-labelledby="edit-heading">
          <h2 id="edit-heading">
            {t("editPlatform")}: {pickName(locale, editing)}
          </h2>
          <p>
            <Link href={`/platforms/${encodeURIComponent(editing.code)}`}>{t("openPlatformPage")}</Link>
          </p>
          <CatalogueForm action={savePlatformAction} idPrefix="edit-platform" fields={await platformFields(choices, locale, editing)} hidden={{ id: String(editing.id) }} submitLabel={t("save")} success={t("saved")} />
          <h3>{t("deletePlatform")}</h3>
          <p className="muted">{t("deletePlatformHint")}</p>
          <CatalogueForm action={deletePlatformAction} idPrefix="delete-platform" fields={[]} hidden={{ platformId: String(editing.id) }} submitLabel={t("deletePlatform")} success={t("deleted")} danger />
        </section>
      ) : (
        <details className="card section">
          <summary>
            <h2 className="inline-heading">{t("newPlatform")}</h2>
          </summary>
          <CatalogueForm action={savePlatformAction} idPrefix="new-platform" fields={await platformFields(choices, locale)} submitLabel={t("create")} success={t("created")} successHref="/platforms/{code}" successLink={t("openIt")} />
        </details>
      )}
      <TableFrame head={[{ label: t("platform") }, { label: t("fields.ownerName") }, { label: t("status") }, { label: t("kpis"), numeric: true }, { label: t("edit") }]}>
        {rows.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link href={`/platforms/${encodeURIComponent(p.code)}`}>{pickName(locale, p)}</Link>
              <br />
              <span className="muted small">{p.code}</span>
            </th>
            <td>{pickName(locale, { nameTh: p.ownerNameTh, nameEn: p.ownerNameEn })}</td>
            <td>{tStatus(p.status)}</td>
            <td className="num">{p.kpiCount}</td>
            <td>
              <Link href={`/admin/platforms?edit=${encodeURIComponent(p.code)}`} aria-label={`${t("edit")} ${pickName(locale, p)}`}>
                {t("edit")}
              </Link>
            </td>
          </tr>
        ))}
      </TableFrame>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listCatalogueIndicators } from "@/lib/admin/catalogue";
import { listCatalogueChoices } from "@/db/queries/catalogue";
import { requirePermission } from "@/lib/auth/session";
import { toLocale } from "@/i18n/locale";
import { pickName } from "@/i18n/pick";
import { CatalogueForm } from "@/components/admin/catalogue-form";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { createIndicatorAction } from "./actions";
import { definitionFields, dictionaryFields, valueTypeField } from "./fields";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("indicatorsTitle") };
}

/** The indicator catalogue for its editors (admins and analysts): every indicator, retired ones too, and a new one. */
export default async function AdminIndicatorsPage() {
  await requirePermission("admin.catalogue");
  const [t, tDir, locale, rows, choices] = await Promise.all([
    getTranslations("catalogue"),
    getTranslations("enums.direction"),
    getLocale().then(toLocale),
    listCatalogueIndicators(),
    listCatalogueChoices(),
  ]);
  const componentName = new Map(choices.components.map((c) => [c.code, pickName(locale, c)]));
  const fields = [
    { name: "code", label: t("fields.code"), required: true, hint: t("hints.indicatorCode") },
    ...(await dictionaryFields(choices, locale)),
    ...(await definitionFields()),
    await valueTypeField(),
  ];
  return (
    <div className="page">
      <PageHeader title={t("indicatorsTitle")} intro={t("indicatorsIntro")} />
      <details className="card section">
        <summary>
          <h2 className="inline-heading">{t("newIndicator")}</h2>
        </summary>
        <CatalogueForm
          action={createIndicatorAction}
          idPrefix="new-indicator"
          fields={fields}
          submitLabel={t("create")}
          success={t("created")}
          successHref="/admin/indicators/{code}"
          successLink={t("openIt")}
        />
      </details>
      <TableFrame head={[{ label: t("fields.code") }, { label: t("fields.name") }, { label: t("fields.component") }, { label: t("fields.platform") }, { label: t("fields.direction") }, { label: t("status") }]}>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <Link href={`/admin/indicators/${encodeURIComponent(r.code)}`}>{r.code}</Link>
            </th>
            <td>{pickName(locale, r)}</td>
            <td>{componentName.get(r.componentCode)}</td>
            <td>{r.serviceCode ? <Link href={`/platforms/${encodeURIComponent(r.serviceCode)}`}>{r.serviceCode}</Link> : "–"}</td>
            <td>{tDir(r.direction)}</td>
            <td>{r.active ? t("active") : <span className="tag">{t("retired")}</span>}</td>
          </tr>
        ))}
      </TableFrame>
    </div>
  );
}

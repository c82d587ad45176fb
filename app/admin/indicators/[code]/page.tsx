import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getIndicatorForAdmin, listCatalogueChoices } from "@/db/queries/catalogue";
import { requirePermission } from "@/lib/auth/session";
import { NotFoundError } from "@/core/errors";
import { parseCodeParam } from "@/lib/http/route";
import { formatDate, formatPeriod } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";
import { pick, pickName } from "@/i18n/pick";
import { CatalogueForm } from "@/components/admin/catalogue-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";
import { deleteIndicatorAction, setIndicatorActiveAction, startIndicatorVersionAction, updateIndicatorAction } from "../actions";
import { definitionFields, dictionaryFields, effectiveFromField } from "../fields";

type Params = Promise<{ code: string }>;

async function load(code: string) {
  try {
    return await getIndicatorForAdmin(parseCodeParam(code, "indicator"));
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  return { title: `${(await getTranslations("catalogue"))("editIndicator")} ${decodeURIComponent(code)}` };
}

/** One indicator: its dictionary (edited in place), a new version of its definition from a quarter, its history, retire or delete. */
export default async function AdminIndicatorPage({ params }: { params: Params }) {
  await requirePermission("admin.catalogue");
  const { code } = await params;
  const [row, choices, t, tNav, tDir, tAgg, locale] = await Promise.all([
    load(code),
    listCatalogueChoices(),
    getTranslations("catalogue"),
    getTranslations("nav"),
    getTranslations("enums.direction"),
    getTranslations("enums.aggregation"),
    getLocale().then(toLocale),
  ]);
  const i = row.indicator;
  const hidden = { indicatorId: String(i.id) };
  const dictionary = await dictionaryFields(choices, locale, { ...i, componentCode: row.componentCode, serviceCode: row.serviceCode, dataOwnerCode: row.dataOwnerCode });
  const definition = [await effectiveFromField(choices, locale), ...(await definitionFields(i)), { name: "note", label: t("fields.note"), kind: "textarea" as const }];
  // Version 1 of an indicator still on its first definition is its row.
  const versions = row.versions.length
    ? row.versions
    : [{ version: 1, fromPeriod: null, definitionTh: i.definitionTh, definitionEn: i.definitionEn, unitTh: i.unitTh, unitEn: i.unitEn, direction: i.direction, aggregation: i.aggregation, note: null, createdAt: i.createdAt }];
  return (
    <div className="page">
      <Breadcrumb label={tNav("label")} items={[{ href: "/admin", label: tNav("admin") }, { href: "/admin/indicators", label: tNav("manageIndicators") }, { label: i.code }]} />
      <PageHeader title={`${i.code} ${pickName(locale, i)}`} intro={i.active ? t("indicatorIntro") : t("retiredIntro")} />

      <section className="card section" aria-labelledby="dictionary-heading">
        <h2 id="dictionary-heading">{t("dictionary")}</h2>
        <p className="muted">{t("dictionaryHint")}</p>
        <CatalogueForm action={updateIndicatorAction} idPrefix="dictionary" fields={dictionary} hidden={hidden} submitLabel={t("save")} success={t("saved")} />
      </section>

      <section className="card section" aria-labelledby="version-heading">
        <h2 id="version-heading">{t("newVersion")}</h2>
        <p className="muted">{t("newVersionHint")}</p>
        <CatalogueForm action={startIndicatorVersionAction} idPrefix="version" fields={definition} hidden={hidden} submitLabel={t("startVersion")} success={t("versionStarted")} />
      </section>

      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("versionHistory")}</h2>
        <TableFrame head={[{ label: t("version") }, { label: t("fields.effectiveFrom") }, { label: t("fields.definition") }, { label: t("fields.unit") }, { label: t("fields.direction") }, { label: t("fields.aggregation") }]}>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{v.fromPeriod ? formatPeriod(v.fromPeriod, locale) : t("fromStart")}</td>
              <td>
                {pick(locale, v.definitionTh, v.definitionEn)}
                {v.note && <span className="muted small"> ({v.note})</span>}
                <br />
                <span className="muted small">{t("recordedOn", { date: formatDate(v.createdAt.toISOString().slice(0, 10), locale) })}</span>
              </td>
              <td>{pick(locale, v.unitTh, v.unitEn)}</td>
              <td>{tDir(v.direction)}</td>
              <td>{tAgg(v.aggregation)}</td>
            </tr>
          ))}
        </TableFrame>
      </section>

      <section className="card section" aria-labelledby="retire-heading">
        <h2 id="retire-heading">{i.active ? t("retire") : t("reinstate")}</h2>
        <p className="muted">{i.active ? t("retireHint") : t("reinstateHint")}</p>
        <CatalogueForm
          action={setIndicatorActiveAction}
          idPrefix="retire"
          fields={[]}
          hidden={{ ...hidden, active: i.active ? "false" : "true" }}
          submitLabel={i.active ? t("retire") : t("reinstate")}
          success={t("saved")}
          danger={i.active}
        />
        <h3>{t("delete")}</h3>
        <p className="muted">{t("deleteHint")}</p>
        <CatalogueForm action={deleteIndicatorAction} idPrefix="delete" fields={[]} hidden={hidden} submitLabel={t("delete")} success={t("deleted")} danger />
        <p>
          <Link href={`/indicators/${encodeURIComponent(row.indicator.code)}`}>{t("seeDictionary")}</Link>
        </p>
      </section>
    </div>
  );
}

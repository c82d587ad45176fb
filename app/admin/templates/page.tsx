import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listTemplatesWithItems } from "@/db/queries/templates";
import { requirePermission } from "@/lib/auth/session";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { AddItemForm, ItemToggle } from "@/components/admin/template-forms";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("templatesTitle") };
}

export default async function TemplatesPage() {
  await requirePermission("admin.templates");
  const [t, tType, locale, data] = await Promise.all([getTranslations("masterData"), getTranslations("enums.valueType"), getLocale().then(toLocale), listTemplatesWithItems()]);
  return (
    <div className="page">
      <PageHeader
        title={t("templatesTitle")}
        intro={t("templatesIntro")}
      >
        <p>
          <Link href="/admin/targets">{t("targetsLink")}</Link>
        </p>
      </PageHeader>
      {data.map(({ component, items, availableIndicators }) => (
        <section className="section card" key={component.code} aria-labelledby={`tpl-${component.code}`}>
          <h2 id={`tpl-${component.code}`}>{pickName(locale, component)}</h2>
          <TableFrame head={[{ label: t("code") }, { label: t("itemName") }, { label: t("answerType") }, { label: t("required") }, { label: t("itemStatus") }]}>
            {items.map(({ item, indicator }) => (
              <tr key={item.id} className={item.active ? "" : "muted"}>
                <td>
                  <code>{item.code}</code>
                </td>
                <td>{indicator ? pickName(locale, indicator) : pick(locale, item.questionTh ?? item.code, item.questionEn)}</td>
                <td>{tType(item.answerType)}</td>
                <td>
                  {item.required ? t("yes") : t("no")} <ItemToggle itemId={item.id} field="required" value={item.required} label={item.required ? t("makeOptional") : t("makeRequired")} />
                </td>
                <td>
                  {item.active ? t("active") : t("inactive")} <ItemToggle itemId={item.id} field="active" value={item.active} label={item.active ? t("deactivate") : t("activate")} />
                </td>
              </tr>
            ))}
          </TableFrame>
          <AddItemForm componentCode={component.code} indicators={availableIndicators.map((i) => ({ code: i.code, label: `${i.code} ${pickName(locale, i)}` }))} />
        </section>
      ))}
    </div>
  );
}


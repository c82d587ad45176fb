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
import { firstSearchParam } from "@/core/http/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("masterData"))("templatesTitle") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

/** One component's template at a time (`?component=`, the first by default): the page stays light. */
export default async function TemplatesPage({ searchParams }: { searchParams: Search }) {
  await requirePermission("admin.templates");
  const [t, tType, locale, all, requested] = await Promise.all([
    getTranslations("masterData"),
    getTranslations("enums.valueType"),
    getLocale().then(toLocale),
    listTemplatesWithItems(),
    searchParams.then((sp) => firstSearchParam(sp.component)),
  ]);
  const shown = all.find((d) => d.component.code === requested) ?? all[0];
  const data = shown ? [shown] : [];
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
      <nav className="section-tabs" aria-label={t("templatesComponents")}>
        <ul>
          {all.map(({ component }) => (
            <li key={component.code}>
              <Link href={`/admin/templates?component=${component.code}`} aria-current={component.code === shown?.component.code ? "page" : undefined}>
                {component.ordinal}. {pickName(locale, component)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
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


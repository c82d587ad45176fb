import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listComponentChoices, listComponentRules } from "@/db/queries/imports";
import { AddRuleForm, ApplyRulesForm, LinkProjectForm, RuleToggle } from "@/components/imports/rule-forms";
import { pick, pickName } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { TableFrame } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("imports.rules"))("heading") };
}

const FIELD_LABEL = { name: "fieldName", strategy: "fieldStrategy", any: "fieldAny" } as const;
const MATCH_LABEL = { keyword: "matchKeyword", regex: "matchRegex" } as const;

export default async function ComponentRulesPage() {
  const actor = await requirePermission("import.run");
  const [t, tImports, locale, rules, components] = await Promise.all([
    getTranslations("imports.rules"),
    getTranslations("imports"),
    getLocale().then(toLocale),
    listComponentRules(actor),
    listComponentChoices(),
  ]);
  const choices = components.map((c) => ({ id: c.id, name: pickName(locale, c) }));
  return (
    <div className="page">
      <nav className="breadcrumb" aria-label="breadcrumb">
        <ol>
          <li>
            <Link href="/imports">{tImports("title")}</Link>
          </li>
          <li aria-current="page">{t("heading")}</li>
        </ol>
      </nav>
      <PageHeader
        title={t("heading")}
        intro={t("intro")}
      />
      <AddRuleForm components={choices} />
      {rules.length === 0 ? (
        <p className="card empty">{t("empty")}</p>
      ) : (
        <TableFrame head={[{ label: t("component") }, { label: t("field") }, { label: t("match") }, { label: t("pattern") }, { label: t("status") }, { label: <><span className="visually-hidden">{t("status")}</span></> }]}>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{pick(locale, r.componentNameTh, r.componentNameEn)}</td>
              <td>{t(FIELD_LABEL[r.field])}</td>
              <td>{t(MATCH_LABEL[r.match])}</td>
              <td>
                <code>{r.pattern}</code>
              </td>
              <td>{r.active ? t("active") : t("inactive")}</td>
              <td>
                <RuleToggle ruleId={r.id} active={r.active} />
              </td>
            </tr>
          ))}
        </TableFrame>
      )}
      <ApplyRulesForm />
      <section className="section" aria-labelledby="manual-link-heading">
        <h2 id="manual-link-heading">{t("manualHeading")}</h2>
        <LinkProjectForm components={choices} />
      </section>
    </div>
  );
}

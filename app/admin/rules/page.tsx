import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { listRules } from "@/db/queries/flags";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/core/auth/permissions";
import { SEVERITIES } from "@/core/flags/rules";
import { formatDateTime } from "@/core/format/thai";
import { pick } from "@/i18n/pick";
import { toLocale } from "@/i18n/locale";
import { RuleForm } from "@/components/flags/rule-form";
import { SeverityTag } from "@/components/flags/flag-explanation";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("flags.rules"))("title") };
}

export default async function RulesPage() {
  const actor = await requirePermission("flags.view");
  const [rules, t, tSev, locale] = await Promise.all([listRules(actor), getTranslations("flags.rules"), getTranslations("flags.severity"), getLocale().then(toLocale)]);
  const editable = can(actor, "flags.rules");
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
      />
      <div className="grid">
        {rules.map((rule) => (
          <section className="card" key={rule.id} aria-labelledby={`rule-${rule.id}`}>
            <h2 id={`rule-${rule.id}`}>
              {pick(locale, rule.nameTh, rule.nameEn)} <SeverityTag severity={rule.severity} />{" "}
              {!rule.active && <span className="tag">{t("inactive")}</span>}
            </h2>
            <p>{pick(locale, rule.descriptionTh, rule.descriptionEn)}</p>
            <p className="muted">{t("versionLine", { code: rule.code, version: rule.version, date: formatDateTime(rule.updatedAt, locale) })}</p>
            {editable && (
              <RuleForm
                rule={{ id: rule.id, code: rule.code, version: rule.version, severity: rule.severity, active: rule.active, params: rule.params as Record<string, unknown> }}
                severities={SEVERITIES.map((s) => ({ value: s, label: tSev(s) }))}
              />
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

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
import { PriorityWeightsForm } from "@/components/flags/worklist-forms";
import { getPriorityWeights } from "@/lib/flags/priority-weights";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("flags.rules"))("title") };
}

export default async function RulesPage() {
  const actor = await requirePermission("flags.view");
  const [rules, t, tSev, locale] = await Promise.all([listRules(actor), getTranslations("flags.rules"), getTranslations("flags.severity"), getLocale().then(toLocale)]);
  const editable = can(actor, "flags.rules");
  const [weights, tw] = await Promise.all([getPriorityWeights(), getTranslations("worklist.weights")]);
  const w = weights.weights;
  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
      />
      <section className="card section" id="weights" aria-labelledby="weights-heading">
        <h2 id="weights-heading">{tw("title")}</h2>
        <p>{tw("formula")}</p>
        <p className="muted">
          {tw("current", {
            version: weights.version,
            low: w.severity.low,
            medium: w.severity.medium,
            high: w.severity.high,
            critical: w.severity.critical,
            openFlags: w.openFlags,
            budget: w.budget,
            recurrence: w.recurrence,
            age: w.age,
          })}
        </p>
        {editable && (
          <PriorityWeightsForm
            version={weights.version}
            weights={{
              "severity.low": w.severity.low,
              "severity.medium": w.severity.medium,
              "severity.high": w.severity.high,
              "severity.critical": w.severity.critical,
              openFlags: w.openFlags,
              budget: w.budget,
              recurrence: w.recurrence,
              age: w.age,
            }}
          />
        )}
      </section>
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

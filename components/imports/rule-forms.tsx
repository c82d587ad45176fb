"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { applyRulesAction, createRuleAction, linkProjectAction, toggleRuleAction } from "@/app/imports/actions";
import { COMPONENT_RULE_FIELDS, COMPONENT_RULE_MATCHES } from "@/core/enums";
import type { ActionState } from "@/lib/http/action";

type Components = { id: number; name: string }[];

function useErrorText() {
  const tErr = useTranslations("errors");
  return (state: ActionState<unknown>, field?: string): string => {
    if (state.status !== "error") return "";
    const code = field ? state.fieldErrors?.[field]?.[0] : state.fieldErrors ? undefined : state.error;
    if (!code) return "";
    return tErr.has(code as "internal") ? tErr(code as "internal") : tErr("validation");
  };
}

const FIELD_LABEL = { name: "fieldName", strategy: "fieldStrategy", any: "fieldAny" } as const;
const MATCH_LABEL = { keyword: "matchKeyword", regex: "matchRegex" } as const;

export function AddRuleForm({ components }: { components: Components }) {
  const t = useTranslations("imports.rules");
  const errorText = useErrorText();
  const { state, formAction: action, pending } = useActionForm(createRuleAction);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="filters" noValidate>
      <div className="field">
        <label htmlFor="rule-component">{t("component")}</label>
        <select id="rule-component" name="componentId" defaultValue={values?.componentId} aria-describedby="rule-component-error">
          {components.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <span id="rule-component-error" className="field-error" aria-live="polite">{errorText(state, "componentId")}</span>
      </div>
      <div className="field">
        <label htmlFor="rule-field">{t("field")}</label>
        <select id="rule-field" name="field" defaultValue={values?.field ?? "any"}>
          {COMPONENT_RULE_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(FIELD_LABEL[f])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rule-match">{t("match")}</label>
        <select id="rule-match" name="match" defaultValue={values?.match ?? "keyword"}>
          {COMPONENT_RULE_MATCHES.map((m) => (
            <option key={m} value={m}>
              {t(MATCH_LABEL[m])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="rule-pattern">{t("pattern")}</label>
        <input id="rule-pattern" name="pattern" type="text" maxLength={200} defaultValue={values?.pattern} aria-describedby="rule-pattern-error" aria-invalid={errorText(state, "pattern") ? true : undefined} />
        <span id="rule-pattern-error" className="field-error" aria-live="polite">{errorText(state, "pattern")}</span>
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("add")}
      </button>
      <span aria-live="polite" className="muted">{state.status === "success" ? t("saved") : errorText(state)}</span>
    </form>
  );
}

export function RuleToggle({ ruleId, active }: { ruleId: number; active: boolean }) {
  const t = useTranslations("imports.rules");
  const { formAction: action, pending } = useActionForm(toggleRuleAction);
  return (
    <form action={action}>
      <input type="hidden" name="ruleId" value={ruleId} />
      <input type="hidden" name="active" value={String(!active)} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={pending}>
        {active ? t("deactivate") : t("activate")}
      </button>
    </form>
  );
}

export function ApplyRulesForm() {
  const t = useTranslations("imports.rules");
  const errorText = useErrorText();
  const { state, formAction: action, pending } = useActionForm(applyRulesAction);
  return (
    <form action={action} className="import-actions">
      <button type="submit" className="btn btn--secondary" disabled={pending}>
        {t("apply")}
      </button>
      <span aria-live="polite" className="muted">{state.status === "success" ? t("applied", state.data) : errorText(state)}</span>
    </form>
  );
}

export function LinkProjectForm({ components }: { components: Components }) {
  const t = useTranslations("imports.rules");
  const errorText = useErrorText();
  const { state, formAction: action, pending } = useActionForm(linkProjectAction);
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} className="filters" noValidate>
      <div className="field">
        <label htmlFor="link-project">{t("projectCode")}</label>
        <input id="link-project" name="projectCode" type="text" maxLength={100} defaultValue={values?.projectCode} aria-describedby="link-project-error" />
        <span id="link-project-error" className="field-error" aria-live="polite">{errorText(state, "projectCode")}</span>
      </div>
      <div className="field">
        <label htmlFor="link-component">{t("component")}</label>
        <select id="link-component" name="componentId" defaultValue={values?.componentId}>
          {components.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {t("linkButton")}
      </button>
      <span aria-live="polite" className="muted">{state.status === "success" ? t("linked") : errorText(state)}</span>
    </form>
  );
}

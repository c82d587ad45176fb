"use client";

import { useTranslations } from "next-intl";
import { updateRuleAction } from "@/app/admin/rules/actions";
import { useActionForm } from "@/components/ui/use-action-form";

interface Props {
  rule: { id: number; code: string; version: number; severity: string; active: boolean; params: Record<string, unknown> };
  severities: { value: string; label: string }[];
}

/** One rule's editor: severity, on/off and each parameter, named after the stored parameter object. */
export function RuleForm({ rule, severities }: Props) {
  const t = useTranslations("flags.rules");
  const tErr = useTranslations("flags.errors");
  const { state, formAction: action, pending } = useActionForm(updateRuleAction);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const fieldError = (name: string) => (state.status === "error" ? state.fieldErrors?.[name] : undefined);
  const id = (name: string) => `rule-${rule.id}-${name.replace(/\./g, "-")}`;
  const numberField = (name: string, value: unknown) => (
    <div className="field" key={name}>
      <label htmlFor={id(name)}>{t.has(`param.${name}`) ? t(`param.${name}`) : name}</label>
      <input id={id(name)} name={`params.${name}`} type="number" step="any" inputMode="decimal" defaultValue={values[`params.${name}`] ?? String(value)} aria-describedby={`${id(name)}-error`} aria-invalid={fieldError(`params.${name}`) ? true : undefined} />
      <p className="field-error" id={`${id(name)}-error`} aria-live="polite">
        {fieldError(`params.${name}`) ? tErr("invalid_parameter") : ""}
      </p>
    </div>
  );
  return (
    <form action={action} className="rule-form" noValidate key={state.status === "success" ? `v${state.data.version}` : `${state.status}-${JSON.stringify(values)}`}>
      <input type="hidden" name="ruleId" value={rule.id} />
      <input type="hidden" name="version" value={rule.version} />
      <div aria-live="polite">
        {state.status === "success" && <p className="alert alert--info">{t("saved", { version: state.data.version })}</p>}
        {state.status === "error" && <p className="alert alert--error">{tErr.has(state.error) ? tErr(state.error) : tErr("generic")}</p>}
      </div>
      <div className="grid admin-grid">
        <div className="field">
          <label htmlFor={id("severity")}>{t("severity")}</label>
          <select id={id("severity")} name="severity" defaultValue={values.severity ?? rule.severity}>
            {severities.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        {Object.entries(rule.params).flatMap(([name, value]) => {
          if (typeof value === "boolean") {
            return (
              <div className="field" key={name}>
                <label className="assess-choice">
                  <input type="checkbox" name={`params.${name}`} defaultChecked={value} /> {t.has(`param.${name}`) ? t(`param.${name}`) : name}
                </label>
              </div>
            );
          }
          if (value && typeof value === "object") return Object.entries(value).map(([sub, v]) => numberField(`${name}.${sub}`, v));
          return numberField(name, value);
        })}
        <div className="field">
          <label className="assess-choice">
            <input type="checkbox" name="active" defaultChecked={values.active ? values.active === "on" : rule.active} /> {t("active")}
          </label>
        </div>
      </div>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}

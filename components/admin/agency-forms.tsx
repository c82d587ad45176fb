"use client";

import { useTranslations } from "next-intl";
import { saveAgencyAction, setAgencyActiveAction, setAgencyComponentAction } from "@/app/admin/agencies/actions";
import { AGENCY_TYPES, DGA_ROLES } from "@/core/enums";
import { useActionForm } from "@/components/ui/use-action-form";
import { AgencyPicker, type PickedAgency } from "@/components/forms/agency-picker";

interface AgencyValues {
  id?: number;
  code: string;
  nameTh: string;
  nameEn: string;
  abbrTh: string | null;
  abbrEn: string | null;
  type: string;
  parentCode: string | null;
  province: string | null;
}

/** An agency's fields; its parent (a ministry or department) is picked by searching, starting from `parent`. */
export function AgencyForm({ initial, parent = null }: { initial?: AgencyValues; parent?: PickedAgency | null }) {
  const t = useTranslations("masterData");
  const tPicker = useTranslations("agencyPicker");
  const tType = useTranslations("enums.agencyType");
  const { state, formAction: action, pending } = useActionForm(saveAgencyAction);
  const values: Record<string, string> = state.status === "error" ? (state.values ?? {}) : {};
  const get = (k: keyof AgencyValues) => values[k] ?? (initial?.[k] == null ? "" : String(initial[k]));
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const err = (k: string) => errors[k]?.map((c) => (t.has(`errors.${c}`) ? t(`errors.${c}`) : c)).join(" ");
  const field = (k: "code" | "nameTh" | "nameEn" | "abbrTh" | "abbrEn" | "province") => (
    <div className="field" key={k}>
      <label htmlFor={`a-${k}`}>{t(`agencyFields.${k}`)}</label>
      <input id={`a-${k}`} name={k} defaultValue={get(k)} aria-describedby={`a-${k}-error`} aria-invalid={errors[k] ? true : undefined} />
      <p className="field-error" id={`a-${k}-error`} aria-live="polite">
        {err(k)}
      </p>
    </div>
  );
  return (
    <form action={action} className="card" noValidate key={state.status === "success" && !initial ? `ok-${state.data.code}` : "form"}>
      <h2>{initial ? t("editAgency") : t("createAgency")}</h2>
      <div aria-live="polite">
        {state.status === "success" && <p className="alert alert--info">{t("saved")}</p>}
        {state.status === "error" && !Object.keys(errors).length && <p className="alert alert--error">{t.has(`errors.${state.error}`) ? t(`errors.${state.error}`) : t("errors.generic")}</p>}
      </div>
      {initial?.id && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid admin-grid">
        {field("code")}
        {field("nameTh")}
        {field("nameEn")}
        {field("abbrTh")}
        {field("abbrEn")}
        <div className="field">
          <label htmlFor="a-type">{t("agencyFields.type")}</label>
          <select id="a-type" name="type" defaultValue={get("type") || "department"}>
            {AGENCY_TYPES.map((v) => (
              <option key={v} value={v}>
                {tType(v)}
              </option>
            ))}
          </select>
        </div>
        <AgencyPicker id="a-parent" name="parentCode" kind="parent" label={t("agencyFields.parentCode")} initial={parent} hint={tPicker("hint")} error={err("parentCode") ?? ""} />
        {field("province")}
      </div>
      <button className="btn" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

export function AgencyActiveToggle({ agencyId, code, active }: { agencyId: number; code: string; active: boolean }) {
  const t = useTranslations("masterData");
  const { formAction: action, pending } = useActionForm(setAgencyActiveAction);
  return (
    <form action={action}>
      <input type="hidden" name="agencyId" value={agencyId} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button className="btn btn--secondary" disabled={pending}>
        {active ? t("deactivate") : t("activate")}
      </button>
    </form>
  );
}

export function ComponentTagForm({ agencyId, code, componentCode, label, dgaRole }: { agencyId: number; code: string; componentCode: string; label: string; dgaRole: string | null }) {
  const t = useTranslations("masterData");
  const tRole = useTranslations("enums.dgaRole");
  const { state, formAction: action, pending } = useActionForm(setAgencyComponentAction);
  return (
    <form action={action} className="admin-inline">
      <input type="hidden" name="agencyId" value={agencyId} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="componentCode" value={componentCode} />
      <label htmlFor={`tag-${componentCode}`} className="visually-hidden">
        {t("dgaRoleFor", { component: label })}
      </label>
      <select id={`tag-${componentCode}`} name="dgaRole" defaultValue={dgaRole ?? "none"}>
        <option value="none">{t("notTagged")}</option>
        {DGA_ROLES.map((r) => (
          <option key={r} value={r}>
            {tRole(r)}
          </option>
        ))}
      </select>
      <button className="btn btn--secondary btn--small" disabled={pending}>
        {t("save")}
      </button>
      <span aria-live="polite" className={state.status === "error" ? "field-error" : "muted"}>
        {state.status === "success" ? t("saved") : state.status === "error" ? t("errors.generic") : ""}
      </span>
    </form>
  );
}

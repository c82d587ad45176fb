"use client";

import { useTranslations } from "next-intl";
import { changeUserRoleAction, createUserAction, resetPasswordAction, setUserActiveAction } from "@/app/admin/master-data-actions";
import { useActionForm } from "@/components/ui/use-action-form";
import { AgencyPicker, type PickedAgency } from "@/components/forms/agency-picker";
import { FieldErrors, useFieldErrorText, useMessage } from "./admin-forms";

export function CreateUserForm({ roles }: { roles: { value: string; label: string }[] }) {
  const t = useTranslations("masterData");
  const tPicker = useTranslations("agencyPicker");
  const { state, formAction: action, pending } = useActionForm(createUserAction);
  const errorText = useFieldErrorText(state);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const message = useMessage(state);
  return (
    <form action={action} className="card" noValidate key={state.status === "success" ? "done" : "form"}>
      <h2>{t("createUser")}</h2>
      <div aria-live="polite">{message && <p className={message.ok ? "alert alert--info" : "alert alert--error"}>{message.text}</p>}</div>
      <div className="grid admin-grid">
        {(["email", "name"] as const).map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`u-${f}`}>{t(f)}</label>
            <input id={`u-${f}`} name={f} type={f === "email" ? "email" : "text"} defaultValue={values[f]} aria-describedby={`u-${f}-error`} />
            <FieldErrors state={state} name={f} id={`u-${f}-error`} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="u-role">{t("role")}</label>
          <select id="u-role" name="role" defaultValue={values.role ?? "agency_officer"}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {/* The form stays mounted after an error, so the picker keeps the agency chosen. */}
        <AgencyPicker id="u-agency" name="agencyCode" label={t("agency")} hint={tPicker("hint")} error={errorText("agencyCode")} />
        <div className="field">
          <label htmlFor="u-locale">{t("locale")}</label>
          <select id="u-locale" name="locale" defaultValue={values.locale ?? "th"}>
            <option value="th">ไทย</option>
            <option value="en">English</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="u-password">{t("initialPassword")}</label>
          <input id="u-password" name="password" type="password" autoComplete="new-password" aria-describedby="u-password-error" />
          <FieldErrors state={state} name="password" id="u-password-error" />
        </div>
      </div>
      <button className="btn" disabled={pending}>
        {t("createUser")}
      </button>
    </form>
  );
}

interface UserRowActionsProps {
  userId: number;
  name: string;
  active: boolean;
  isSelf: boolean;
  role: string;
  agency: PickedAgency | null;
  roles: { value: string; label: string }[];
}

export function UserRowActions({ userId, name, active, isSelf, role, agency, roles }: UserRowActionsProps) {
  const t = useTranslations("masterData");
  const { state: activeState, formAction: toggle, pending: togglePending } = useActionForm(setUserActiveAction);
  const { state: resetState, formAction: reset, pending: resetPending } = useActionForm(resetPasswordAction);
  const toggleMessage = useMessage(activeState);
  const resetMessage = useMessage(resetState);
  return (
    <div className="admin-row-actions">
      {!isSelf && (
        <form action={toggle}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <button className="btn btn--secondary btn--small" disabled={togglePending}>
            {active ? t("deactivate") : t("activate")}
          </button>
          {toggleMessage && !toggleMessage.ok && <span className="field-error"> {toggleMessage.text}</span>}
        </form>
      )}
      {!isSelf && <ChangeRoleForm userId={userId} name={name} role={role} agency={agency} roles={roles} />}
      <details>
        <summary>{t("resetPassword")}</summary>
        <form action={reset}>
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor={`pw-${userId}`} className="visually-hidden">
            {t("newPassword")}
          </label>
          <input id={`pw-${userId}`} type="password" name="password" autoComplete="new-password" placeholder={t("newPassword")} />
          <button className="btn btn--secondary btn--small" disabled={resetPending}>
            {t("resetPassword")}
          </button>
          <span aria-live="polite" className={resetMessage?.ok ? "muted" : "field-error"}>
            {resetMessage ? ` ${resetMessage.text}` : ""}
          </span>
        </form>
      </details>
    </div>
  );
}

/** Role and agency of another user; saving ends that user's open sessions. */
function ChangeRoleForm({ userId, name, role, agency, roles }: { userId: number; name: string; role: string; agency: PickedAgency | null; roles: { value: string; label: string }[] }) {
  const t = useTranslations("masterData");
  const { state, formAction: action, pending } = useActionForm(changeUserRoleAction);
  const errorText = useFieldErrorText(state);
  const message = useMessage(state);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <details>
      <summary>{t("changeRole")}</summary>
      <form action={action} className="admin-row-form">
        <input type="hidden" name="userId" value={userId} />
        <p className="muted">{t("changeRoleHint")}</p>
        <div className="field">
          <label htmlFor={`role-${userId}`}>{t("roleFor", { name })}</label>
          <select id={`role-${userId}`} name="role" defaultValue={values.role ?? role}>
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <AgencyPicker id={`agency-${userId}`} name="agencyCode" label={t("agencyFor", { name })} initial={agency} error={errorText("agencyCode")} />
        <button className="btn btn--secondary btn--small" disabled={pending}>
          {t("save")}
        </button>
        <span aria-live="polite" className={message?.ok ? "muted" : "field-error"}>
          {message ? ` ${message.text}` : ""}
        </span>
      </form>
    </details>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { inviteUserAction, resendInvitationAction, setTeamMemberActiveAction } from "@/app/team/actions";
import { ActionFeedback, FieldError, useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";

interface InviteFormProps {
  roles: { value: string; label: string }[];
  /** An agency head invites into their own agency only: shown, not chosen. */
  fixedAgency: { code: string; label: string } | null;
  /** DGA administrators also give reviewers a province and the administrator's right. */
  full: boolean;
}

/** Invite a person by e-mail: the account is created now, the e-mail with its one-time link goes out after. */
export function InviteForm({ roles, fixedAgency, full }: InviteFormProps) {
  const t = useTranslations("team");
  const { state, formAction, pending, values } = useActionForm(inviteUserAction);
  const success = state.status === "success" ? (state.data.invited ? t("invited") : t("createdSso")) : undefined;
  const field = (name: "email" | "name", type: string) => (
    <div className="field">
      <label htmlFor={`invite-${name}`}>{t(name)}</label>
      <input id={`invite-${name}`} name={name} type={type} defaultValue={values[name]} aria-describedby={`invite-${name}-error`} autoComplete="off" />
      <FieldError state={state} name={name} id={`invite-${name}-error`} namespace="team" />
    </div>
  );
  return (
    <form action={formAction} className="card section" noValidate key={state.status === "success" ? `done-${state.data.id}` : "form"}>
      <h2>{t("inviteTitle")}</h2>
      <p className="field-hint">{t("inviteIntro")}</p>
      <ActionFeedback state={state} namespace="team" success={success} />
      <div className="grid admin-grid">
        {field("email", "email")}
        {field("name", "text")}
        <div className="field">
          <label htmlFor="invite-role">{t("role")}</label>
          <select id="invite-role" name="role" defaultValue={values.role ?? roles[roles.length - 1]?.value} aria-describedby="invite-role-error">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <FieldError state={state} name="role" id="invite-role-error" namespace="team" />
        </div>
        {fixedAgency ? (
          <div className="field">
            <span className="field-label">{t("agency")}</span>
            <input type="hidden" name="agencyCode" value={fixedAgency.code} />
            <p>{fixedAgency.label}</p>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="invite-agency">{t("agencyCode")}</label>
            <input id="invite-agency" name="agencyCode" defaultValue={values.agencyCode} aria-describedby="invite-agency-hint invite-agencyCode-error" inputMode="text" />
            <p className="field-hint" id="invite-agency-hint">
              {t("agencyCodeHint")}
            </p>
            <FieldError state={state} name="agencyCode" id="invite-agencyCode-error" namespace="team" />
          </div>
        )}
        {full && (
          <div className="field">
            <label htmlFor="invite-province">{t("province")}</label>
            <input id="invite-province" name="province" defaultValue={values.province} aria-describedby="invite-province-error" />
            <FieldError state={state} name="province" id="invite-province-error" namespace="team" />
          </div>
        )}
        <div className="field">
          <label htmlFor="invite-locale">{t("locale")}</label>
          <select id="invite-locale" name="locale" defaultValue={values.locale ?? "th"}>
            <option value="th">ไทย</option>
            <option value="en">English</option>
          </select>
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="sso" defaultChecked={values.sso === "on"} /> {t("sso")}
          </label>
          <p className="field-hint">{t("ssoHint")}</p>
        </div>
        {full && (
          <div className="field">
            <label>
              <input type="checkbox" name="managesUsers" defaultChecked={values.managesUsers === "on"} aria-describedby="invite-managesUsers-error" /> {t("managesUsers")}
            </label>
            <FieldError state={state} name="managesUsers" id="invite-managesUsers-error" namespace="team" />
          </div>
        )}
      </div>
      <button className="btn" disabled={pending}>
        {pending ? t("inviting") : t("invite")}
      </button>
    </form>
  );
}

/** Deactivate or reactivate an account; send an invitation again while it has not been accepted. */
export function TeamRowActions({ userId, name, active, invited, sso }: { userId: number; name: string; active: boolean; invited: boolean; sso: boolean }) {
  const t = useTranslations("team");
  const errorText = useErrorText("team");
  const toggle = useActionForm(setTeamMemberActiveAction);
  const resend = useActionForm(resendInvitationAction);
  return (
    <div className="admin-row-actions">
      <form action={toggle.formAction}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <button className="btn btn--secondary btn--small" disabled={toggle.pending} aria-label={`${active ? t("deactivate") : t("activate")}: ${name}`}>
          {active ? t("deactivate") : t("activate")}
        </button>
      </form>
      {active && invited && !sso && (
        <form action={resend.formAction}>
          <input type="hidden" name="userId" value={userId} />
          <button className="btn btn--secondary btn--small" disabled={resend.pending} aria-label={`${t("resend")}: ${name}`}>
            {t("resend")}
          </button>
        </form>
      )}
      <span aria-live="polite" className={toggle.state.status === "error" || resend.state.status === "error" ? "field-error" : "muted"}>
        {toggle.state.status === "error" ? errorText(toggle.state.error) : resend.state.status === "error" ? errorText(resend.state.error) : resend.state.status === "success" ? t("resent") : ""}
      </span>
    </div>
  );
}

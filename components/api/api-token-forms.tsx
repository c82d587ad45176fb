"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { issueApiTokenAction, revokeApiTokenAction } from "@/app/admin/api-tokens/actions";
import { API_TOKEN_DEFAULT_RATE, API_TOKEN_SCOPES } from "@/core/api/tokens";
import { ActionFeedback, useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";
import { DateInput } from "@/components/forms/date-input";

/** Issuing a token: who it is for, its scope, whether it may post figures, its last day and rate. The secret is shown once. */
export function IssueApiTokenForm({ defaultExpiry }: { defaultExpiry: string }) {
  const t = useTranslations("apiTokens");
  const errorText = useErrorText("apiTokens");
  const { state, formAction, pending, values } = useActionForm(issueApiTokenAction);
  const fieldError = (name: string) => (state.status === "error" ? (state.fieldErrors?.[name]?.map(errorText).join(" ") ?? "") : "");
  const id = useId();
  return (
    <form action={formAction} className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("issueHeading")}</h2>
      <div className="grid admin-grid">
      <Field id={`${id}-name`} label={t("name")} hint={t("nameHint")} error={fieldError("name")}>
        {(control) => <input {...control} name="name" required maxLength={120} defaultValue={values.name ?? ""} autoComplete="off" />}
      </Field>
      <Field id={`${id}-scope`} label={t("scope")} error={fieldError("scope")}>
        {(control) => (
          <select {...control} name="scope" defaultValue={values.scope ?? "agency"}>
            {API_TOKEN_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scopes.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-agency`} label={t("agencyCode")} hint={t("agencyCodeHint")} error={fieldError("agencyCode")}>
        {(control) => <input {...control} name="agencyCode" maxLength={40} defaultValue={values.agencyCode ?? ""} autoComplete="off" inputMode="text" />}
      </Field>
      <Field id={`${id}-expires`} label={t("expiresOn")} hint={t("expiresOnHint")} error={fieldError("expiresOn")}>
        {(control) => <DateInput {...control} name="expiresOn" required defaultValue={values.expiresOn ?? defaultExpiry} />}
      </Field>
      <Field id={`${id}-rate`} label={t("rate")} hint={t("rateHint")} error={fieldError("rateLimitPerMinute")}>
        {(control) => <input {...control} type="number" name="rateLimitPerMinute" min={1} max={6000} defaultValue={values.rateLimitPerMinute ?? String(API_TOKEN_DEFAULT_RATE)} />}
      </Field>
      </div>
      <label className="admin-inline">
        <input type="checkbox" name="canWrite" defaultChecked={values.canWrite === "on"} /> {t("canWrite")}
      </label>
      <p>
        <button type="submit" className="btn" disabled={pending}>
          {t("issue")}
        </button>
      </p>
      <ActionFeedback state={state} namespace="apiTokens" />
      <div aria-live="polite">
        {state.status === "success" && (
          <div className="alert alert--info" role="status">
            <p>
              <strong>{t("secretOnce")}</strong>
            </p>
            <label htmlFor={`${id}-secret`}>{t("secret")}</label>
            <input id={`${id}-secret`} className="api-token-secret" readOnly value={state.data.secret} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
      </div>
    </form>
  );
}

/** Revoking one token: it stops working at once. */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: number; name: string }) {
  const t = useTranslations("apiTokens");
  const errorText = useErrorText("apiTokens");
  const { state, formAction, pending } = useActionForm(revokeApiTokenAction);
  return (
    <form action={formAction}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={pending} aria-label={t("revokeLabel", { name })}>
        {t("revoke")}
      </button>
      <span aria-live="polite" className="field-error">
        {state.status === "error" ? errorText(state.error) : ""}
      </span>
    </form>
  );
}

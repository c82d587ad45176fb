"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { requestPasswordResetAction } from "@/app/forgot-password/actions";
import { FieldError, useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";

/** The e-mail address; the answer never says whether it has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("forgotPassword");
  const errorText = useErrorText("forgotPassword");
  const { state, formAction, pending } = useActionForm(requestPasswordResetAction);
  // Kept here: the public action echoes nothing back, and the form is reset after each submission.
  const [email, setEmail] = useState("");
  if (state.status === "success") {
    return (
      <div className="alert alert--info" role="status">
        {t("sent")}
      </div>
    );
  }
  const formError = state.status === "error" && !state.fieldErrors ? errorText(state.error) : null;
  return (
    <form action={formAction} noValidate>
      <div aria-live="polite">
        {formError && (
          <div className="alert alert--error" role="alert">
            {formError}
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor="reset-email">{t("email")}</label>
        <input
          id="reset-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-describedby="reset-email-error"
          aria-invalid={state.status === "error" && state.fieldErrors?.email ? true : undefined}
        />
        <FieldError state={state} name="email" id="reset-email-error" namespace="forgotPassword" />
      </div>
      <button type="submit" className="btn" disabled={pending} style={{ width: "100%" }}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { adoptProfileLocale } from "@/app/actions";
import { setPasswordAction } from "@/app/set-password/actions";
import { useErrorText } from "@/components/ui/action-form";
import { IDLE_STATE } from "@/components/ui/use-action-form";

type Outcome = { kind: "idle" } | { kind: "error"; error: string; fieldErrors: Record<string, string[]> } | { kind: "signInFailed" };

/** The new password twice; once it is set, the person is signed in with it (or sent to sign in). */
export function SetPasswordForm({ token, minLength }: { token: string; minLength: number }) {
  const t = useTranslations("setPassword");
  const errorText = useErrorText("setPassword");
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await setPasswordAction(IDLE_STATE, form);
    if (result.status !== "success") {
      setPending(false);
      setOutcome({ kind: "error", error: result.status === "error" ? result.error : "internal", fieldErrors: result.status === "error" ? (result.fieldErrors ?? {}) : {} });
      return;
    }
    const signedIn = await signIn("credentials", { email: result.data.email, password: String(form.get("password")), redirect: false });
    if (!signedIn || signedIn.error) {
      setPending(false);
      setOutcome({ kind: "signInFailed" });
      return;
    }
    await adoptProfileLocale();
    // A full navigation (as after sign-in) so the server renders the signed-in shell in the user's language.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/");
  }

  if (outcome.kind === "signInFailed") {
    return (
      <div className="alert alert--info" role="status">
        {t("doneSignIn")} <a href="/signin">{t("toSignIn")}</a>
      </div>
    );
  }
  const fieldErrors = outcome.kind === "error" ? outcome.fieldErrors : {};
  const fieldText = (name: string) => (fieldErrors[name] ?? []).map(errorText).join(" ");
  // A dead link has nothing to fix in the form: say so above it (as for a field the person does not see).
  const otherCodes = Object.entries(fieldErrors).flatMap(([field, codes]) => (field === "password" || field === "confirm" ? [] : codes));
  const formError = outcome.kind !== "error" ? null : Object.keys(fieldErrors).length ? otherCodes.map(errorText).join(" ") || null : errorText(outcome.error);
  return (
    <form onSubmit={onSubmit} noValidate>
      <div aria-live="polite">
        {formError && (
          <div className="alert alert--error" role="alert">
            {formError}
          </div>
        )}
      </div>
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor="new-password">{t("password")}</label>
        <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={minLength} aria-describedby="new-password-hint new-password-error" aria-invalid={fieldErrors.password ? true : undefined} />
        <p className="muted" id="new-password-hint">
          {t("hint", { min: minLength })}
        </p>
        <p className="field-error" id="new-password-error" aria-live="polite">
          {fieldText("password")}
        </p>
      </div>
      <div className="field">
        <label htmlFor="confirm-password">{t("confirm")}</label>
        <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" required aria-describedby="confirm-password-error" aria-invalid={fieldErrors.confirm ? true : undefined} />
        <p className="field-error" id="confirm-password-error" aria-live="polite">
          {fieldText("confirm")}
        </p>
      </div>
      <button type="submit" className="btn" disabled={pending} style={{ width: "100%" }}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

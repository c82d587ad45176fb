"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { adoptProfileLocale } from "@/app/actions";

interface Props {
  callbackUrl: string;
  initialError?: string;
  ssoName?: string;
}

export function SignInForm({ callbackUrl, initialError, ssoName }: Props) {
  const t = useTranslations("auth");
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  const [email, setEmail] = useState("");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (!email.trim() || !password) {
      setError("required");
      return;
    }
    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      setError(result?.error ?? "unknown");
      return;
    }
    await adoptProfileLocale();
    // A full navigation so the server renders the signed-in shell with the user's language.
    window.location.assign(callbackUrl);
  }

  const message = error === "required" ? t("required") : error ? errorText(t, error) : undefined;
  return (
    <>
      <form onSubmit={onSubmit} noValidate aria-describedby={message ? "signin-error" : undefined}>
        <div id="signin-error" aria-live="polite">
          {message && (
            <div className="alert alert--error" role="alert">
              {message}
              {/* Locked out (perhaps by someone else's guesses): a new password from an e-mailed link lifts the lock. */}
              {error === "rate_limited" && (
                <>
                  {" "}
                  <Link href="/forgot-password">{t("lockedReset")}</Link>
                </>
              )}
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor="email">{t("email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t("password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={error ? true : undefined} />
        </div>
        <button type="submit" className="btn" disabled={pending} style={{ width: "100%" }}>
          {pending ? t("submitting") : t("submit")}
        </button>
        <p className="signin__forgot">
          <Link href="/forgot-password">{t("forgot")}</Link>
        </p>
      </form>
      {ssoName && (
        <>
          <p className="muted" style={{ textAlign: "center", margin: "0.75rem 0" }}>
            {t("or")}
          </p>
          <button type="button" className="btn btn--secondary" style={{ width: "100%" }} onClick={() => signIn("oidc", { callbackUrl })}>
            {t("sso", { name: ssoName })}
          </button>
        </>
      )}
    </>
  );
}

function errorText(t: ReturnType<typeof useTranslations<"auth">>, code: string): string {
  switch (code) {
    case "invalid_credentials":
    case "CredentialsSignin":
      return t("errors.invalid_credentials");
    case "account_disabled":
      return t("errors.account_disabled");
    case "rate_limited":
      return t("errors.rate_limited");
    case "sso_no_account":
      return t("errors.sso_no_account");
    default:
      return t("errors.unknown");
  }
}

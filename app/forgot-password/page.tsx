import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("forgotPassword"))("title") };
}

/**
 * "Forgot password": asks for the e-mail address and sends a one-time link to /set-password. Open to
 * anyone; the same answer whether or not the address has an account. Also the way back in for an owner
 * whose account was locked by wrong passwords (choosing a new password lifts the lock).
 */
export default async function ForgotPasswordPage() {
  const t = await getTranslations("forgotPassword");
  return (
    <div className="signin">
      <div className="card signin__card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <ForgotPasswordForm />
        <p>
          <Link href="/signin">{t("toSignIn")}</Link>
        </p>
      </div>
    </div>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { isOidcConfigured, SIGN_IN_ERRORS } from "@/lib/auth/options";
import { safeCallbackPath } from "@/lib/http/safe-redirect";
import { isDemoDatabase } from "@/db/queries/meta";
import { DEMO_PASSWORD } from "@/core/demo";
import { SignInForm } from "@/components/forms/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const rawError = typeof params.error === "string" ? params.error : undefined;
  // next-auth reports unknown failures with its own codes; show those as the generic message.
  const initialError = rawError ? ((SIGN_IN_ERRORS as readonly string[]).includes(rawError) ? rawError : "unknown") : undefined;
  const demo = await isDemoDatabase();
  return (
    <div className="signin">
      <div className="card signin__card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        {params.reason === "expired" && !initialError && (
          <div className="alert alert--info" role="status">
            {t("expired")}
          </div>
        )}
        <SignInForm callbackUrl={callbackUrl} initialError={initialError} ssoName={isOidcConfigured() ? process.env.OIDC_NAME || "SSO" : undefined} />
        {demo && <p className="signin__demo muted">{t("demoHint", { password: DEMO_PASSWORD })}</p>}
      </div>
    </div>
  );
}

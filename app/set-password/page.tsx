import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { inspectUserToken } from "@/lib/auth/user-tokens";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { SetPasswordForm } from "@/components/auth/set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("setPassword"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Choosing a password from a one-time link (the first administrator's from `npm run setup`; later
 * invitations and forgotten passwords). Open to anyone: the token is what authorizes.
 */
export default async function SetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const t = await getTranslations("setPassword");
  const state = await inspectUserToken(token);
  return (
    <div className="signin">
      <div className="card signin__card">
        <h1>{t("title")}</h1>
        {state.status === "valid" ? (
          <>
            <p className="muted">{t("intro", { name: state.name, email: state.email })}</p>
            <SetPasswordForm token={token} minLength={MIN_PASSWORD_LENGTH} />
          </>
        ) : (
          <>
            <div className="alert alert--error" role="alert">
              {t(`errors.${state.status}`)}
            </div>
            <p>
              <Link href="/signin">{t("toSignIn")}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

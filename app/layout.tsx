import "@fontsource/sarabun/400.css";
import "@fontsource/sarabun/600.css";
import "@fontsource/sarabun/700.css";
import "./globals.css";
import "./styles/reports.css";
import "./styles/features.css";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { isDemoDatabase } from "@/db/queries/meta";
import { getActor } from "@/lib/auth/session";
import { navigationFor } from "@/lib/auth/navigation";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { HeaderMenu } from "@/components/layout/header-menu";
import { NavLinks } from "@/components/layout/nav-links";
import { Providers } from "@/components/layout/providers";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ClientMessages } from "@/components/layout/client-messages";

/**
 * The message namespaces the shell's client components and the root error boundary use. Each route area
 * provides its own (app/<area>/layout.tsx); tests/unit/client-messages.test.ts checks the lists.
 */
const CLIENT_NAMESPACES = ["app", "errors"];

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: `${t("name")} · ${t("tagline")}`, template: `%s · ${t("name")}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page depends on the session and the database: never prerender at build time, where opening
  // the embedded database would create (and lock) a data folder.
  await connection();
  const [locale, t, tNav, tRole, actor, demo] = await Promise.all([
    getLocale(),
    getTranslations("app"),
    getTranslations("nav"),
    getTranslations("enums.role"),
    getActor(),
    isDemoDatabase(),
  ]);
  const nav = actor ? navigationFor(actor).map((item) => ({ href: item.href, label: tNav(item.key) })) : [];
  return (
    <html lang={locale}>
      <body>
        <ClientMessages namespaces={CLIENT_NAMESPACES}>
          <Providers>
            <a className="skip-link" href="#main">
              {t("skipToContent")}
            </a>
            <header className="app-header">
              <div className="app-header__inner">
                <Link href="/" className="brand">
                  {t("name")} <small>{t("tagline")}</small>
                </Link>
                {actor ? (
                  <HeaderMenu label={tNav("menu")}>
                    <NavLinks items={nav} label={tNav("label")} />
                    <div className="header-tools">
                      <LanguageSwitch />
                      <div className="header-user">
                        <div className="user-chip" aria-label={tNav("signedInAs", { name: actor.name })}>
                          {actor.name}
                          <span>{tRole(actor.role)}</span>
                        </div>
                        <SignOutButton label={tNav("signOut")} />
                      </div>
                    </div>
                  </HeaderMenu>
                ) : (
                  <div className="header-tools">
                    <LanguageSwitch />
                  </div>
                )}
              </div>
            </header>
            {demo && (
              <p className="demo-banner" role="note">
                {t("demoBanner")}
              </p>
            )}
            <main id="main" tabIndex={-1}>
              {children}
            </main>
          </Providers>
        </ClientMessages>
      </body>
    </html>
  );
}

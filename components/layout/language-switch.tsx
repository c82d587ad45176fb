"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/app/actions";
import { LOCALES } from "@/core/enums";

const LABELS: Record<(typeof LOCALES)[number], { short: string; full: string }> = {
  th: { short: "ไทย", full: "ภาษาไทย" },
  en: { short: "EN", full: "English" },
};

export function LanguageSwitch({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const current = useLocale();
  const t = useTranslations("app");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t("language")} className={`lang-switch${tone === "light" ? " lang-switch--light" : ""}`}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          aria-label={LABELS[locale].full}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocale(locale);
              router.refresh();
            })
          }
        >
          {LABELS[locale].short}
        </button>
      ))}
    </div>
  );
}

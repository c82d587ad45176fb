"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

// Users see a safe, localized message and a reference; the cause stays in the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="page">
      <div className="card" role="alert">
        <h1>{t("genericTitle")}</h1>
        <p>{t("generic")}</p>
        {error.digest && <p className="muted">{t("reference", { digest: error.digest })}</p>}
        <button type="button" className="btn" onClick={reset}>
          {t("retry")}
        </button>
      </div>
    </div>
  );
}

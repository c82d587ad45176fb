"use client";

import { useTranslations } from "next-intl";

/** Shown when a client refetch fails: a friendly message and a retry, never a stack trace. */
export function QueryError({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations("dashboard");
  return (
    <div className="alert alert--error" role="alert">
      <p>{t("loadError")}</p>
      <button type="button" className="btn btn--secondary" onClick={onRetry}>
        {t("retry")}
      </button>
    </div>
  );
}

export function DashboardSkeleton({ blocks = 3 }: { blocks?: number }) {
  const t = useTranslations("dashboard");
  return (
    <div className="skeleton-grid" aria-busy="true">
      <span className="visually-hidden" role="status">
        {t("loading")}
      </span>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} className="skeleton card" aria-hidden="true" />
      ))}
    </div>
  );
}

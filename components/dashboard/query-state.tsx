"use client";

import { useTranslations } from "next-intl";

/** What a dashboard section shows while its figures stream in from the server. */
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

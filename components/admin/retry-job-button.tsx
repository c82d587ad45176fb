"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { retryJobAction } from "@/app/admin/jobs/actions";

const IDLE = { status: "idle" } as const;

/** Sends one failed job back to its queue; the outcome is announced politely. */
export function RetryJobButton({ jobId }: { jobId: string }) {
  const t = useTranslations("jobs");
  const tErr = useTranslations("errors");
  const [state, action, pending] = useActionState(retryJobAction, IDLE as Awaited<ReturnType<typeof retryJobAction>>);
  return (
    <form action={action}>
      <input type="hidden" name="jobId" value={jobId} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={pending} aria-label={t("retryLabel", { id: jobId.slice(0, 8) })}>
        {t("retry")}
      </button>
      <span aria-live="polite" className={state.status === "error" ? "field-error" : "muted"}>
        {state.status === "error" ? (tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal")) : state.status === "success" ? t("retried") : ""}
      </span>
    </form>
  );
}

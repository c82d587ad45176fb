"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { retryJobAction } from "@/app/admin/jobs/actions";

/** Sends one failed job back to its queue; the outcome is announced politely. */
export function RetryJobButton({ jobId }: { jobId: string }) {
  const t = useTranslations("jobs");
  const errorText = useErrorText("jobs");
  const { state, formAction, pending } = useActionForm(retryJobAction);
  return (
    <form action={formAction}>
      <input type="hidden" name="jobId" value={jobId} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={pending} aria-label={t("retryLabel", { id: jobId.slice(0, 8) })}>
        {t("retry")}
      </button>
      <span aria-live="polite" className={state.status === "error" ? "field-error" : "muted"}>
        {state.status === "error" ? errorText(state.error) : state.status === "success" ? t("retried") : ""}
      </span>
    </form>
  );
}

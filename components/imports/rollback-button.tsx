"use client";

import { useTranslations } from "next-intl";
import { useActionForm } from "@/components/ui/use-action-form";
import { rollbackBatchAction } from "@/app/imports/actions";


/** Rolls a whole batch back after an explicit confirmation; the outcome is announced politely. */
export function RollbackButton({ batchId }: { batchId: number }) {
  const t = useTranslations("imports.history");
  const tErr = useTranslations("errors");
  const { state, formAction: action, pending } = useActionForm(rollbackBatchAction);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(t("rollbackConfirm", { id: batchId }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="batchId" value={batchId} />
      <button type="submit" className="btn btn--secondary btn--small" disabled={pending} aria-label={t("rollbackLabel", { id: batchId })}>
        {t("rollback")}
      </button>
      <span aria-live="polite" className={state.status === "error" ? "field-error" : "muted"}>
        {state.status === "error" ? (tErr.has(state.error as "internal") ? tErr(state.error as "internal") : tErr("internal")) : state.status === "success" ? t("rolledBack", { id: batchId }) : ""}
      </span>
    </form>
  );
}

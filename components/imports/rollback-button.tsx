"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { rollbackBatchAction } from "@/app/imports/actions";

/** The initial form-action state (lib/http/action.ts is server-only, so not imported here). */
const IDLE = { status: "idle" } as const;


/** Rolls a whole batch back after an explicit confirmation; the outcome is announced politely. */
export function RollbackButton({ batchId }: { batchId: number }) {
  const t = useTranslations("imports.history");
  const tErr = useTranslations("errors");
  const [state, action, pending] = useActionState(rollbackBatchAction, IDLE as Awaited<ReturnType<typeof rollbackBatchAction>>);
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

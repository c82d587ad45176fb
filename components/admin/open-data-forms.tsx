"use client";

import { useTranslations } from "next-intl";
import { publishOpenDataAction, withdrawOpenDataAction } from "@/app/admin/periods/actions";
import { ActionFeedback, FieldError } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";

const NS = "openDataAdmin";

/** Publishes a closed quarter's approved figures as open data (analysts and administrators). */
export function PublishOpenDataForm({ periodId, label }: { periodId: number; label: string }) {
  const t = useTranslations(NS);
  const { state, formAction, pending } = useActionForm(publishOpenDataAction);
  if (state.status === "success") return <p className="muted">{t("publishedNow")}</p>;
  return (
    <form action={formAction}>
      <input type="hidden" name="periodId" value={periodId} />
      <ActionFeedback state={state} namespace={NS} />
      <button className="btn btn--secondary btn--small" disabled={pending} aria-describedby={`publish-${periodId}-hint`} aria-label={`${t("publish")} ${label}`}>
        {t("publish")}
      </button>
      <p className="muted small" id={`publish-${periodId}-hint`}>
        {t("publishHint")}
      </p>
    </form>
  );
}

/** Takes a quarter's publication down, with a reason (administrators). */
export function WithdrawOpenDataForm({ periodId, label }: { periodId: number; label: string }) {
  const t = useTranslations(NS);
  const { state, formAction, pending, values } = useActionForm(withdrawOpenDataAction);
  const id = (name: string) => `withdraw-${periodId}-${name}`;
  if (state.status === "success") return <p className="muted">{t("withdrawn")}</p>;
  return (
    <details>
      <summary>{t("withdraw")}</summary>
      <form action={formAction}>
        <input type="hidden" name="periodId" value={periodId} />
        <div className="field">
          <label htmlFor={id("reason")}>{t("withdrawReason", { period: label })}</label>
          <textarea id={id("reason")} name="reason" rows={2} defaultValue={values.reason} aria-describedby={id("reason-error")} />
          <FieldError state={state} name="reason" id={id("reason-error")} namespace={NS} />
        </div>
        <ActionFeedback state={state.status === "error" && state.fieldErrors ? { status: "idle" } : state} namespace={NS} />
        <button className="btn btn--secondary btn--small" disabled={pending}>
          {t("withdrawConfirm")}
        </button>
      </form>
    </details>
  );
}

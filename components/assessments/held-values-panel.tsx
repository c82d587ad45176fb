"use client";

import { useTranslations } from "next-intl";
import { confirmHeldFigureAction } from "@/app/submissions/actions";
import type { ActionState } from "@/lib/http/action";
import { useErrorText } from "@/components/ui/action-form";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";

export interface HeldValueView {
  factId: number;
  label: string;
  valueText: string;
  /** The agency's reason for the unusual value. */
  reason: string | null;
  /** "Confirmed by … on …", once confirmed. */
  confirmedText: string | null;
}

/**
 * Values held as implausible: not counted until a DGA analyst confirms them. Shown above the form so the
 * reviewer reads them first; the agency sees that they wait for confirmation.
 */
export function HeldValuesPanel({ rows, canConfirm, path }: { rows: HeldValueView[]; canConfirm: boolean; path: string }) {
  const t = useTranslations("submissions.held");
  if (!rows.length) return null;
  return (
    <section className="card assess-held" aria-labelledby="held-heading">
      <h2 id="held-heading">{t("title", { count: rows.length })}</h2>
      <p className="muted">{t("intro")}</p>
      <ul className="plain-list">
        {rows.map((row) => (
          <li key={row.factId}>
            <p>
              <strong>{row.label}</strong>: {row.valueText}
            </p>
            <p>
              {t("agencyReason")}: {row.reason ?? <em>{t("noReason")}</em>}
            </p>
            {row.confirmedText ? <p className="alert alert--info">{row.confirmedText}</p> : canConfirm ? <ConfirmForm factId={row.factId} path={path} /> : <p className="alert alert--warn">{t("waiting")}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConfirmForm({ factId, path }: { factId: number; path: string }) {
  const t = useTranslations("submissions.held");
  const errorText = useErrorText("submissions.held");
  const { state, formAction, pending, values } = useActionForm<ActionState<{ factId: number }>>(confirmHeldFigureAction);
  const noteError = state.status === "error" ? state.fieldErrors?.note?.[0] : undefined;
  const id = `held-note-${factId}`;
  return (
    <form action={formAction} className="assess-reason-form">
      <input type="hidden" name="factId" value={factId} />
      <input type="hidden" name="path" value={path} />
      <Field id={id} label={t("note")} error={noteError ? errorText(noteError) : ""}>
        {(control) => <input {...control} type="text" name="note" defaultValue={values.note} required />}
      </Field>
      <button className="btn btn--secondary" disabled={pending}>
        {t("confirm")}
      </button>
      <div aria-live="polite">{state.status === "error" && !noteError && <p className="alert alert--error">{errorText(state.error)}</p>}</div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/http/action";

/**
 * Error texts of a form action: a code is looked up in the form's own namespace ("<ns>.errors.<code>"),
 * then among the app's errors ("errors.<code>"), so a form only words what is particular to it.
 */
export function useErrorText(namespace: string) {
  const own = useTranslations(namespace);
  const app = useTranslations("errors");
  return (code: string) => (own.has(`errors.${code}`) ? own(`errors.${code}`) : app.has(code) ? app(code) : app("internal"));
}

/** The form-level result, announced to screen readers. */
export function ActionFeedback({ state, namespace, success }: { state: ActionState<unknown>; namespace: string; success?: string }) {
  const errorText = useErrorText(namespace);
  return (
    <div aria-live="polite">
      {state.status === "success" && success && <p className="alert alert--info">{success}</p>}
      {state.status === "error" && <p className="alert alert--error">{errorText(state.error)}</p>}
    </div>
  );
}

/** The messages of one field, referenced by the field's aria-describedby. */
export function FieldError({ state, name, id, namespace }: { state: ActionState<unknown>; name: string; id: string; namespace: string }) {
  const errorText = useErrorText(namespace);
  const codes = state.status === "error" ? state.fieldErrors?.[name] : undefined;
  return (
    <p className="field-error" id={id}>
      {codes?.map(errorText).join(" ")}
    </p>
  );
}

"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action";

// Apart from the form feedback (action-form.tsx), so that a form that words its own results does not make
// its page send the browser every error text of the app.

/** The state of every form action before its first submission (lib/http/action.ts is server-only). */
export const IDLE_STATE = { status: "idle" } as ActionState<never>;

type FormAction<S> = (previous: S, formData: FormData) => Promise<S>;

/**
 * A server action bound to a form: its state (starting idle), the action to put on the form, whether it is
 * pending, and the values echoed back after an error so that nothing typed is lost.
 */
export function useActionForm<S extends ActionState<unknown>>(serverAction: FormAction<S>) {
  const [state, formAction, pending] = useActionState<S, FormData>(serverAction, IDLE_STATE as Awaited<S>);
  const values: Record<string, string> = state.status === "error" ? (state.values ?? {}) : {};
  return { state, formAction, pending, values };
}

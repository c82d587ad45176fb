import "server-only";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import { AppError, ValidationError } from "@/core/errors";
import { toFieldErrors, unstorableTextErrors } from "@/core/errors/field-errors";
import { log } from "@/core/log";

/**
 * What a form action returns to `useActionState`. `error` and the field errors are message keys
 * (under "errors."); `values` echoes what the user typed so that nothing is lost on an error.
 */
export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "success"; data: T; message?: string }
  | {
      status: "error";
      error: string;
      fieldErrors?: Record<string, string[]>;
      values?: Record<string, string>;
      /** Extra detail for the message, e.g. the conflicting version's changes. */
      detail?: unknown;
    };

export { toFieldErrors };

export const IDLE: ActionState<never> = { status: "idle" };

interface ActionOptions<S extends z.ZodType> {
  permission: Permission;
  input: S;
}

/** Turns FormData into a plain object; repeated names become arrays. Files stay File objects. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (key in result) {
      const existing = result[key];
      result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    } else result[key] = value;
  }
  return result;
}

function echoValues(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/**
 * The one wrapper for form server actions: session, permission and input validation come first,
 * typed errors become a localized state, unexpected errors are logged and answered generically.
 * Server actions are POST-only and origin-checked by Next.js, which makes them CSRF-safe.
 */
export function createFormAction<S extends z.ZodType, R>(
  options: ActionOptions<S>,
  handler: (input: z.infer<S>, actor: Actor) => Promise<R>,
) {
  return async (_previous: ActionState<R>, formData: FormData): Promise<ActionState<R>> => {
    const raw = formDataToObject(formData);
    const actor = await getActor();
    if (!actor) return { status: "error", error: "unauthenticated", values: echoValues(raw) };
    if (!can(actor, options.permission)) return { status: "error", error: "forbidden", values: echoValues(raw) };
    const unstorable = unstorableTextErrors(raw);
    if (unstorable) return { status: "error", error: "validation", fieldErrors: unstorable, values: echoValues(raw) };
    const parsed = options.input.safeParse(raw);
    if (!parsed.success) {
      return { status: "error", error: "validation", fieldErrors: toFieldErrors(parsed.error), values: echoValues(raw) };
    }
    try {
      return { status: "success", data: await handler(parsed.data, actor) };
    } catch (error) {
      return { ...errorState(error), values: echoValues(raw) };
    }
  };
}

export function errorState(error: unknown): Extract<ActionState<never>, { status: "error" }> {
  // Services re-validate their input with zod; those failures are the user's, not the server's.
  if (error instanceof z.ZodError) return { status: "error", error: "validation", fieldErrors: toFieldErrors(error) };
  if (error instanceof ValidationError) return { status: "error", error: error.code, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { status: "error", error: error.code, detail: "detail" in error ? (error as { detail?: unknown }).detail : undefined };
  log("error", "action.unexpected_error", { error });
  return { status: "error", error: "internal" };
}

/**
 * Form actions for people who are not signed in (choosing a password from a one-time link): no session or
 * permission check — the service authorizes by what the request carries (the token) — but the same input
 * checks and error mapping as createFormAction.
 */
export function createPublicFormAction<S extends z.ZodType, R>(input: S, handler: (input: z.infer<S>) => Promise<R>) {
  return async (_previous: ActionState<R>, formData: FormData): Promise<ActionState<R>> => {
    const raw = formDataToObject(formData);
    const unstorable = unstorableTextErrors(raw);
    if (unstorable) return { status: "error", error: "validation", fieldErrors: unstorable };
    const parsed = input.safeParse(raw);
    if (!parsed.success) return { status: "error", error: "validation", fieldErrors: toFieldErrors(parsed.error) };
    try {
      return { status: "success", data: await handler(parsed.data) };
    } catch (error) {
      return errorState(error);
    }
  };
}

// Field errors are message keys ("required", "too_long"), never prose: the form looks each one up in
// messages/*.json. zod's own messages ("Invalid input: expected number, received NaN") are English
// sentences, so an issue without a code of ours is named by its kind here. Used by the browser and the
// server alike (no server imports).
import type { z } from "zod";

/** A message we set on a schema: a key, not a sentence. */
const MESSAGE_KEY = /^[a-z][A-Za-z0-9_]*$/;

/** The message key of one zod issue: its own when the schema gave one, else one by the kind of problem. */
export function issueCode(issue: z.core.$ZodIssue): string {
  if (MESSAGE_KEY.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      // zod names an absent value only in its message.
      return / received undefined$/.test(issue.message) ? "required" : "invalid";
    case "too_small":
      return (issue.origin === "string" || issue.origin === "array") && Number(issue.minimum) <= 1 ? "required" : "invalid";
    case "too_big":
      return issue.origin === "string" || issue.origin === "array" ? "too_long" : "too_large";
    default:
      return "invalid";
  }
}

/** zod issues to field errors: every code for every field, keyed by dotted path ("_form" for the whole). */
export function toFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (fieldErrors[key] ??= []).push(issueCode(issue));
  }
  return fieldErrors;
}

/**
 * Fields whose text holds a NUL character, which no PostgreSQL text column can store (and no keyboard
 * types): refused as "invalid_characters" before anything reads them.
 */
export function unstorableTextErrors(fields: Record<string, unknown>): Record<string, string[]> | null {
  const bad = Object.entries(fields).filter(([, value]) => (Array.isArray(value) ? value : [value]).some((v) => typeof v === "string" && v.includes("\u0000")));
  return bad.length ? Object.fromEntries(bad.map(([key]) => [key, ["invalid_characters"]])) : null;
}

import "server-only";
import { AppError, ValidationError } from "@/core/errors";
import { log } from "@/core/log";
import { ImportFileError } from "@/lib/import/errors";
import type { ImportProgress, ImportSummary } from "./import-summary";

// What the import screen receives while a preview or commit runs, in the request or from a worker
// (import-runs.ts): progress events, then the summary or the error.

/** Preview responses carry at most this many row errors; the fix list has them all. */
export const MAX_ERRORS_IN_RESPONSE = 500;

export type ClientSummary = Omit<ImportSummary, "invalidRows" | "errors"> & { errors: ImportSummary["errors"]; errorCount: number };

export function toClientSummary(summary: ImportSummary): ClientSummary {
  const { invalidRows: _invalidRows, errors, ...rest } = summary;
  return { ...rest, errors: errors.slice(0, MAX_ERRORS_IN_RESPONSE), errorCount: errors.length, notices: rest.notices.slice(0, MAX_ERRORS_IN_RESPONSE) };
}

export type ImportStreamEvent =
  | ({ type: "progress" } & ImportProgress)
  | { type: "result"; summary: ClientSummary }
  | { type: "error"; error: string; reason?: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string[]> };

export type ImportErrorEvent = Extract<ImportStreamEvent, { type: "error" }>;

/** A typed error as an event the upload screen can explain; anything else is logged and answered generically. */
export function importErrorEvent(error: unknown): ImportErrorEvent {
  if (error instanceof ImportFileError) return { type: "error", error: error.code, reason: error.reason, params: error.params };
  if (error instanceof ValidationError) return { type: "error", error: error.code, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { type: "error", error: error.code };
  log("error", "imports.unexpected_error", { error });
  return { type: "error", error: "internal" };
}

/** Passes progress on at most once every `everyMs` (the refresh phase always): enough for a progress bar, no flood for 100,000 rows. */
export function throttleProgress(everyMs: number, emit: (progress: ImportProgress) => void): (progress: ImportProgress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last < everyMs && progress.phase !== "refresh") return;
    last = now;
    emit(progress);
  };
}

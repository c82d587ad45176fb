import "server-only";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { AppError, ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/lib/http/action";
import { ImportFileError } from "@/lib/import/errors";
import { readUploadedFile } from "@/lib/import/upload";
import { AMOUNT_UNITS } from "@/core/emenscr/amount-units";
import type { ImportOptions, ImportProgress, ImportSummary } from "./import-summary";
import { log } from "@/core/log";
import type { Actor } from "@/core/auth/actor";
import { withActor } from "@/lib/http/route";

/** Preview responses carry at most this many row errors; the fix list has them all. */
export const MAX_ERRORS_IN_RESPONSE = 500;

/** A header → field (or column index → field) mapping sent as JSON in a form field. */
const jsonMapping = z
  .string()
  .max(50_000)
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    try {
      return z.record(z.string().max(300), z.string().max(50).nullable()).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: "custom", message: "validation" });
      return z.NEVER;
    }
  });

const importForm = z.object({
  period: z.string().regex(/^\d{4}Q[1-4]$/, "import_invalid_period").optional().or(z.literal("").transform(() => undefined)),
  sheet: z.string().trim().max(100).optional().transform((s) => s || undefined),
  profileId: recordId.optional().or(z.literal("").transform(() => undefined)),
  mapping: jsonMapping,
  positions: jsonMapping,
  hasHeaderRow: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")),
  amountUnit: z.enum(AMOUNT_UNITS).optional().or(z.literal("").transform(() => undefined)),
  expectedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});

/** Reads the upload form of the import routes. */
export async function readImportRequest(request: Request): Promise<Omit<ImportOptions, "onProgress">> {
  const { fileName, bytes, fields } = await readUploadedFile(request);
  const parsed = importForm.safeParse(fields);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  return {
    fileName,
    bytes,
    periodCode: parsed.data.period,
    sheetName: parsed.data.sheet,
    mappingProfileId: parsed.data.profileId,
    mapping: parsed.data.mapping,
    positions: parsed.data.positions,
    hasHeaderRow: parsed.data.hasHeaderRow,
    amountUnit: parsed.data.amountUnit,
    // The upload screen lets the analyst map a file without a recognisable header by position.
    offerPositionalMapping: true,
    expectedSha256: parsed.data.expectedSha256,
  };
}

export type ClientSummary = Omit<ImportSummary, "invalidRows" | "errors"> & { errors: ImportSummary["errors"]; errorCount: number };

export function toClientSummary(summary: ImportSummary): ClientSummary {
  const { invalidRows: _invalidRows, errors, ...rest } = summary;
  return { ...rest, errors: errors.slice(0, MAX_ERRORS_IN_RESPONSE), errorCount: errors.length, notices: rest.notices.slice(0, MAX_ERRORS_IN_RESPONSE) };
}

export type ImportStreamEvent =
  | ({ type: "progress" } & ImportProgress)
  | { type: "result"; summary: ClientSummary }
  | { type: "error"; error: string; reason?: string; params?: Record<string, string | number>; fieldErrors?: Record<string, string[]> };

/** A typed error as an event the upload screen can explain; anything else is logged and answered generically. */
export function importErrorEvent(error: unknown): Extract<ImportStreamEvent, { type: "error" }> {
  if (error instanceof ImportFileError) return { type: "error", error: error.code, reason: error.reason, params: error.params };
  if (error instanceof ValidationError) return { type: "error", error: error.code, fieldErrors: error.fieldErrors };
  if (error instanceof AppError) return { type: "error", error: error.code };
  log("error", "imports.unexpected_error", { error });
  return { type: "error", error: "internal" };
}

/**
 * Runs an import step and streams newline-delimited JSON: progress events while rows are read and
 * written (large files take a while), then the result or the error. The HTTP status is 200 once the
 * stream has started; errors found before it (bad form, too large) get their own status.
 */
export function streamImport(run: (onProgress: (p: ImportProgress) => void) => Promise<ImportSummary>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ImportStreamEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      let last = 0;
      try {
        const summary = await run((p) => {
          // At most a few updates a second: enough for a progress bar, no flood for 100,000 rows.
          const now = Date.now();
          if (now - last < 250 && p.phase !== "refresh") return;
          last = now;
          send({ type: "progress", ...p });
        });
        send({ type: "result", summary: toClientSummary(summary) });
      } catch (error) {
        send(importErrorEvent(error));
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "private, no-store" } });
}

export function importErrorResponse(error: unknown): Response {
  const event = importErrorEvent(error);
  const status = error instanceof AppError ? error.status : 500;
  return Response.json(event, { status });
}

/**
 * The handler of an import route (preview or commit): reads the upload, then streams the run's progress and
 * summary; a refused upload is answered at once with its localized error.
 */
export function importRouteHandler(run: (actor: Actor, options: ImportOptions) => Promise<ImportSummary>) {
  return withActor("import.run", async (request, { actor }) => {
    let input;
    try {
      input = await readImportRequest(request);
    } catch (error) {
      return importErrorResponse(error);
    }
    return streamImport((onProgress) => run(actor, { ...input, onProgress }));
  });
}

import "server-only";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { AppError, ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/lib/http/action";
import { readUploadedFile } from "@/lib/import/upload";
import { AMOUNT_UNITS } from "@/core/emenscr/amount-units";
import { withActor } from "@/lib/http/route";
import { workersRunElsewhere } from "@/lib/jobs/queue";
import { importErrorEvent, throttleProgress, toClientSummary, type ImportStreamEvent } from "./import-events";
import { followImportRun, queueImportRun } from "./import-runs";
import { commitImport, previewImport } from "./import-service";
import type { ImportMode, ImportOptions, ImportProgress, ImportSummary } from "./import-summary";

export type { ClientSummary, ImportErrorEvent, ImportStreamEvent } from "./import-events";

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

/**
 * Streams newline-delimited JSON: progress events while rows are read and written (large files take a
 * while), then the result or the error. The HTTP status is 200 once the stream has started; errors found
 * before it (bad form, too large) get their own status.
 */
function streamEvents(produce: (send: (event: ImportStreamEvent) => void, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const reader = new AbortController();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: ImportStreamEvent) => {
        if (!reader.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      };
      try {
        await produce(send, reader.signal);
      } catch (error) {
        send(importErrorEvent(error));
      } finally {
        if (!reader.signal.aborted) controller.close();
      }
    },
    cancel: () => reader.abort(),
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "private, no-store" } });
}

/** Runs the import in this request, streaming its progress a few times a second. */
function runHere(run: (onProgress: (p: ImportProgress) => void) => Promise<ImportSummary>) {
  return async (send: (event: ImportStreamEvent) => void) => {
    const summary = await run(throttleProgress(250, (p) => send({ type: "progress", ...p })));
    send({ type: "result", summary: toClientSummary(summary) });
  };
}

export function importErrorResponse(error: unknown): Response {
  const event = importErrorEvent(error);
  const status = error instanceof AppError ? error.status : 500;
  return Response.json(event, { status });
}

/**
 * The handler of an import route (preview or commit): reads the upload, then streams the run's progress and
 * summary; a refused upload is answered at once with its localized error. Where the app's jobs run in worker
 * processes, a worker runs the import (import-runs.ts) and this request only relays it.
 */
export function importRouteHandler(mode: ImportMode) {
  const run = mode === "preview" ? previewImport : commitImport;
  return withActor("import.run", async (request, { actor }) => {
    let input;
    try {
      input = await readImportRequest(request);
    } catch (error) {
      return importErrorResponse(error);
    }
    if (workersRunElsewhere()) {
      const queued = await queueImportRun(actor, mode, input);
      return streamEvents((send, signal) => followImportRun(queued, signal, send));
    }
    return streamEvents(runHere((onProgress) => run(actor, { ...input, onProgress })));
  });
}

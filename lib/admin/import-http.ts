import "server-only";
import { z } from "zod";
import type { Actor } from "@/core/auth/actor";
import { importErrorResponse } from "@/lib/emenscr/http";
import { ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/lib/http/action";
import { readUploadedFile } from "@/lib/import/upload";
import type { TableImportSummary } from "@/lib/import/table";
import type { TableImportOptions } from "./table-import";
import type { TemplateFile } from "./import-templates";

const form = z.object({ mode: z.enum(["preview", "commit"]), expectedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() });

type Run = (actor: Actor, options: TableImportOptions) => Promise<TableImportSummary & { audit?: unknown }>;

/**
 * The upload route of a reference-data import: preview, or commit of the file previewed (the browser
 * sends it again with the preview's SHA-256; the server keeps no upload between requests).
 */
export async function handleTableImport(request: Request, actor: Actor, run: { preview: Run; commit: Run }): Promise<Response> {
  try {
    const upload = await readUploadedFile(request);
    const parsed = form.safeParse(upload.fields);
    if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
    const fields = parsed.data;
    const options = { fileName: upload.fileName, bytes: upload.bytes, expectedSha256: fields.expectedSha256 };
    const { audit: _audit, ...summary } = await run[fields.mode](actor, options);
    return Response.json(summary, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    return importErrorResponse(error);
  }
}

export function templateResponse(file: TemplateFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.fileName}"`, "cache-control": "private, no-store" },
  });
}

export const templateFormat = (request: Request) => (new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx");

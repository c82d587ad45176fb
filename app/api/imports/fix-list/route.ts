import { getLocale } from "next-intl/server";
import { toLocale } from "@/i18n/locale";
import { withActor } from "@/lib/http/route";
import { buildFixList } from "@/lib/emenscr/fix-list";
import { importErrorResponse, readImportRequest } from "@/lib/emenscr/http";
import { previewImport } from "@/lib/emenscr/import-service";

/** The invalid rows of an uploaded export with what to fix, as an xlsx to correct and import again. */
export const POST = withActor("import.run", async (request, { actor }) => {
  try {
    const input = await readImportRequest(request);
    const summary = await previewImport(actor, { ...input, keepInvalidCells: true });
    const locale = toLocale(await getLocale());
    const bytes = await buildFixList({ columns: summary.columns, headerRow: summary.headerRow > 0, rows: summary.invalidRows ?? [], errors: summary.errors, locale });
    const base = input.fileName.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80) || "emenscr";
    return new Response(new Uint8Array(bytes), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="fix-list.xlsx"; filename*=UTF-8''${encodeURIComponent(`${base}-fix-list.xlsx`)}`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return importErrorResponse(error);
  }
});

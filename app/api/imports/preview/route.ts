import { withActor } from "@/lib/http/route";
import { importErrorResponse, readImportRequest, streamImport } from "@/lib/emenscr/http";
import { previewImport } from "@/lib/emenscr/import-service";

/** Checks an uploaded export without writing anything; streams progress, then the preview. */
export const POST = withActor("import.run", async (request, { actor }) => {
  let input;
  try {
    input = await readImportRequest(request);
  } catch (error) {
    return importErrorResponse(error);
  }
  return streamImport((onProgress) => previewImport(actor, { ...input, onProgress }));
});

import { withActor } from "@/lib/http/route";
import { importErrorResponse, readImportRequest, streamImport } from "@/lib/emenscr/http";
import { commitImport } from "@/lib/emenscr/import-service";

/**
 * Commits an uploaded export in one transaction. The browser sends the file again (the server keeps no
 * upload between requests) with the SHA-256 of the preview, so what is committed is what was checked.
 */
export const POST = withActor("import.run", async (request, { actor }) => {
  let input;
  try {
    input = await readImportRequest(request);
  } catch (error) {
    return importErrorResponse(error);
  }
  return streamImport((onProgress) => commitImport(actor, { ...input, onProgress }));
});

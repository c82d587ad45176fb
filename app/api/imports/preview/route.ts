import { importRouteHandler } from "@/lib/emenscr/http";
import { previewImport } from "@/lib/emenscr/import-service";

/** Checks an uploaded export without writing anything; streams progress, then the preview. */
export const POST = importRouteHandler(previewImport);

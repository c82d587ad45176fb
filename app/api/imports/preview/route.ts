import { importRouteHandler } from "@/lib/emenscr/http";

/** Checks an uploaded export without writing anything; streams progress, then the preview. */
export const POST = importRouteHandler("preview");

import { importRouteHandler } from "@/lib/emenscr/http";

/**
 * Commits an uploaded export in one transaction. The browser sends the file again (the server keeps no
 * upload between requests) with the SHA-256 of the preview, so what is committed is what was checked.
 */
export const POST = importRouteHandler("commit");

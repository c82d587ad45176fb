import { appBaseUrl } from "@/lib/auth/account-mail";
import { errorResponse } from "@/lib/http/route";
import { openDataNotFound, PUBLIC_CACHE, resolveOpenDataUrl } from "@/lib/open-data/http";
import { openDataPackage, renderOpenDataCsv, renderOpenDataJson } from "@/lib/open-data/render";

type Context = { params: Promise<{ fy: string; file: string }> };

/**
 * A published quarter's open data, for anyone (no sign-in): /open-data/2569/Q4.csv, Q4.json and
 * Q4-package.json (CKAN package metadata). An unknown or unpublished quarter is a 404 in Thai and English.
 */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  try {
    const { fy, file } = await params;
    const found = await resolveOpenDataUrl(fy, file);
    if ("miss" in found) return openDataNotFound(found.miss);
    const { release, format } = found;
    const { dataset } = release;
    const name = `lamnam-open-data-${dataset.period.code}`;
    if (format === "csv") {
      const body = renderOpenDataCsv(dataset);
      return new Response(new Uint8Array(body), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}.csv"`, "cache-control": PUBLIC_CACHE },
      });
    }
    if (format === "json") {
      return new Response(renderOpenDataJson(dataset, release), {
        headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `inline; filename="${name}.json"`, "cache-control": PUBLIC_CACHE },
      });
    }
    const metadata = openDataPackage(dataset, release, appBaseUrl(), renderOpenDataCsv(dataset).byteLength);
    return Response.json({ success: true, result: metadata }, { headers: { "cache-control": PUBLIC_CACHE } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { openDataDictionary } from "@/core/open-data/dataset";
import { PUBLIC_CACHE } from "@/lib/open-data/http";

/** The open data's dictionary: every column's name, type, Thai and English description and unit. */
export async function GET(): Promise<Response> {
  return Response.json({ fields: openDataDictionary() }, { headers: { "cache-control": PUBLIC_CACHE } });
}

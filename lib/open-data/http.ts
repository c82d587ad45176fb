import "server-only";
import { NextResponse } from "next/server";
import { findPublishedRelease, quarterExists, type PublishedRelease } from "@/db/queries/open-data";
import { openDataTranslator, parseFiscalYear, parseOpenDataFile, type OpenDataFormat } from "@/core/open-data/dataset";

// Answers of the public open-data URLs: anyone may ask, so every refusal is a 404 in both languages
// (a downloader has no session and no language cookie), and nothing but published figures is read.

/** Published figures may be cached briefly by browsers and proxies; a withdrawal shows within minutes. */
export const PUBLIC_CACHE = "public, max-age=300";

export type OpenDataMiss = "no_such_resource" | "no_such_quarter" | "not_published";

export function openDataNotFound(reason: OpenDataMiss): Response {
  return NextResponse.json(
    { error: "not_found", reason, message_th: openDataTranslator("th")(`errors.${reason}`), message_en: openDataTranslator("en")(`errors.${reason}`) },
    { status: 404, headers: { "cache-control": "no-store" } },
  );
}

/** Which quarter a /open-data/<fy>/<file> URL names, and its live publication; or why there is none. */
export async function resolveOpenDataUrl(fy: string, file: string): Promise<{ release: PublishedRelease; format: OpenDataFormat | "package" } | { miss: OpenDataMiss }> {
  const fiscalYear = parseFiscalYear(fy);
  const parsed = parseOpenDataFile(file);
  if (fiscalYear === null || !parsed) return { miss: "no_such_resource" };
  const release = await findPublishedRelease(fiscalYear, parsed.quarter);
  if (release) return { release, format: parsed.format };
  return { miss: (await quarterExists(fiscalYear, parsed.quarter)) ? "not_published" : "no_such_quarter" };
}

import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { mappingProfiles } from "@/db/schema";
import { isImportField } from "@/core/emenscr/fields";
import { NotFoundError } from "@/core/errors";
import type { ParseOptions } from "./parse-export";
import type { ImportOptions } from "./import-summary";

/**
 * How the file's columns are read: the saved mapping profile, if named, overlaid with the choices made
 * on the mapping screen (by header text or by position).
 */
export async function resolveParseOptions(db: Queryable, options: ImportOptions): Promise<ParseOptions> {
  let mapping: Record<string, string | null> | undefined;
  let positions: Record<string, string | null> | undefined;
  let hasHeaderRow = options.hasHeaderRow;
  if (options.mappingProfileId !== undefined) {
    const [profile] = await db.select().from(mappingProfiles).where(eq(mappingProfiles.id, options.mappingProfileId));
    if (!profile) throw new NotFoundError("mapping_profile");
    mapping = { ...profile.mapping };
    if (profile.positions) {
      positions = { ...profile.positions };
      hasHeaderRow ??= profile.hasHeaderRow;
    }
  }
  if (options.mapping) mapping = { ...mapping, ...sanitiseMapping(options.mapping) };
  if (options.positions) positions = { ...positions, ...sanitisePositions(options.positions) };
  return {
    mapping,
    positions,
    hasHeaderRow,
    offerPositionalMapping: options.offerPositionalMapping,
    periodCode: options.periodCode,
    amountUnit: options.amountUnit,
  };
}

/** Only known fields (or null = ignore) survive; keys are 0-based column indexes. */
function sanitisePositions(positions: Record<string, string | null>): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(positions)) {
    if (!/^\d{1,4}$/.test(key)) continue;
    result[String(Number(key))] = isImportField(value) ? value : null;
  }
  return result;
}

/** Only known fields (or null = ignore) survive; keys are normalised header texts. */
function sanitiseMapping(mapping: Record<string, string | null>): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(mapping)) {
    if (key.length > 300) continue;
    result[key] = isImportField(value) ? value : null;
  }
  return result;
}

// Header rows of spreadsheet imports (eMENSCR exports, agency lists, targets): finding the header row
// under a few title rows, and recognising headers whatever their spelling, case or spacing.

import { normaliseText } from "@/core/parse/values";

export type RawCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { kind: "formula"; formula: string; result: unknown }
  | { kind: "error"; code: string };

export interface RawRow {
  /** 1-based row number as a spreadsheet shows it (for CSV: the record number). */
  rowNumber: number;
  cells: RawCell[];
}

/**
 * Header text folded for comparison: NFC, invisible characters removed, lower case, and everything that
 * is not a letter, digit or combining mark dropped (spaces, dots, slashes, brackets, "%"). Thai vowels and
 * tone marks are combining marks and are kept.
 */
export function normaliseHeader(text: string): string {
  return normaliseText(text).toLowerCase().replace(/[^\p{L}\p{N}\p{M}]/gu, "");
}

/** Text of a cell whatever the reader returned (string, number, rich text already flattened). */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return normaliseText(cell);
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return "";
}

/** Without a list of known headers: a header row is mostly text cells, none of them numbers. */
export function countTextCells(cells: readonly unknown[]): number {
  return cells.filter((c) => typeof c === "string" && c.trim() !== "" && !/^[\d\s.,%-]+$/.test(c)).length;
}

/** Recognises the fields of one kind of file from each field's header spellings. */
export function headerMatcher<F extends string>(variants: Readonly<Record<F, readonly string[]>>) {
  const byHeader = new Map<string, F>();
  for (const [field, list] of Object.entries(variants) as [F, readonly string[]][]) {
    for (const variant of list) {
      const key = normaliseHeader(variant);
      if (!byHeader.has(key)) byHeader.set(key, field);
    }
  }
  const recognise = (header: string): F | null => byHeader.get(normaliseHeader(header)) ?? null;
  return {
    recognise,
    count: (cells: readonly unknown[]) => new Set(cells.map((c) => recognise(cellText(c))).filter((f) => f !== null)).size,
  };
}

export interface FoundHeader {
  /** The header row, or undefined when none of the scanned rows named enough fields. */
  header: RawRow | undefined;
  /** Whether any scanned row had content (an empty file is reported as such, not as "no header"). */
  anyContent: boolean;
  /** The rows read, the header (if found) last: title rows above it, or the first rows of a file without one. */
  scanned: RawRow[];
}

/**
 * Reads up to `scanRows` rows looking for the first one that scores at least `minScore` (title rows above
 * the header are common in exported files). Rows after the header stay in the iterator.
 */
export async function findHeaderRow(
  iterator: AsyncIterator<RawRow>,
  score: (cells: RawRow["cells"]) => number,
  options: { scanRows: number; minScore: number },
): Promise<FoundHeader> {
  let anyContent = false;
  const scanned: RawRow[] = [];
  while (scanned.length < options.scanRows) {
    const next = await iterator.next();
    if (next.done) break;
    scanned.push(next.value);
    if (next.value.cells.some((c) => c !== null && c !== "")) anyContent = true;
    if (score(next.value.cells) >= options.minScore) return { header: next.value, anyContent: true, scanned };
  }
  return { header: undefined, anyContent, scanned };
}

import "server-only";
import type { Queryable } from "@/db/client";
import type { OpenedExport, RawRow } from "@/lib/import/readers";
import { ChunkPipeline, applyChunk, type ChunkTarget } from "./import-chunks";
import type { ImportContext } from "./import-context";
import type { ImportOptions, ImportSummary, UnmatchedAgency } from "./import-summary";
import { parseExport, type ParsedHeader, type ParseEvent, type ParseOptions } from "./parse-export";
import { rowNotices } from "./soft-checks";
import { addTiming, type ImportTimings } from "./timings";

/** Unmatched agencies listed with suggestions (a file naming more is probably mis-mapped). */
const MAX_UNMATCHED = 200;
/** Soft-check notices kept for the preview; all are counted. */
const MAX_NOTICES_KEPT = 1000;

export interface FileTarget {
  db: Queryable;
  /** Set when committing: rows are written to this batch (until a row turns out invalid). */
  batchId: number | null;
  context: ImportContext;
  summary: ImportSummary;
}

/**
 * Reads the whole file: counts and errors into the summary, valid rows in chunks to the database
 * (classified for a preview, written for a commit).
 */
export async function processFile(target: FileTarget, opened: OpenedExport, options: ImportOptions, parseOptions: ParseOptions): Promise<void> {
  const { summary } = target;
  const timings = options.timings;
  const unmatched = new Map<string, UnmatchedAgency>();
  const periodCodes = new Set<string>();
  let seen = 0;
  const chunks = new ChunkPipeline((rows, rowsSeen) => {
    // Once a row is invalid the transaction will be rolled back: only keep parsing, to report every error.
    const write = target.batchId !== null && summary.errors.length === 0;
    const chunkTarget: ChunkTarget = { ...target, batchId: write ? target.batchId : null, unmatched, timings };
    return applyChunk(chunkTarget, rows).then(() => options.onProgress?.({ phase: write ? "write" : "parse", rows: rowsSeen }));
  });

  const events = parseExport({ ...opened, rows: timedRows(opened.rows, timings) }, parseOptions);
  for (;;) {
    const next = await nextEvent(events, timings);
    if (next.done) break;
    const event = next.value;
    if (event.type === "row") {
      seen++;
      summary.rows++;
      periodCodes.add(event.row.periodCode);
      for (const notice of rowNotices(event.row, (field) => summary.columns.find((c) => c.field === field)?.header || null)) {
        if (summary.noticeCount++ < MAX_NOTICES_KEPT) summary.notices.push(notice);
      }
      await chunks.add(event.row, seen);
    } else {
      if (event.type === "invalid") seen++;
      recordEvent(summary, opened, event);
    }
  }
  await chunks.flush(seen);
  await chunks.settle();
  finishSummary(summary, opened, periodCodes, unmatched, target.context);
}

/** The parser's next event; validation time is the time spent in the parser minus its wait for the reader. */
async function nextEvent(events: AsyncGenerator<ParseEvent>, timings: ImportTimings | undefined): Promise<IteratorResult<ParseEvent>> {
  const startedAt = performance.now();
  const readBefore = timings?.read ?? 0;
  const next = await events.next();
  if (timings) timings.validate = (timings.validate ?? 0) + (performance.now() - startedAt) - ((timings.read ?? 0) - readBefore);
  return next;
}

/** Times the reader: how long the import waits for the next raw row. */
function timedRows(rows: AsyncIterable<RawRow>, timings: ImportTimings | undefined): AsyncIterable<RawRow> {
  if (!timings) return rows;
  return {
    async *[Symbol.asyncIterator]() {
      const iterator = rows[Symbol.asyncIterator]();
      for (;;) {
        const startedAt = performance.now();
        const next = await iterator.next();
        addTiming(timings, "read", startedAt);
        if (next.done) return;
        yield next.value;
      }
    },
  };
}

/** A header, a skipped row or an invalid row, into the summary. */
function recordEvent(summary: ImportSummary, opened: OpenedExport, event: Exclude<ParseEvent, { type: "row" }>): void {
  switch (event.type) {
    case "header":
      recordHeader(summary, opened, event.header);
      break;
    case "skipped":
      summary.skipped++;
      break;
    case "invalid":
      summary.rows++;
      summary.invalid++;
      summary.errors.push(...event.errors);
      summary.invalidRows?.push({ rowNumber: event.rowNumber, cells: event.cells });
      break;
  }
}

function recordHeader(summary: ImportSummary, opened: OpenedExport, header: ParsedHeader): void {
  summary.sheetName = opened.sheetName;
  summary.headerRow = header.headerRow;
  summary.layout = header.layout;
  summary.columns = header.columns;
  summary.amountUnits = header.amountUnits;
  summary.missingFields = header.missingFields;
  summary.percentScales = header.percentScales;
  for (const field of header.missingFields) {
    summary.errors.push({ row: header.headerRow, field, column: null, reason: "missing_column" });
  }
}

function finishSummary(summary: ImportSummary, opened: OpenedExport, periodCodes: Set<string>, unmatched: Map<string, UnmatchedAgency>, context: ImportContext): void {
  summary.sheetName = opened.sheetName;
  summary.periodCodes = [...periodCodes].sort();
  if (summary.missingFields.length === 0 && summary.rows === 0) {
    // A header without rows: reported as an invalid file (nothing to commit), not as an empty success.
    summary.errors.push({ row: summary.headerRow, field: null, column: null, reason: "no_data_rows" });
  }
  summary.unmatchedAgencies = [...unmatched.values()]
    .sort((a, b) => a.firstRow - b.firstRow)
    .slice(0, MAX_UNMATCHED)
    .map((u) => ({ ...u, suggestions: context.matcher.suggest(u.rawName) }));
}

import "server-only";
import type { Queryable } from "@/db/client";
import { normaliseAgencyKey } from "./agency-match";
import { matchComponents, type CompiledRule } from "./component-rules";
import { ensurePeriod, type ImportContext } from "./import-context";
import { classifyChunk, prepareRows, writeChunk, type ChunkCounts, type PreparedRows, type StagedRow } from "./import-sql";
import type { ImportSummary, UnmatchedAgency } from "./import-summary";
import { progressHash, projectHash } from "./row-hash";
import type { ImportRow } from "./rows";
import { addTiming, timed, type ImportTimings } from "./timings";

/**
 * Rows sent to the database together (lib/emenscr/import-sql.ts): few round trips, bounded memory. While
 * the database works on one chunk the next is read and validated.
 */
const CHUNK_SIZE = 2000;
/** Rows shown "as they will be stored" in the preview. */
const SAMPLE_ROWS = 20;

/**
 * Gathers rows into chunks and keeps one chunk in the database while the next is parsed. A failure is
 * kept (not left unhandled while parsing goes on) and rethrown at the next wait.
 */
export class ChunkPipeline {
  private chunk: ImportRow[] = [];
  private inFlight: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;

  /** `start` sends one chunk on its way; `rowsSeen` counts the file's data rows up to its end. */
  constructor(private readonly start: (rows: ImportRow[], rowsSeen: number) => Promise<void>) {}

  async add(row: ImportRow, rowsSeen: number): Promise<void> {
    this.chunk.push(row);
    if (this.chunk.length >= CHUNK_SIZE) await this.flush(rowsSeen);
  }

  async flush(rowsSeen: number): Promise<void> {
    if (this.chunk.length === 0) return;
    const rows = this.chunk;
    this.chunk = [];
    await this.settle();
    // Parsing and the embedded database resolve promises without ever returning to the event loop: give
    // it a turn per chunk, or the progress stream (and every other request) waits for the whole import.
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight = this.start(rows, rowsSeen).then(undefined, (error: unknown) => void (this.failure = { error }));
  }

  /** Waits for the chunk in the database; rethrows its failure. */
  async settle(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    this.inFlight = null;
    if (this.failure) throw this.failure.error;
  }
}

export interface ChunkTarget {
  db: Queryable;
  /** Set when committing: the rows are written to this batch; null: classified only (preview). */
  batchId: number | null;
  context: ImportContext;
  summary: ImportSummary;
  unmatched: Map<string, UnmatchedAgency>;
  timings: ImportTimings | undefined;
}

/**
 * Matches agencies, hashes content and links components in the app, then classifies (preview) or
 * writes (commit; `batchId` set) the chunk in a few set-based statements.
 */
export async function applyChunk(target: ChunkTarget, rows: ImportRow[]): Promise<void> {
  const { db, batchId, context, summary, timings } = target;
  const write = batchId !== null;
  const periodIdOf = await periodIdsOfChunk(db, context, rows, write);

  const startedAt = performance.now();
  const agencyIds = matchAgencies(rows, context, target.unmatched);
  const sampleRows = summary.sample.length < SAMPLE_ROWS ? rows.slice(0, SAMPLE_ROWS - summary.sample.length) : [];
  const sampleNumbers = sampleRows.map((r) => r.rowNumber);
  const staged = (row: ImportRow, i: number) => stagedRow(row, agencyIds[i]!, periodIdOf.get(row.periodCode) ?? null, write ? context.rules : []);
  // Serialised at once; nothing of the chunk but its sample stays referenced while the database works.
  const prepared = write ? prepareRows(db, rows.map(staged)) : null;
  const keys = write ? null : rows.map((row, i) => {
    const { r, code, period_id, project_hash, progress_hash } = staged(row, i);
    return { r, code, period_id, project_hash, progress_hash };
  });
  rows.length = 0;
  addTiming(timings, "match", startedAt);

  const counts = prepared
    ? await writePrepared(db, batchId!, prepared, sampleNumbers, timings)
    : await timed(timings, "diff", () => classifyChunk(db, keys!, sampleNumbers));
  summary.inserted += counts.inserted;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
  sampleRows.forEach((row, i) => {
    const agencyId = agencyIds[i]!;
    summary.sample.push({ ...row, change: counts.changes.get(row.rowNumber) ?? "new", agencyId, matchedAgencyName: agencyId ? (context.agencyNames.get(agencyId) ?? null) : null });
  });
}

/** Periods: created inside the transaction when committing; unknown ones in a preview mean "all new". */
async function periodIdsOfChunk(db: Queryable, context: ImportContext, rows: readonly ImportRow[], write: boolean): Promise<Map<string, number | null>> {
  const periodIdOf = new Map<string, number | null>();
  for (const row of rows) {
    if (!periodIdOf.has(row.periodCode)) {
      periodIdOf.set(row.periodCode, write ? await ensurePeriod(db, context, row.periodCode) : (context.periodIds.get(row.periodCode) ?? null));
    }
  }
  return periodIdOf;
}

/** Each row's agency (null: unmatched, gathered for the summary); budgets kept for the unit check. */
function matchAgencies(rows: readonly ImportRow[], context: ImportContext, unmatched: Map<string, UnmatchedAgency>): (number | null)[] {
  const agencyIds: (number | null)[] = [];
  for (const row of rows) {
    const match = context.matcher.match(row.agencyCode, row.agencyName);
    agencyIds.push(match.agencyId);
    if (row.budget !== null && row.budget !== "0.00") {
      const list = context.budgets.get(match.agencyId);
      if (list) list.push(Number(row.budget));
      else context.budgets.set(match.agencyId, [Number(row.budget)]);
    }
    if (match.agencyId === null) {
      const key = `${row.agencyCode ?? ""}|${normaliseAgencyKey(row.agencyName ?? "")}`;
      const entry = unmatched.get(key);
      if (entry) entry.rows++;
      else unmatched.set(key, { rawCode: row.agencyCode, rawName: row.agencyName, rows: 1, firstRow: row.rowNumber, suggestions: [] });
    }
  }
  return agencyIds;
}

async function writePrepared(
  db: Queryable,
  batchId: number,
  prepared: PreparedRows,
  sampleNumbers: number[],
  timings: ImportTimings | undefined,
): Promise<ChunkCounts> {
  let startedAt = performance.now();
  const counts = await writeChunk(db, batchId, prepared, sampleNumbers, () => {
    addTiming(timings, "diff", startedAt);
    startedAt = performance.now();
  });
  addTiming(timings, "write", startedAt);
  return counts;
}

function stagedRow(row: ImportRow, agencyId: number | null, periodId: number | null, rules: readonly CompiledRule[]): StagedRow {
  const links = rules.length
    ? [...matchComponents({ name: row.projectName, strategy: row.strategy, masterPlan: row.masterPlan, subPlan: row.subPlan }, rules)]
    : [];
  return {
    r: row.rowNumber,
    code: row.projectCode,
    name: row.projectName,
    agency_id: agencyId,
    raw_agency_name: row.agencyName,
    raw_agency_code: row.agencyCode,
    ministry: row.ministry,
    fiscal_year: row.fiscalYear,
    strategy: row.strategy,
    master_plan: row.masterPlan,
    sub_plan: row.subPlan,
    budget_source: row.budgetSource,
    budget: row.budget,
    starts_on: row.startsOn,
    ends_on: row.endsOn,
    project_hash: projectHash(row, agencyId),
    period_id: periodId,
    disbursed: row.disbursed,
    spent: row.spent,
    disbursed_percent: row.disbursedPercent,
    physical_progress: row.physicalProgress,
    kpi_name: row.kpiName,
    kpi_unit: row.kpiUnit,
    kpi_target: row.kpiTarget,
    kpi_result: row.kpiResult,
    status: row.status,
    raw_status: row.rawStatus,
    approval_status: row.approvalStatus,
    problems: row.problems,
    recommendations: row.recommendations,
    reported_on: row.reportedOn,
    progress_hash: progressHash(row),
    links: links.length ? links : null,
  };
}

import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import {
  agencies,
  agencyAliases,
  componentRules,
  importBatches,
  mappingProfiles,
  periods,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import type { ImportFormat } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { defaultDueDate, parsePeriodCode, periodBounds, todayInBangkok } from "@/core/fiscal/calendar";
import { AgencyMatcher, normaliseAgencyKey, type AgencySuggestion } from "./agency-match";
import { compileRules, matchComponents, type CompiledRule } from "./component-rules";
import { assertWithinSizeLimit } from "@/lib/import/errors";
import { openExport, type OpenedExport, type RawCell, type RawRow } from "@/lib/import/readers";
import { countRecognisedHeaders, isImportField, type ColumnMapping, type ImportField } from "@/core/emenscr/fields";
import { classifyChunk, createStage, prepareRows, writeChunk, type ChunkCounts, type RowChange, type StagedRow } from "./import-sql";
import { assessAmountUnit, median, type AgencyBudgets, type AmountUnit, type AmountUnitWarning } from "@/core/emenscr/amount-units";
import { parseExport, type ParsedHeader, type ParseOptions } from "./parse-export";
import { progressHash, projectHash, type ImportRow, type RowError } from "./rows";
import { refreshEmenscrFacts } from "@/lib/facts/write/emenscr-facts";
import { afterFactsChanged } from "@/lib/facts/after-change";
import { addTiming, timed, type ImportTimings } from "./timings";

/**
 * Rows sent to the database together (lib/emenscr/import-sql.ts): few round trips, bounded memory. While
 * the database works on one chunk the next is read and validated.
 */
const CHUNK_SIZE = 2000;
/** Rows shown "as they will be stored" in the preview. */
const SAMPLE_ROWS = 20;
/** Unmatched agencies listed with suggestions (a file naming more is probably mis-mapped). */
const MAX_UNMATCHED = 200;

export interface ImportOptions {
  fileName: string;
  bytes: Buffer;
  /** "2570Q1": the period of every row. Without it, each row's reporting-period column decides. */
  periodCode?: string;
  sheetName?: string;
  mappingProfileId?: number;
  /** Ad-hoc header → field choices from the mapping screen (normalised header keys); win over the profile. */
  mapping?: Record<string, string | null>;
  /** Ad-hoc mapping by position (0-based column index → field), for files without a recognisable header. */
  positions?: Record<string, string | null>;
  /** With positions: whether row 1 is a header row rather than data (default: the profile's choice, else yes). */
  hasHeaderRow?: boolean;
  /** When no header is recognised, preview the columns by position for mapping instead of refusing the file (the UI). */
  offerPositionalMapping?: boolean;
  /** The unit of the money columns as the analyst states it; wins over what the file says. */
  amountUnit?: AmountUnit;
  /** Commit only if the file is the one previewed. */
  expectedSha256?: string;
  /** Keep raw cells of invalid rows (for the fix list). */
  keepInvalidCells?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Filled with milliseconds per phase (the benchmark prints them). */
  timings?: ImportTimings;
}

export interface ImportProgress {
  /** refresh: the data is committed; dashboards and lagging flags are being brought up to date. */
  phase: "parse" | "write" | "refresh";
  rows: number;
}

export type { RowChange } from "./import-sql";

export interface SampleRow extends ImportRow {
  change: RowChange;
  agencyId: number | null;
  matchedAgencyName: string | null;
}

export interface UnmatchedAgency {
  rawCode: string | null;
  rawName: string | null;
  rows: number;
  firstRow: number;
  suggestions: AgencySuggestion[];
}

export interface ImportSummary {
  /**
   * preview: nothing written. committed: a batch was written. unchanged: the data already matched, nothing
   * written. invalid: nothing written. unit_unconfirmed: valid, but the amounts' unit looks wrong and was
   * not stated (amountWarning): nothing written.
   */
  outcome: "preview" | "committed" | "unchanged" | "invalid" | "unit_unconfirmed";
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: ImportFormat;
  sheetName: string | null;
  encoding: string | null;
  /** 1-based header row; 0 when the columns are mapped by position without a header row. */
  headerRow: number;
  layout: ParsedHeader["layout"];
  columns: ColumnMapping[];
  missingFields: ImportField[];
  percentScales: ParsedHeader["percentScales"];
  /** Each money column's unit (converted to baht when thousand or million) and where it was read. */
  amountUnits: ParsedHeader["amountUnits"];
  /** The budgets look like another unit than the one read: commit only once the analyst states the unit. */
  amountWarning: AmountUnitWarning | null;
  periodCodes: string[];
  /** Data rows (valid + invalid); title, blank and total rows are `skipped`. */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  skipped: number;
  errors: RowError[];
  invalidRows?: { rowNumber: number; cells: RawCell[] }[];
  sample: SampleRow[];
  unmatchedAgencies: UnmatchedAgency[];
  mappingProfileId: number | null;
  batchId: number | null;
  /** An earlier committed batch of the very same file, if any. */
  previousBatch: { id: number; createdAt: Date } | null;
}

class RollbackSignal extends Error {}

export async function previewImport(actor: Actor, options: ImportOptions): Promise<ImportSummary> {
  if (!can(actor, "import.run")) throw new ForbiddenError();
  return runImport(actor, options, "preview");
}

/**
 * Commits a file in ONE transaction: every row or none. Invalid rows → nothing written. Rows whose
 * content is unchanged are not touched; when nothing changed at all no batch is recorded ("unchanged").
 */
export async function commitImport(actor: Actor, options: ImportOptions): Promise<ImportSummary> {
  if (!can(actor, "import.run")) throw new ForbiddenError();
  return runImport(actor, options, "commit");
}

interface Context {
  /** Budgets of this file's rows (in baht, as they would be stored) per matched agency; null = unmatched. */
  budgets: Map<number | null, number[]>;
  matcher: AgencyMatcher;
  agencyNames: Map<number, string>;
  rules: CompiledRule[];
  periodIds: Map<string, number>;
}

async function runImport(actor: Actor, options: ImportOptions, mode: "preview" | "commit"): Promise<ImportSummary> {
  assertWithinSizeLimit(options.bytes.length);
  if (options.periodCode !== undefined && !parsePeriodCode(options.periodCode)) {
    throw new ValidationError({ period: ["invalid_period"] });
  }
  const fileSha256 = createHash("sha256").update(options.bytes).digest("hex");
  if (options.expectedSha256 && options.expectedSha256 !== fileSha256) throw new ConflictError("import_file_changed");
  const db = getDb();

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
  const parseOptions: ParseOptions = {
    mapping,
    positions,
    hasHeaderRow,
    offerPositionalMapping: options.offerPositionalMapping,
    periodCode: options.periodCode,
    amountUnit: options.amountUnit,
  };

  const opened = await openExport(options.bytes, { sheetName: options.sheetName, scoreHeader: countRecognisedHeaders });
  const context = await loadContext(db);
  // The agencies' budgets as stored before this import (read beside it, outside its transaction), to
  // tell whether the file's amounts are in the same unit.
  const history = loadBudgetHistory(db);
  // Awaited only when the file has budgets; a failure is then thrown there.
  history.catch(() => undefined);
  const [previous] = await db
    .select({ id: importBatches.id, createdAt: importBatches.createdAt })
    .from(importBatches)
    .where(and(eq(importBatches.fileSha256, fileSha256), eq(importBatches.status, "committed")))
    .orderBy(desc(importBatches.id))
    .limit(1);

  const summary: ImportSummary = {
    outcome: mode === "preview" ? "preview" : "committed",
    fileName: options.fileName,
    fileSha256,
    fileBytes: options.bytes.length,
    format: opened.format,
    sheetName: null,
    encoding: opened.encoding,
    headerRow: 0,
    layout: "header",
    columns: [],
    missingFields: [],
    percentScales: {},
    amountUnits: {},
    amountWarning: null,
    periodCodes: [],
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    skipped: 0,
    errors: [],
    ...(options.keepInvalidCells ? { invalidRows: [] } : {}),
    sample: [],
    unmatchedAgencies: [],
    mappingProfileId: options.mappingProfileId ?? null,
    batchId: null,
    previousBatch: previous ?? null,
  };
  const startedAt = new Date();

  let commitStartedAt = 0;
  if (mode === "preview") {
    await processFile(db, null, opened, options, parseOptions, context, summary);
    await checkAmountUnit(summary, context, history);
  } else {
    try {
      await db.transaction(async (tx) => {
        const [batch] = await tx
          .insert(importBatches)
          .values({
            fileName: options.fileName.slice(0, 255),
            fileSha256,
            fileBytes: options.bytes.length,
            format: opened.format,
            periodId: options.periodCode ? await ensurePeriod(tx, context, options.periodCode) : null,
            mappingProfileId: options.mappingProfileId ?? null,
            actorId: actor.id > 0 ? actor.id : null,
            actorLabel: actor.id > 0 ? actor.email : "system",
            rowCount: 0,
            insertedCount: 0,
            updatedCount: 0,
            unchangedCount: 0,
            startedAt,
          })
          .returning({ id: importBatches.id });
        await createStage(tx);
        await processFile(tx, batch!.id, opened, options, parseOptions, context, summary);
        if (summary.errors.length > 0) throw new RollbackSignal();
        if (await checkAmountUnit(summary, context, history)) throw new RollbackSignal();
        if (summary.inserted + summary.updated === 0) throw new RollbackSignal();
        // The fact layer moves with the data, in the same transaction.
        await timed(options.timings, "facts", () => refreshEmenscrFacts(tx, periodIdsOf(summary, context)));
        await tx
          .update(importBatches)
          .set({
            sheetName: summary.sheetName,
            rowCount: summary.rows,
            insertedCount: summary.inserted,
            updatedCount: summary.updated,
            unchangedCount: summary.unchanged,
            skippedCount: summary.skipped,
            finishedAt: new Date(),
          })
          .where(eq(importBatches.id, batch!.id));
        await recordAudit(tx, actor, {
          action: "import.commit",
          entityType: "import_batch",
          entityId: batch!.id,
          after: {
            fileName: options.fileName,
            fileSha256,
            periodCode: options.periodCode ?? null,
            rows: summary.rows,
            inserted: summary.inserted,
            updated: summary.updated,
            unchanged: summary.unchanged,
          },
        });
        summary.batchId = batch!.id;
        commitStartedAt = performance.now();
      });
      addTiming(options.timings, "commit", commitStartedAt);
    } catch (error) {
      if (!(error instanceof RollbackSignal)) throw error;
    }
  }
  if (summary.errors.length > 0) {
    summary.outcome = "invalid";
    // A refused commit inserted and updated nothing; the would-be counts belong to the preview.
    if (mode === "commit") summary.inserted = summary.updated = 0;
  }
  else if (summary.amountWarning && mode === "commit") {
    summary.outcome = "unit_unconfirmed";
    summary.inserted = summary.updated = 0;
  } else if (mode === "commit" && summary.batchId === null) summary.outcome = "unchanged";
  if (summary.batchId !== null) {
    options.onProgress?.({ phase: "refresh", rows: summary.rows });
    await timed(options.timings, "after", () => afterFactsChanged(actor, periodIdsOf(summary, context)));
  }
  return summary;
}

function periodIdsOf(summary: ImportSummary, context: Context): number[] {
  return summary.periodCodes.map((code) => context.periodIds.get(code)).filter((id): id is number => id !== undefined);
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

/** Median stored budget per agency (projects with a budget). */
async function loadBudgetHistory(db: Queryable): Promise<Map<number, number>> {
  const result = await db.execute<{ agency_id: number; median: string }>(sql`
    select agency_id, percentile_cont(0.5) within group (order by budget) as median
    from emenscr_projects where agency_id is not null and budget > 0 group by agency_id`);
  return new Map(result.rows.map((r) => [Number(r.agency_id), Number(r.median)]));
}

/**
 * Whether the budgets, as they would be stored, are in a believable unit (lib/emenscr/amount-units.ts).
 * Sets summary.amountWarning; true when the import must not be committed without the analyst stating the unit.
 */
async function checkAmountUnit(summary: ImportSummary, context: Context, history: Promise<Map<number, number>>): Promise<boolean> {
  const unit = summary.amountUnits.budget;
  const budgets = context.budgets;
  if (!unit || budgets.size === 0) return false;
  const earlier = await history;
  const all: number[] = [];
  const agencies: AgencyBudgets[] = [];
  for (const [agencyId, values] of budgets) {
    for (const value of values) all.push(value);
    if (agencyId === null) continue;
    agencies.push({ agencyId, agencyName: context.agencyNames.get(agencyId) ?? "", fileMedian: median(values)!, earlierMedian: earlier.get(agencyId) ?? null });
  }
  summary.amountWarning = assessAmountUnit({ source: unit.source, unit: unit.unit, fileMedian: median(all), agencies });
  return summary.amountWarning !== null;
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

async function loadContext(db: Queryable): Promise<Context> {
  const [agencyRows, aliasRows, ruleRows, periodRows] = await Promise.all([
    db
      .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn, abbrTh: agencies.abbrTh, abbrEn: agencies.abbrEn })
      .from(agencies),
    db.select({ aliasKey: agencyAliases.aliasKey, agencyId: agencyAliases.agencyId }).from(agencyAliases),
    db.select().from(componentRules).where(eq(componentRules.active, true)),
    db.select({ id: periods.id, code: periods.code }).from(periods),
  ]);
  return {
    budgets: new Map(),
    matcher: new AgencyMatcher(agencyRows, new Map(aliasRows.map((a) => [a.aliasKey, a.agencyId]))),
    agencyNames: new Map(agencyRows.map((a) => [a.id, a.nameTh])),
    rules: compileRules(ruleRows),
    periodIds: new Map(periodRows.map((p) => [p.code, p.id])),
  };
}

/** Periods named in a file may predate the reference data; they are created from the fiscal calendar. */
async function ensurePeriod(db: Queryable, context: Context, code: string): Promise<number> {
  const known = context.periodIds.get(code);
  if (known !== undefined) return known;
  const period = parsePeriodCode(code)!;
  const bounds = periodBounds(period.fiscalYear, period.quarter);
  await db
    .insert(periods)
    .values({
      code,
      fiscalYear: period.fiscalYear,
      quarter: period.quarter,
      ...bounds,
      dueOn: defaultDueDate(period.fiscalYear, period.quarter),
      status: bounds.endsOn < todayInBangkok() ? "closed" : "open",
    })
    .onConflictDoNothing();
  const [row] = await db.select({ id: periods.id }).from(periods).where(eq(periods.code, code));
  context.periodIds.set(code, row!.id);
  return row!.id;
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

async function processFile(
  db: Queryable,
  batchId: number | null,
  opened: OpenedExport,
  options: ImportOptions,
  parseOptions: ParseOptions,
  context: Context,
  summary: ImportSummary,
): Promise<void> {
  const timings = options.timings;
  const unmatched = new Map<string, UnmatchedAgency>();
  const periodCodes = new Set<string>();
  let chunk: ImportRow[] = [];
  let seen = 0;
  // One chunk is in the database while the next is parsed. A failure is kept (not left unhandled while
  // parsing goes on) and rethrown at the next wait.
  let inFlight: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    if (inFlight) await inFlight;
    inFlight = null;
    if (failure) throw failure.error;
  };

  const flush = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    const rowsSeen = seen;
    await settle();
    // Parsing and the embedded database resolve promises without ever returning to the event loop: give
    // it a turn per chunk, or the progress stream (and every other request) waits for the whole import.
    await new Promise((resolve) => setImmediate(resolve));
    // Once a row is invalid the transaction will be rolled back: only keep parsing, to report every error.
    const write = batchId !== null && summary.errors.length === 0;
    const work = applyChunk(db, write ? batchId : null, rows, context, summary, unmatched, timings);
    inFlight = work.then(
      () => options.onProgress?.({ phase: write ? "write" : "parse", rows: rowsSeen }),
      (error: unknown) => void (failure = { error }),
    );
  };

  const events = parseExport({ ...opened, rows: timedRows(opened.rows, timings) }, parseOptions);
  for (;;) {
    const startedAt = performance.now();
    const readBefore = timings?.read ?? 0;
    const next = await events.next();
    // Validation is the time spent in the parser minus the time it waited for the reader.
    if (timings) timings.validate = (timings.validate ?? 0) + (performance.now() - startedAt) - ((timings.read ?? 0) - readBefore);
    if (next.done) break;
    const event = next.value;
    switch (event.type) {
      case "header": {
        summary.sheetName = opened.sheetName;
        summary.headerRow = event.header.headerRow;
        summary.layout = event.header.layout;
        summary.columns = event.header.columns;
        summary.amountUnits = event.header.amountUnits;
        summary.missingFields = event.header.missingFields;
        summary.percentScales = event.header.percentScales;
        for (const field of event.header.missingFields) {
          summary.errors.push({ row: event.header.headerRow, field, column: null, reason: "missing_column" });
        }
        break;
      }
      case "skipped":
        summary.skipped++;
        break;
      case "invalid":
        seen++;
        summary.rows++;
        summary.invalid++;
        summary.errors.push(...event.errors);
        summary.invalidRows?.push({ rowNumber: event.rowNumber, cells: event.cells });
        break;
      case "row":
        seen++;
        summary.rows++;
        periodCodes.add(event.row.periodCode);
        chunk.push(event.row);
        if (chunk.length >= CHUNK_SIZE) await flush();
        break;
    }
  }
  await flush();
  await settle();
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

/**
 * Matches agencies, hashes content and links components in the app, then classifies (preview) or
 * writes (commit; `batchId` set) the chunk in a few set-based statements.
 */
async function applyChunk(
  db: Queryable,
  batchId: number | null,
  rows: ImportRow[],
  context: Context,
  summary: ImportSummary,
  unmatched: Map<string, UnmatchedAgency>,
  timings: ImportTimings | undefined,
): Promise<void> {
  const write = batchId !== null;
  // Periods: created inside the transaction when committing; unknown ones in a preview mean "all new".
  const periodIdOf = new Map<string, number | null>();
  for (const row of rows) {
    if (!periodIdOf.has(row.periodCode)) {
      periodIdOf.set(row.periodCode, write ? await ensurePeriod(db, context, row.periodCode) : (context.periodIds.get(row.periodCode) ?? null));
    }
  }

  let startedAt = performance.now();
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

  let counts: ChunkCounts;
  if (!prepared) {
    counts = await timed(timings, "diff", () => classifyChunk(db, keys!, sampleNumbers));
  } else {
    startedAt = performance.now();
    counts = await writeChunk(db, batchId!, prepared, sampleNumbers, () => {
      addTiming(timings, "diff", startedAt);
      startedAt = performance.now();
    });
    addTiming(timings, "write", startedAt);
  }
  summary.inserted += counts.inserted;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
  sampleRows.forEach((row, i) => {
    const agencyId = agencyIds[i]!;
    summary.sample.push({ ...row, change: counts.changes.get(row.rowNumber) ?? "new", agencyId, matchedAgencyName: agencyId ? (context.agencyNames.get(agencyId) ?? null) : null });
  });
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

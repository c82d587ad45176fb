import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import {
  agencies,
  agencyAliases,
  componentRules,
  emenscrProgress,
  emenscrProjects,
  importBatches,
  importRowChanges,
  mappingProfiles,
  periods,
  projectComponents,
  type EmenscrProgress,
  type EmenscrProject,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { ImportFormat } from "@/lib/domain/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { defaultDueDate, parsePeriodCode, periodBounds, todayInBangkok } from "@/lib/fiscal/calendar";
import { AgencyMatcher, normaliseAgencyKey, type AgencySuggestion } from "./agency-match";
import { compileRules, matchComponents, type CompiledRule } from "./component-rules";
import { assertWithinSizeLimit } from "@/lib/import/errors";
import { countRecognisedHeaders, isImportField, type ColumnMapping, type ImportField } from "./fields";
import { parseExport, type ParsedHeader } from "./parse-export";
import { openExport, type RawCell } from "@/lib/import/readers";
import { progressHash, projectHash, type ImportRow, type RowError } from "./rows";
import { refreshEmenscrFacts } from "./facts";
import { afterFactsChanged } from "@/lib/facts/after-change";

/** Rows validated, looked up and written together: few round trips, bounded memory. */
const CHUNK_SIZE = 1000;
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
  /** Commit only if the file is the one previewed. */
  expectedSha256?: string;
  /** Keep raw cells of invalid rows (for the fix list). */
  keepInvalidCells?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  phase: "parse" | "write";
  rows: number;
}

export type RowChange = "new" | "changed" | "unchanged";

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
  /** preview: nothing written. committed: a batch was written. unchanged: the data already matched, nothing written. invalid: nothing written. */
  outcome: "preview" | "committed" | "unchanged" | "invalid";
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: ImportFormat;
  sheetName: string | null;
  encoding: string | null;
  headerRow: number;
  columns: ColumnMapping[];
  missingFields: ImportField[];
  percentScales: ParsedHeader["percentScales"];
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
  if (options.mappingProfileId !== undefined) {
    const [profile] = await db.select().from(mappingProfiles).where(eq(mappingProfiles.id, options.mappingProfileId));
    if (!profile) throw new NotFoundError("mapping_profile");
    mapping = { ...profile.mapping };
  }
  if (options.mapping) mapping = { ...mapping, ...sanitiseMapping(options.mapping) };

  const opened = openExport(options.bytes, { sheetName: options.sheetName, scoreHeader: countRecognisedHeaders });
  const context = await loadContext(db);
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
    columns: [],
    missingFields: [],
    percentScales: {},
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

  if (mode === "preview") {
    await processFile(db, null, opened, options, mapping, context, summary);
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
        await processFile(tx, batch!.id, opened, options, mapping, context, summary);
        if (summary.errors.length > 0) throw new RollbackSignal();
        if (summary.inserted + summary.updated === 0) throw new RollbackSignal();
        // The fact layer moves with the data, in the same transaction.
        await refreshEmenscrFacts(tx, summary.periodCodes.map((code) => context.periodIds.get(code)).filter((id): id is number => id !== undefined));
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
      });
    } catch (error) {
      if (!(error instanceof RollbackSignal)) throw error;
    }
  }
  if (summary.errors.length > 0) {
    summary.outcome = "invalid";
    // A refused commit inserted and updated nothing; the would-be counts belong to the preview.
    if (mode === "commit") summary.inserted = summary.updated = 0;
  }
  else if (mode === "commit" && summary.batchId === null) summary.outcome = "unchanged";
  if (summary.batchId !== null) {
    await afterFactsChanged(actor, summary.periodCodes.map((code) => context.periodIds.get(code)).filter((id): id is number => id !== undefined));
  }
  return summary;
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

async function processFile(
  db: Queryable,
  batchId: number | null,
  opened: ReturnType<typeof openExport>,
  options: ImportOptions,
  mapping: Record<string, string | null> | undefined,
  context: Context,
  summary: ImportSummary,
): Promise<void> {
  const unmatched = new Map<string, UnmatchedAgency>();
  const periodCodes = new Set<string>();
  let chunk: ImportRow[] = [];
  let seen = 0;

  const flush = async () => {
    if (chunk.length === 0) return;
    const rows = chunk;
    chunk = [];
    // Once a row is invalid the transaction will be rolled back: only keep parsing, to report every error.
    const write = batchId !== null && summary.errors.length === 0;
    await applyChunk(db, batchId, rows, context, summary, unmatched, write);
    options.onProgress?.({ phase: write ? "write" : "parse", rows: seen });
  };

  for await (const event of parseExport(opened, { mapping, periodCode: options.periodCode })) {
    switch (event.type) {
      case "header": {
        summary.sheetName = opened.sheetName;
        summary.headerRow = event.header.headerRow;
        summary.columns = event.header.columns;
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

async function applyChunk(
  db: Queryable,
  batchId: number | null,
  rows: ImportRow[],
  context: Context,
  summary: ImportSummary,
  unmatched: Map<string, UnmatchedAgency>,
  write: boolean,
): Promise<void> {
  // Periods: created inside the transaction when committing; unknown ones in a preview mean "all new".
  const periodIdOf = new Map<string, number | null>();
  for (const code of new Set(rows.map((r) => r.periodCode))) {
    periodIdOf.set(code, write ? await ensurePeriod(db, context, code) : (context.periodIds.get(code) ?? null));
  }

  const existingProjects = new Map<string, EmenscrProject>();
  const found = await db.select().from(emenscrProjects).where(inArray(emenscrProjects.projectCode, rows.map((r) => r.projectCode)));
  for (const p of found) existingProjects.set(p.projectCode, p);

  const existingProgress = new Map<string, EmenscrProgress>();
  const knownPeriodIds = [...periodIdOf.values()].filter((id): id is number => id !== null);
  if (found.length && knownPeriodIds.length) {
    const progressRows = await db
      .select()
      .from(emenscrProgress)
      .where(and(inArray(emenscrProgress.projectId, found.map((p) => p.id)), inArray(emenscrProgress.periodId, knownPeriodIds)));
    for (const p of progressRows) existingProgress.set(`${p.projectId}:${p.periodId}`, p);
  }

  interface Planned {
    row: ImportRow;
    agencyId: number | null;
    periodId: number | null;
    projectHash: string;
    progressHash: string;
    project?: EmenscrProject;
    progress?: EmenscrProgress;
    projectChanged: boolean;
    progressChanged: boolean;
  }
  const planned: Planned[] = rows.map((row) => {
    const match = context.matcher.match(row.agencyCode, row.agencyName);
    if (match.agencyId === null) {
      const key = `${row.agencyCode ?? ""}|${normaliseAgencyKey(row.agencyName ?? "")}`;
      const entry = unmatched.get(key);
      if (entry) entry.rows++;
      else unmatched.set(key, { rawCode: row.agencyCode, rawName: row.agencyName, rows: 1, firstRow: row.rowNumber, suggestions: [] });
    }
    const periodId = periodIdOf.get(row.periodCode) ?? null;
    const project = existingProjects.get(row.projectCode);
    const progress = project && periodId !== null ? existingProgress.get(`${project.id}:${periodId}`) : undefined;
    const pHash = projectHash(row, match.agencyId);
    const gHash = progressHash(row);
    const projectChanged = !project || project.contentHash !== pHash;
    // Only content counts: a row that merely moved within the file is unchanged (its provenance stays
    // with the batch and row that last wrote it).
    const progressChanged = !progress || progress.contentHash !== gHash;
    return { row, agencyId: match.agencyId, periodId, projectHash: pHash, progressHash: gHash, project, progress, projectChanged, progressChanged };
  });

  for (const p of planned) {
    const change: RowChange = !p.progress ? "new" : p.projectChanged || p.progressChanged ? "changed" : "unchanged";
    if (change === "new") summary.inserted++;
    else if (change === "changed") summary.updated++;
    else summary.unchanged++;
    if (summary.sample.length < SAMPLE_ROWS) {
      summary.sample.push({ ...p.row, change, agencyId: p.agencyId, matchedAgencyName: p.agencyId ? (context.agencyNames.get(p.agencyId) ?? null) : null });
    }
  }
  if (!write || batchId === null) return;

  // Projects: previous content of changed ones is kept for rollback, then one upsert for the chunk.
  const projectWrites = planned.filter((p) => p.projectChanged);
  const changes: { batchId: number; entityType: "project" | "progress"; entityId: number; before: unknown }[] = [];
  for (const p of projectWrites) if (p.project) changes.push({ batchId, entityType: "project", entityId: p.project.id, before: p.project });
  const projectIds = new Map<string, number>(found.map((p) => [p.projectCode, p.id]));
  if (projectWrites.length) {
    const written = await db
      .insert(emenscrProjects)
      .values(
        projectWrites.map((p) => ({
          projectCode: p.row.projectCode,
          name: p.row.projectName,
          agencyId: p.agencyId,
          rawAgencyName: p.row.agencyName,
          rawAgencyCode: p.row.agencyCode,
          ministry: p.row.ministry,
          fiscalYear: p.row.fiscalYear,
          strategy: p.row.strategy,
          masterPlan: p.row.masterPlan,
          subPlan: p.row.subPlan,
          budgetSource: p.row.budgetSource,
          budget: p.row.budget,
          startsOn: p.row.startsOn,
          endsOn: p.row.endsOn,
          contentHash: p.projectHash,
          createdBatchId: batchId,
          lastBatchId: batchId,
        })),
      )
      .onConflictDoUpdate({
        target: emenscrProjects.projectCode,
        set: {
          ...excluded([
            "name", "agencyId", "rawAgencyName", "rawAgencyCode", "ministry", "fiscalYear", "strategy", "masterPlan",
            "subPlan", "budgetSource", "budget", "startsOn", "endsOn", "contentHash", "lastBatchId",
          ]),
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: emenscrProjects.id, projectCode: emenscrProjects.projectCode });
    for (const w of written) projectIds.set(w.projectCode, w.id);
  }

  const progressWrites = planned.filter((p) => p.progressChanged || p.projectChanged);
  for (const p of progressWrites) if (p.progress) changes.push({ batchId, entityType: "progress", entityId: p.progress.id, before: p.progress });
  if (progressWrites.length) {
    await db
      .insert(emenscrProgress)
      .values(
        progressWrites.map((p) => ({
          projectId: projectIds.get(p.row.projectCode)!,
          periodId: p.periodId!,
          disbursed: p.row.disbursed,
          spent: p.row.spent,
          disbursedPercent: p.row.disbursedPercent,
          physicalProgress: p.row.physicalProgress,
          kpiName: p.row.kpiName,
          kpiUnit: p.row.kpiUnit,
          kpiTarget: p.row.kpiTarget,
          kpiResult: p.row.kpiResult,
          status: p.row.status,
          rawStatus: p.row.rawStatus,
          approvalStatus: p.row.approvalStatus,
          problems: p.row.problems,
          recommendations: p.row.recommendations,
          reportedOn: p.row.reportedOn,
          contentHash: p.progressHash,
          createdBatchId: batchId,
          batchId,
          sourceRow: p.row.rowNumber,
        })),
      )
      .onConflictDoUpdate({
        target: [emenscrProgress.projectId, emenscrProgress.periodId],
        set: {
          ...excluded([
            "disbursed", "spent", "disbursedPercent", "physicalProgress", "kpiName", "kpiUnit", "kpiTarget", "kpiResult",
            "status", "rawStatus", "approvalStatus", "problems", "recommendations", "reportedOn", "contentHash", "batchId", "sourceRow",
          ]),
          updatedAt: sql`now()`,
        },
      });
  }
  for (let i = 0; i < changes.length; i += 500) await db.insert(importRowChanges).values(changes.slice(i, i + 500));

  // Rule links of the projects just written are recomputed; links made by hand are never touched.
  if (projectWrites.length && context.rules.length) {
    const ids = projectWrites.map((p) => projectIds.get(p.row.projectCode)!);
    await db.delete(projectComponents).where(and(inArray(projectComponents.projectId, ids), eq(projectComponents.source, "rule")));
    const links = projectWrites.flatMap((p) =>
      [...matchComponents({ name: p.row.projectName, strategy: p.row.strategy, masterPlan: p.row.masterPlan, subPlan: p.row.subPlan }, context.rules)].map(
        ([componentId, ruleId]) => ({ projectId: projectIds.get(p.row.projectCode)!, componentId, ruleId, source: "rule" as const }),
      ),
    );
    if (links.length) await db.insert(projectComponents).values(links).onConflictDoNothing();
  }
}

/** `set` for an upsert: each column takes the value the insert proposed (EXCLUDED.column). */
function excluded(columns: string[]): Record<string, ReturnType<typeof sql.raw>> {
  return Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded.${c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}`)]));
}

import "server-only";
import { bumpDataVersion } from "@/db/queries/data-versions";
import { eq, sql } from "drizzle-orm";
import { allowJitInTransaction, type Database, type Queryable } from "@/db/client";
import { importBatches } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { OpenedExport } from "@/lib/import/readers";
import { refreshEmenscrFacts } from "@/lib/facts/write/emenscr-facts";
import { checkAmountUnit, ensurePeriod, periodIdsOf, type ImportContext } from "./import-context";
import { processFile } from "./import-file";
import { createStage } from "./import-sql";
import type { ImportOptions, ImportSummary } from "./import-summary";
import type { ParseOptions } from "./parse-export";
import { addTiming, timed } from "./timings";

class RollbackSignal extends Error {}

export interface CommitInput {
  actor: Actor;
  options: ImportOptions;
  parseOptions: ParseOptions;
  opened: OpenedExport;
  context: ImportContext;
  /** The agencies' budgets as stored before this import, for the unit check. */
  history: Promise<Map<number, number>>;
  summary: ImportSummary;
  startedAt: Date;
}

/**
 * Writes the file in ONE transaction: every row or none. An invalid row, an unconfirmed amount unit or a
 * file that changes nothing rolls it back (summary.batchId stays null); otherwise the batch is recorded
 * with its facts and audit entry.
 */
export async function commitFile(db: Database, input: CommitInput): Promise<void> {
  const { options, summary } = input;
  let commitStartedAt = 0;
  try {
    await db.transaction(async (tx) => {
      await allowJitInTransaction(tx);
      const batchId = await insertBatch(tx, input);
      await createStage(tx);
      await processFile({ db: tx, batchId, context: input.context, summary }, input.opened, options, input.parseOptions);
      if (summary.errors.length > 0) throw new RollbackSignal();
      if (await checkAmountUnit(summary, input.context, input.history)) throw new RollbackSignal();
      if (summary.inserted + summary.updated === 0) throw new RollbackSignal();
      // The fact layer moves with the data, in the same transaction.
      await timed(options.timings, "facts", () => refreshEmenscrFacts(tx, periodIdsOf(summary, input.context)));
      await finishBatch(tx, input, batchId);
      await bumpDataVersion(tx, "emenscr");
      summary.batchId = batchId;
      commitStartedAt = performance.now();
    });
    addTiming(options.timings, "commit", commitStartedAt);
  } catch (error) {
    if (!(error instanceof RollbackSignal)) throw error;
    return;
  }
  await timed(options.timings, "analyze", () => analyzeEmenscrTables(db));
}

/**
 * Brings the planner's statistics up to date after a bulk change, before the dashboards read it: a
 * quarter's first import adds tens of thousands of rows to a period the statistics still count as
 * empty, and one agency's projects were then found by scanning the whole quarter (80 ms instead of 1 ms a
 * read, measured under load) until autovacuum came round.
 */
export async function analyzeEmenscrTables(db: Queryable): Promise<void> {
  await db.execute(sql`analyze emenscr_progress, emenscr_projects, project_components`);
}

async function insertBatch(tx: Queryable, { actor, options, opened, context, summary, startedAt }: CommitInput): Promise<number> {
  const [batch] = await tx
    .insert(importBatches)
    .values({
      fileName: options.fileName.slice(0, 255),
      fileSha256: summary.fileSha256,
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
  return batch!.id;
}

/** The batch's final counts and the audit entry of the commit. */
async function finishBatch(tx: Queryable, { actor, options, summary }: CommitInput, batchId: number): Promise<void> {
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
    .where(eq(importBatches.id, batchId));
  await recordAudit(tx, actor, {
    action: "import.commit",
    entityType: "import_batch",
    entityId: batchId,
    after: {
      fileName: options.fileName,
      fileSha256: summary.fileSha256,
      periodCode: options.periodCode ?? null,
      rows: summary.rows,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
    },
  });
}

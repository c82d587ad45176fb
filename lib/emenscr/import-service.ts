import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { importBatches } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { countRecognisedHeaders } from "@/core/emenscr/fields";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { parsePeriodCode } from "@/core/fiscal/calendar";
import { afterFactsChanged } from "@/lib/facts/after-change";
import { assertWithinSizeLimit } from "@/lib/import/errors";
import { openExport } from "@/lib/import/readers";
import { commitFile } from "./import-commit";
import { checkAmountUnit, loadBudgetHistory, loadContext, periodIdsOf } from "./import-context";
import { processFile } from "./import-file";
import { resolveParseOptions } from "./import-mapping";
import { emptySummary, settleOutcome, type ImportMode, type ImportOptions, type ImportSummary } from "./import-summary";
import { timed } from "./timings";

// An eMENSCR import, by question: what it reports (import-summary), how columns are mapped
// (import-mapping), the reference data it matches against (import-context), reading the file
// (import-file), each chunk of rows (import-chunks, import-sql) and the one transaction of a commit
// (import-commit).

export type { ImportOptions, ImportProgress, ImportSummary, RowChange, SampleRow, UnmatchedAgency } from "./import-summary";

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

async function runImport(actor: Actor, options: ImportOptions, mode: ImportMode): Promise<ImportSummary> {
  const fileSha256 = checkRequest(options);
  const db = getDb();
  const parseOptions = await resolveParseOptions(db, options);
  const opened = await openExport(options.bytes, { sheetName: options.sheetName, scoreHeader: countRecognisedHeaders });
  const context = await loadContext(db);
  // The agencies' budgets as stored before this import (read beside it, outside its transaction), to
  // tell whether the file's amounts are in the same unit.
  const history = loadBudgetHistory(db);
  // Awaited only when the file has budgets; a failure is then thrown there.
  history.catch(() => undefined);
  const previousBatch = await findPreviousBatch(db, fileSha256);
  const summary = emptySummary(options, { mode, fileSha256, format: opened.format, encoding: opened.encoding, previousBatch });
  const startedAt = new Date();

  if (mode === "preview") {
    await processFile({ db, batchId: null, context, summary }, opened, options, parseOptions);
    await checkAmountUnit(summary, context, history);
  } else {
    await commitFile(db, { actor, options, parseOptions, opened, context, history, summary, startedAt });
  }
  settleOutcome(summary, mode);
  if (summary.batchId !== null) {
    options.onProgress?.({ phase: "refresh", rows: summary.rows });
    await timed(options.timings, "after", () => afterFactsChanged(actor, periodIdsOf(summary, context)));
  }
  return summary;
}

/** Refuses what is not worth reading (too large, a malformed period, another file than previewed); the file's SHA-256. */
function checkRequest(options: ImportOptions): string {
  assertWithinSizeLimit(options.bytes.length);
  if (options.periodCode !== undefined && !parsePeriodCode(options.periodCode)) {
    throw new ValidationError({ period: ["invalid_period"] });
  }
  const fileSha256 = createHash("sha256").update(options.bytes).digest("hex");
  if (options.expectedSha256 && options.expectedSha256 !== fileSha256) throw new ConflictError("import_file_changed");
  return fileSha256;
}

/** An earlier committed batch of the very same file. */
async function findPreviousBatch(db: Queryable, fileSha256: string) {
  const [previous] = await db
    .select({ id: importBatches.id, createdAt: importBatches.createdAt })
    .from(importBatches)
    .where(and(eq(importBatches.fileSha256, fileSha256), eq(importBatches.status, "committed")))
    .orderBy(desc(importBatches.id))
    .limit(1);
  return previous ?? null;
}

import "server-only";
import { createHash } from "node:crypto";
import { getDb, type Queryable, type Transaction } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError } from "@/core/errors";
import { assertWithinSizeLimit } from "@/lib/import/errors";
import { readTable, summariseRows, type PreviewRow, type ReadTable, type ReadTableOptions, type RowProblem, type TableImportSummary } from "@/lib/import/table";

export interface TableImportOptions {
  fileName: string;
  bytes: Buffer;
  /** Commit only if the file is the one previewed. */
  expectedSha256?: string;
}

export interface ImportPlan {
  rows: PreviewRow[];
  /** Writes the new and changed rows; returns what the summary audit entry should say beyond the counts. */
  apply: (tx: Transaction, actor: Actor) => Promise<Record<string, unknown>>;
}

/** One kind of reference-data import (agencies, targets): its columns, and how rows become changes. */
export interface TableImporter<F extends string> {
  /** Audit action of the whole import, e.g. "agency.import". */
  action: string;
  permission: Permission;
  read: ReadTableOptions<F>;
  /** Validates every row against the database and works out what would change. Runs again inside the commit. */
  plan: (db: Queryable, table: ReadTable<F>) => Promise<ImportPlan>;
}

class RollbackSignal extends Error {}

/**
 * Preview (nothing written) or commit (ONE transaction: every row or none). The commit plans again inside
 * its transaction, so it writes what the data says at that moment, and refuses as a whole when any row is
 * invalid; when nothing would change it writes nothing and says so.
 */
export async function runTableImport<F extends string>(
  actor: Actor,
  importer: TableImporter<F>,
  options: TableImportOptions,
  mode: "preview" | "commit",
): Promise<TableImportSummary & { audit?: Record<string, unknown> }> {
  if (!can(actor, importer.permission)) throw new ForbiddenError();
  assertWithinSizeLimit(options.bytes.length);
  const fileSha256 = createHash("sha256").update(options.bytes).digest("hex");
  if (options.expectedSha256 && options.expectedSha256 !== fileSha256) throw new ConflictError("import_file_changed");
  const table = await readTable(options.bytes, importer.read);
  const fileProblems: RowProblem[] = table.missing.map((field) => ({ row: table.headerRow, column: null, reason: "missing_column", params: { field } }));
  if (!fileProblems.length && !table.records.length) fileProblems.push({ row: table.headerRow, column: null, reason: "no_data_rows" });

  const base = {
    fileName: options.fileName,
    fileSha256,
    format: table.format,
    headerRow: table.headerRow,
    columns: table.columns.map((c) => ({ header: c.header, field: c.field })),
    fileProblems,
  };
  if (fileProblems.length) return { ...base, outcome: "invalid", ...summariseRows([]) };
  if (mode === "preview") {
    const plan = await importer.plan(getDb(), table);
    return { ...base, outcome: plan.rows.some((r) => r.change === "invalid") ? "invalid" : "preview", ...summariseRows(plan.rows) };
  }

  let rows: PreviewRow[] = [];
  let audit: Record<string, unknown> | undefined;
  try {
    await getDb().transaction(async (tx) => {
      const plan = await importer.plan(tx, table);
      rows = plan.rows;
      if (rows.some((r) => r.change === "invalid")) throw new RollbackSignal();
      if (!rows.some((r) => r.change === "new" || r.change === "changed")) return;
      audit = await plan.apply(tx, actor);
      const { counts } = summariseRows(rows);
      await recordAudit(tx, actor, { action: importer.action, entityType: "import_file", entityId: fileSha256.slice(0, 16), after: { fileName: options.fileName, fileSha256, ...counts, ...audit } });
    });
  } catch (error) {
    if (!(error instanceof RollbackSignal)) throw error;
  }
  const summary = summariseRows(rows);
  const outcome = summary.counts.invalid ? "invalid" : audit ? "committed" : "unchanged";
  return { ...base, outcome, ...summary, audit };
}

// Content hashes of an import row: a project or progress row whose hash is unchanged is not rewritten.

import { hash as digest } from "node:crypto";
import type { ImportRow } from "./rows";

/** Hash of the project's own fields and its matched agency: unchanged projects are not rewritten. */
export function projectHash(row: ImportRow, agencyId: number | null): string {
  return hash([
    agencyId,
    row.projectName, row.agencyCode, row.agencyName, row.ministry, row.fiscalYear, row.strategy, row.masterPlan,
    row.subPlan, row.budgetSource, row.budget, row.startsOn, row.endsOn,
  ]);
}

/** Hash of the period's progress figures (not the row number: a row that moved is not a change). */
export function progressHash(row: ImportRow): string {
  return hash([
    row.disbursed, row.spent, row.disbursedPercent, row.physicalProgress, row.kpiName, row.kpiUnit, row.kpiTarget,
    row.kpiResult, row.status, row.rawStatus, row.approvalStatus, row.problems, row.recommendations, row.reportedOn,
  ]);
}

function hash(values: unknown[]): string {
  return digest("sha256", JSON.stringify(values), "base64url").slice(0, 32);
}

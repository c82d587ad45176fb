import "server-only";
import { getDb } from "@/db/client";
import { getReportFile } from "@/db/queries/reports";
import type { Actor } from "@/core/auth/actor";
import { recordAudit } from "@/lib/audit/record";

/** A finished report's archived file for someone who may see it; each download is audited. */
export async function downloadReport(actor: Actor, reportId: number) {
  const file = await getReportFile(actor, reportId);
  await recordAudit(getDb(), actor, { action: "report.download", entityType: "report", entityId: file.report.id, after: { sha256: file.report.sha256 } });
  return file;
}

import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { auditLog, submissions, users } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/core/errors";
import type { SubmissionStatus } from "@/core/assessments/enums";

/** A stale version: carries what others changed since the form was loaded, so nothing is overwritten silently. */
export class SubmissionConflictError extends ConflictError {
  constructor(readonly detail: ConflictDetail) {
    super("stale_version");
  }
}

export interface ConflictDetail {
  currentVersion: number;
  status: SubmissionStatus;
  changedBy: string | null;
  changedAt: string | null;
  /** Form field keys (value.12, progress, …) and their current stored text. */
  changes: { field: string; value: string }[];
}

/** Builds the conflict error: what was saved by others after the version the form was loaded at. */
export async function conflictFor(tx: Transaction, agencyId: number, periodId: number, componentId: number, baseVersion: number) {
  const [current] = await tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.agencyId, agencyId), eq(submissions.periodId, periodId), eq(submissions.componentId, componentId)));
  if (!current) return new NotFoundError("submission");
  const entries = await tx
    .select({ after: auditLog.after, actorLabel: auditLog.actorLabel, at: auditLog.at })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, "submission"),
        eq(auditLog.entityId, String(current.id)),
        inArray(auditLog.action, ["submission.create", "submission.save"]),
        gt(sql<number>`(${auditLog.after}->>'version')::int`, baseVersion),
      ),
    )
    .orderBy(asc(auditLog.id));
  const changed = new Map<string, string>();
  for (const entry of entries) {
    const changes = (entry.after as { changes?: Record<string, { to: string | null }> } | null)?.changes ?? {};
    for (const [field, change] of Object.entries(changes)) changed.set(field, change.to ?? "");
  }
  const last = entries.at(-1);
  const [editor] = current.updatedById ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedById)) : [];
  return new SubmissionConflictError({
    currentVersion: current.version,
    status: current.status,
    changedBy: editor?.name ?? last?.actorLabel ?? null,
    changedAt: (last?.at ?? current.updatedAt).toISOString(),
    changes: [...changed.entries()].map(([field, value]) => ({ field, value })),
  });
}

import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { recordAudit } from "@/lib/audit/record";

/** Sends a failed (parked) job back to the queue for one more attempt; audited in the same transaction. */
export async function retryFailedJob(actor: Actor, jobId: string): Promise<void> {
  if (!can(actor, "admin.jobs")) throw new ForbiddenError();
  await getDb().transaction(async (tx) => {
    const result = await tx.execute<{ name: string; retry_count: number }>(sql`
      update pgboss.job set state = 'retry', retry_limit = retry_limit + 1, start_after = now()
      where id = ${jobId}::uuid and state = 'failed'
      returning name, retry_count`);
    const [job] = result.rows;
    if (!job) throw new NotFoundError("job");
    await recordAudit(tx, actor, { action: "job.retry", entityType: "job", entityId: jobId, after: { queue: job.name, attempts: Number(job.retry_count) + 1 } });
  });
}

import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";

export const JOB_STATES_SHOWN = ["created", "retry", "active", "failed", "completed"] as const;
export type JobStateShown = (typeof JOB_STATES_SHOWN)[number];

export interface QueueCounts {
  queue: string;
  counts: Record<JobStateShown, number>;
}

export interface JobRow {
  id: string;
  queue: string;
  state: string;
  data: unknown;
  attempts: number;
  retryLimit: number;
  error: string | null;
  createdOn: Date;
  startedOn: Date | null;
  finishedOn: Date | null;
}

type CountRow = {
  name: string;
  state: string;
  n: string | number;
};

type RawJobRow = {
  id: string;
  name: string;
  state: string;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  output: { message?: string } | null;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
};

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

function toJobRow(r: RawJobRow): JobRow {
  return {
    id: r.id,
    queue: r.name,
    state: r.state,
    data: r.data,
    attempts: Number(r.retry_count) + (r.state === "created" ? 0 : 1),
    retryLimit: Number(r.retry_limit),
    error: r.output && typeof r.output === "object" && typeof r.output.message === "string" ? r.output.message.slice(0, 300) : null,
    createdOn: new Date(r.created_on),
    startedOn: dateOrNull(r.started_on),
    finishedOn: dateOrNull(r.completed_on),
  };
}

/** What the job queue holds: per queue, jobs waiting, retrying, running, failed, and completed in the last day; the running and failed ones listed. */
export async function getJobOverview(actor: Actor): Promise<{ queues: QueueCounts[]; running: JobRow[]; failed: JobRow[] }> {
  if (!can(actor, "admin.jobs")) throw new ForbiddenError();
  const db = getDb();
  const [counts, running, failed] = await Promise.all([
    db.execute<CountRow>(sql`
      select q.name, j.state::text as state, count(j.id) as n
      from pgboss.queue q
      left join pgboss.job j on j.name = q.name and (j.state <> 'completed' or j.completed_on > now() - interval '1 day')
      where q.name not like '\_\_pgboss%' -- pg-boss's own scheduling queue, not work an admin can act on
      group by 1, 2 order by 1`),
    db.execute<RawJobRow>(sql`select id, name, state::text as state, data, retry_count, retry_limit, output, created_on, started_on, completed_on from pgboss.job where state = 'active' order by started_on limit 50`),
    db.execute<RawJobRow>(sql`select id, name, state::text as state, data, retry_count, retry_limit, output, created_on, started_on, completed_on from pgboss.job where state = 'failed' order by completed_on desc limit 50`),
  ]);
  const byQueue = new Map<string, QueueCounts>();
  for (const row of counts.rows) {
    const entry = byQueue.get(row.name) ?? { queue: row.name, counts: { created: 0, retry: 0, active: 0, failed: 0, completed: 0 } };
    if ((JOB_STATES_SHOWN as readonly string[]).includes(row.state)) entry.counts[row.state as JobStateShown] = Number(row.n);
    byQueue.set(row.name, entry);
  }
  return { queues: [...byQueue.values()], running: running.rows.map(toJobRow), failed: failed.rows.map(toJobRow) };
}

/** Whether the derived figures of a period are being refreshed (a refresh job waits or runs): the pages say so. */
export async function isPeriodRefreshing(periodId: number): Promise<boolean> {
  const result = await getDb().execute<{ waiting: boolean }>(sql`
    select exists (
      select 1 from pgboss.job
      where name = 'derived-refresh' and state in ('created', 'retry', 'active') and data->>'periodId' = ${String(periodId)}
    ) as waiting`);
  return result.rows[0]?.waiting === true;
}

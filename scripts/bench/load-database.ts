// The load test's database (scripts/bench-load.ts): each run's fresh copy of the prepared national dataset,
// the submissions it prepares for the analysts to approve, and the codes the users pick their pages from.
import type { Pool } from "pg";
import { copyDatabase, dropDatabase } from "../generate-national-dataset";
import { APPROVALS, DATASET_DATABASE, databaseUrl, OPEN_PERIOD, RUN_DATABASE } from "./load-config";
import type { Reference } from "./load-session";

/** A fresh copy of the prepared dataset for this run. */
export const copyDataset = () => copyDatabase(databaseUrl(RUN_DATABASE), DATASET_DATABASE);

export const dropCopy = () => dropDatabase(databaseUrl(RUN_DATABASE));

/**
 * Submitted submissions for the analysts to approve during the load, prepared through the services in
 * this process (their refreshes done by the worker), of agencies that have no load user.
 */
export async function prepareApprovals(db: Pool, onRelease: (release: () => Promise<void>) => void): Promise<{ agencyCode: string; componentCode: string }[]> {
  if (APPROVALS <= 0) return [];
  process.env.DATABASE_URL = databaseUrl(RUN_DATABASE);
  process.env.PGLITE_DIR = "";
  const [{ prepareSubmitted }, { closeDb }, { stopQueue }] = await Promise.all([import("./write-run"), import("@/db/client"), import("@/lib/jobs/queue")]);
  onRelease(async () => {
    await stopQueue();
    await closeDb();
  });
  const periodId = (await db.query<{ id: number }>("select id from periods where code = $1", [OPEN_PERIOD])).rows[0]!.id;
  const { prepared } = await prepareSubmitted(db, periodId, APPROVALS, 0, 8);
  return prepared.map((p) => ({ agencyCode: p.agencyCode, componentCode: p.componentCode }));
}

/** The codes the executives and analysts pick their pages from, and the submissions prepared for approval. */
export async function readReference(db: Pool, approvals: Reference["approvals"]): Promise<Reference> {
  return {
    approvals,
    components: (await db.query<{ code: string }>(`select code from components order by ordinal`)).rows.map((r) => r.code),
    indicators: (await db.query<{ code: string }>(`select code from indicators where active order by code`)).rows.map((r) => r.code),
    ministries: (await db.query<{ code: string }>(`select code from agencies where type = 'ministry' order by code`)).rows.map((r) => r.code),
    agencies: (await db.query<{ code: string }>(`select code from agencies where code like 'D%' or code like 'L%' order by code`)).rows.map((r) => r.code),
  };
}

/** The size of the copy: agencies, indicator facts and eMENSCR projects. */
export async function countDataset(db: Pool): Promise<{ agencies: number; facts: number; projects: number }> {
  const [dataset] = (
    await db.query<{ agencies: number; facts: number; projects: number }>(
      `select (select count(*) from agencies)::int agencies, (select count(*) from indicator_facts)::int facts, (select count(*) from emenscr_projects)::int projects`,
    )
  ).rows;
  return dataset!;
}

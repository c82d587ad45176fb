// Helpers of the write-path benchmark (scripts/bench-write.ts): the demo-scale dataset and polling.
import { drizzle } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { applyMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import type { Database } from "@/db/client";
import { seedDemoData } from "@/scripts/seed/seed";
import { recreateDatabase } from "../generate-national-dataset";

/** One measured duration and what it measured. */
export interface Timed {
  ms: number;
  label?: string;
}

/** The demo seed in a fresh database (seconds, for checking the benchmark itself). */
export async function prepareDemoDataset(url: string): Promise<void> {
  await recreateDatabase(url);
  const pool = new Pool({ connectionString: url, max: 4 });
  try {
    const db = drizzle({ client: pool, schema, casing: "snake_case" }) as unknown as Database;
    await applyMigrations(db, "postgres");
    await seedDemoData(db);
  } finally {
    await pool.end();
  }
}

/** Polls until the check holds; returns the milliseconds waited, or throws after the timeout. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, intervalMs = 20): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs the tasks with at most `limit` at once, in order of the list. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

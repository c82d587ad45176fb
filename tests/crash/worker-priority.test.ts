// The worker runs below the app's CPU priority, so that on shared cores an import's parsing or a refresh
// waits for the pages people are waiting for. PostgreSQL only (TEST_DATABASE_URL), like `npm run worker`.
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWorkerNice } from "@/lib/jobs/worker-priority";
import { runScript, startScript, waitForOutput } from "../support/child-processes";
import { createTestDatabase, type TestDatabase } from "../support/databases";

const WORKER_TIMEOUT = 5 * 60_000;

/** The nice value of every thread of a process, from /proc (field 19 of each thread's stat). */
function threadNiceValues(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      // The fields after the command's name, which is in parentheses and may hold spaces: state is field 3.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return [Number(fields[19 - 3])];
    } catch {
      return []; // The thread ended meanwhile.
    }
  });
}

describe("WORKER_NICE", () => {
  it("is 10 unless set, and a whole number from 0 to 19", () => {
    expect(parseWorkerNice(undefined)).toBe(10);
    expect(parseWorkerNice(" ")).toBe(10);
    expect(parseWorkerNice("0")).toBe(0);
    expect(parseWorkerNice(" 19 ")).toBe(19);
    for (const bad of ["-1", "20", "5.5", "high", "1e1x"]) expect(() => parseWorkerNice(bad), bad).toThrow(/WORKER_NICE must be a whole number from 0/);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL || process.platform !== "linux")("the worker's CPU priority [postgres]", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await database?.dispose();
  });

  for (const [setting, expected] of [[undefined, 10], ["7", 7]] as const) {
    it(`runs every thread at nice ${expected} with WORKER_NICE ${setting ?? "unset"}`, { timeout: WORKER_TIMEOUT }, async () => {
      const env: Record<string, string> = { DATABASE_URL: database.url!, LOG_LEVEL: "info", WORKER_NICE: setting ?? "" };
      const worker = startScript("scripts/worker.ts", [], { env });
      try {
        await waitForOutput(worker, /worker\.started/);
        const values = threadNiceValues(worker.pid);
        expect(values.length).toBeGreaterThan(1);
        // A process may lower its priority, not raise it: under a test runner already above it, it stays there.
        expect(new Set(values)).toEqual(new Set([Math.max(expected, os.getPriority())]));
      } finally {
        await worker.stop();
      }
    });
  }

  it("refuses a WORKER_NICE that is not a nice value, naming it, before it takes any job", { timeout: WORKER_TIMEOUT }, async () => {
    const { code, stderr } = await runScript("scripts/worker.ts", [], { env: { DATABASE_URL: database.url!, WORKER_NICE: "low" } });
    expect(code).toBe(1);
    expect(stderr).toContain('WORKER_NICE must be a whole number from 0 (the app\'s own priority) to 19 (the lowest), not "low".');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

import { afterAll, beforeAll, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { importBatches, importRuns, users } from "@/db/schema";
import { previewImport } from "@/lib/emenscr/import-service";
import type { ImportStreamEvent } from "@/lib/emenscr/import-events";
import { followImportRun, queueImportRun, type QueuedImport } from "@/lib/emenscr/import-runs";
import { markQueueActive, stopQueue } from "@/lib/jobs/queue";
import { startJobWorkers } from "@/lib/jobs/workers";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

/** Everything the screen would receive while following a queued run, up to its outcome. */
async function follow(queued: QueuedImport): Promise<ImportStreamEvent[]> {
  const events: ImportStreamEvent[] = [];
  await followImportRun(queued, new AbortController().signal, (event) => events.push(event));
  return events;
}

describeEachDatabase("eMENSCR imports run by a worker (app instances with JOB_WORKERS=off)", ({ db }) => {
  let analyst: ReturnType<typeof actorOf>;
  let file: Buffer;

  beforeAll(async () => {
    markQueueActive();
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    file = await generateSyntheticExport({ rows: 300, format: "xlsx", seed: 7 });
  });

  afterAll(async () => {
    await stopQueue();
    markQueueActive(false);
  });

  it("a preview and then a commit handed to the worker reach the screen as progress and the same summary as in the request", async () => {
    const input = { fileName: "q1.xlsx", bytes: file, periodCode: "2570Q1" };
    const inRequest = await previewImport(analyst, input);

    // Queued before any worker runs: the screen is told it waits, then sees the worker's progress and summary.
    const preview = await queueImportRun(analyst, "preview", input);
    const previewEvents = follow(preview);
    await startJobWorkers();
    const events = await previewEvents;
    expect(events[0]).toEqual({ type: "progress", phase: "queued", rows: 0 });
    const previewed = events.at(-1);
    expect(previewed).toMatchObject({ type: "result", summary: { outcome: "preview", rows: 300, inserted: inRequest.inserted, invalid: inRequest.invalid, fileSha256: inRequest.fileSha256 } });
    expect(await db().select({ n: count() }).from(importBatches)).toEqual([{ n: 0 }]);

    const committed = await follow(await queueImportRun(analyst, "commit", { ...input, expectedSha256: inRequest.fileSha256 }));
    expect(committed.at(-1)).toMatchObject({ type: "result", summary: { outcome: "committed", rows: 300, inserted: 300 } });
    // Only the last state is relayed (read a few times a second), and never one that goes back.
    const rowsSeen = committed.flatMap((e) => (e.type === "progress" ? [e.rows] : []));
    expect(rowsSeen).toEqual([...rowsSeen].sort((a, b) => a - b));
    const [batch] = await db().select().from(importBatches);
    expect(batch).toMatchObject({ fileName: "q1.xlsx", actorId: analyst.id, insertedCount: 300 });
    // The upload is not kept once its run has finished.
    const runs = await db().select({ status: importRuns.status, content: importRuns.content }).from(importRuns);
    expect(runs).toEqual([
      { status: "finished", content: null },
      { status: "finished", content: null },
    ]);
  });

  it("an uploader deactivated before the worker reached the run imports nothing and is told why", async () => {
    const leaver = await createUser(db(), { role: "analyst" });
    // Deactivated after sending the upload (the request's own session check had passed), before a worker ran it.
    await db().update(users).set({ active: false }).where(eq(users.id, leaver.id));
    const before = await db().select({ n: count() }).from(importBatches);
    const outcome = (await follow(await queueImportRun(actorOf(leaver), "commit", { fileName: "late.xlsx", bytes: file, periodCode: "2570Q2" }))).at(-1);
    expect(outcome).toEqual({ type: "error", error: "forbidden" });
    expect(await db().select({ n: count() }).from(importBatches)).toEqual(before);
  });

  it("a run whose job is gone (its worker killed, the job expired) ends with 'interrupted' instead of a screen waiting for ever", async () => {
    const [run] = await db()
      .insert(importRuns)
      .values({ actorId: analyst.id, mode: "commit", status: "running", fileName: "lost.xlsx", content: file, options: {} })
      .returning({ id: importRuns.id });
    const events = await follow({ runId: run!.id, jobId: "00000000-0000-4000-8000-000000000000" });
    expect(events.at(-1)).toEqual({ type: "error", error: "import_interrupted" });
    const [stored] = await db().select().from(importRuns).where(eq(importRuns.id, run!.id));
    expect(stored).toMatchObject({ status: "finished", content: null, outcome: { type: "error", error: "import_interrupted" } });
    // Runs created over a day ago are dropped when the next is queued.
    await db().execute(sql`update import_runs set created_at = now() - interval '2 days' where id = ${run!.id}`);
    await queueImportRun(analyst, "preview", { fileName: "next.xlsx", bytes: file, periodCode: "2570Q1" });
    expect(await db().select().from(importRuns).where(eq(importRuns.id, run!.id))).toEqual([]);
  });
});

// The eMENSCR import during the load test (scripts/bench-load.ts): the synthetic export, and one analyst
// uploading it to the preview route and committing it, as the import screen does.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { IMPORT_ROWS, OPEN_PERIOD } from "./load-config";
import type { LoadUser } from "./load-users";

/** The import starts once the load has settled in. */
const IMPORT_DELAY_SECONDS = 5;

export interface ImportRun {
  rows: number;
  fileBytes: number;
  previewSeconds: number;
  commitSeconds: number;
  inserted: number;
  startedAtSecond: number;
  error?: string;
}

/** Uploads the export to the preview route, then commits it with the preview's SHA-256, as the import screen does. */
async function runImport(origin: string, cookie: string, file: Buffer, rows: number, startedAtSecond: number): Promise<ImportRun> {
  const post = async (route: "preview" | "commit", extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(file)]), `emenscr-load-${rows}.xlsx`);
    form.set("period", OPEN_PERIOD);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    const started = performance.now();
    const response = await fetch(`${origin}/api/imports/${route}`, { method: "POST", headers: { cookie, origin }, body: form });
    const events = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; summary?: { outcome: string; fileSha256: string; inserted: number; invalid: number }; error?: string });
    const last = events.at(-1);
    if (response.status !== 200 || last?.type !== "result") throw new Error(`${route}: HTTP ${response.status}, ${last?.error ?? last?.type ?? "no answer"}`);
    return { summary: last.summary!, seconds: (performance.now() - started) / 1000 };
  };
  const run: ImportRun = { rows, fileBytes: file.length, previewSeconds: 0, commitSeconds: 0, inserted: 0, startedAtSecond };
  try {
    const preview = await post("preview");
    run.previewSeconds = preview.seconds;
    if (preview.summary.outcome !== "preview" || preview.summary.invalid) throw new Error(`preview: ${preview.summary.outcome}, ${preview.summary.invalid} invalid rows`);
    const commit = await post("commit", { expectedSha256: preview.summary.fileSha256 });
    run.commitSeconds = commit.seconds;
    run.inserted = commit.summary.inserted;
    if (commit.summary.outcome !== "committed") throw new Error(`commit: ${commit.summary.outcome}`);
  } catch (error) {
    // fetch's own message is "fetch failed"; what failed is in its cause.
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    run.error = cause ? `${(error as Error).message} (${[cause.code, cause.message].filter(Boolean).join(": ")})` : (error as Error).message;
  }
  return run;
}

/** The synthetic export to import (seed 2570, the open quarter), generated once per row count and kept in bench-results/. */
export async function importExport(rows: number): Promise<Buffer> {
  const file = path.join("bench-results", `emenscr-load-${rows}-seed2570-${OPEN_PERIOD}.xlsx`);
  if (existsSync(file)) {
    console.log(`Import file: ${file} (kept from an earlier run).`);
    return readFileSync(file);
  }
  const started = performance.now();
  const bytes = await generateSyntheticExport({ rows, format: "xlsx", seed: 2570, periodCode: OPEN_PERIOD });
  writeFileSync(file, bytes);
  console.log(`Import file: ${rows.toLocaleString("en")} rows, ${(bytes.length / 1048576).toFixed(1)} MB xlsx, generated in ${((performance.now() - started) / 1000).toFixed(1)} s into ${file}.`);
  return bytes;
}

/** The analyst's upload, IMPORT_DELAY_SECONDS into the load (started at `loadStarted`); resolves once it is committed or failed. */
export function importDuringLoad(origin: string, analyst: LoadUser, file: Buffer, loadStarted: number): Promise<ImportRun> {
  return new Promise<ImportRun>((resolve) =>
    setTimeout(async () => {
      const at = (performance.now() - loadStarted) / 1000;
      console.log(`  ${at.toFixed(0)} s: ${analyst.email} uploads the eMENSCR export (${IMPORT_ROWS.toLocaleString("en")} rows) …`);
      const importRun = await runImport(origin, analyst.cookie!, file, IMPORT_ROWS, at);
      console.log(`  ${((performance.now() - loadStarted) / 1000).toFixed(0)} s: import ${importRun.error ? `FAILED: ${importRun.error}` : `committed (preview ${importRun.previewSeconds.toFixed(1)} s, commit ${importRun.commitSeconds.toFixed(1)} s)`}.`);
      resolve(importRun);
    }, IMPORT_DELAY_SECONDS * 1000),
  );
}

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { runScript } from "../support/child-processes";

// The CLI is spawned as a scheduled job would run it, on its own embedded database folder; it runs to its
// end however long that takes on a busy machine (the test's timeout is the safety net, and a child left
// over is ended with the test).
let dir: string;

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return runScript("scripts/import-emenscr.ts", args, { env: { DATABASE_URL: "", PGLITE_DIR: path.join(dir, "db"), ...env } });
}

describe("npm run import:emenscr", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lamnam-cli-"));
    await writeFile(path.join(dir, "good.csv"), await generateSyntheticExport({ rows: 200, format: "csv", encoding: "windows-874" }));
    await writeFile(
      path.join(dir, "bad.csv"),
      "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nB-1,ก,กรมทรัพย์สินทางปัญญา,สิบบาท\nB-1,ข,กรมทรัพย์สินทางปัญญา,10\n",
    );
    await writeFile(path.join(dir, "photo.xlsx"), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.alloc(300)]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("dry run: exit 0, one JSON object, nothing written; then commit; then the same file again is unchanged", async () => {
    const dry = await runCli([path.join(dir, "good.csv"), "--dry-run", "--json"]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ rows: 200, inserted: 200, updated: 0, unchanged: 0, invalid: 0, errors: [] });
    expect(dry.stdout.trim().split("\n")).toHaveLength(1);

    const commit = await runCli([path.join(dir, "good.csv"), "--json"]);
    expect(commit.code).toBe(0);
    expect(JSON.parse(commit.stdout)).toMatchObject({ rows: 200, inserted: 200, outcome: "committed", batchId: 1 });

    const again = await runCli([path.join(dir, "good.csv")]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes");
  });

  it("invalid rows: exit 1 with every error, nothing committed", async () => {
    const result = await runCli([path.join(dir, "bad.csv"), "--period", "2570Q1", "--json"]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ rows: 2, inserted: 0, invalid: 2 });
    expect(summary.errors).toEqual([
      { row: 2, column: "วงเงินงบประมาณ", message: "Not a number" },
      { row: 3, column: "รหัสโครงการ", message: "Project code B-1 already appears in row 2" },
    ]);
    const check = await runCli([path.join(dir, "good.csv"), "--dry-run", "--json"]);
    expect(JSON.parse(check.stdout)).toMatchObject({ inserted: 0, unchanged: 200 });
  });

  it("unreadable file: exit 2 with a clear message", async () => {
    const photo = await runCli([path.join(dir, "photo.xlsx"), "--json"]);
    expect(photo.code).toBe(2);
    expect(JSON.parse(photo.stdout).errors[0].message).toBe("This file is not an Excel workbook (.xlsx) or a CSV file");
    const missing = await runCli([path.join(dir, "nope.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("ENOENT");
    const large = await runCli([path.join(dir, "good.csv"), "--json"], { IMPORT_MAX_BYTES: "1000" });
    expect(large.code).toBe(2);
    expect(JSON.parse(large.stdout).errors[0].message).toMatch(/more than the 1000 bytes limit/);
  });
});

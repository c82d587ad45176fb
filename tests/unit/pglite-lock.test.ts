import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDirLock, DatabaseLockedError, lockPathFor, releaseDirLock } from "@/db/pglite-lock";
import { startChild } from "../support/child-processes";

const dirs: string[] = [];
function tempDataDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lamnam-lock-"));
  dirs.push(root);
  return path.join(root, "pglite");
}
afterEach(() => {
  for (const d of dirs.splice(0)) {
    releaseDirLock(path.join(d, "pglite"));
    fs.rmSync(d, { recursive: true, force: true });
  }
});

describe("embedded database lock", () => {
  it("refuses a second process while the owner is alive, naming the owner", async () => {
    const dir = tempDataDir();
    // Alive until the test ends it (or the test's end does).
    const owner = startChild(process.execPath, ["-e", "setInterval(() => {}, 60_000)"]);
    try {
      fs.writeFileSync(lockPathFor(dir), JSON.stringify({ pid: owner.pid, host: os.hostname(), command: "next start", since: "" }));
      expect(() => acquireDirLock(dir)).toThrow(DatabaseLockedError);
      expect(() => acquireDirLock(dir)).toThrow(/in use by another process \(pid \d+: next start\)/);
    } finally {
      await owner.stop();
    }
  });

  it("takes over a stale lock left by a process that died", async () => {
    const dir = tempDataDir();
    const dead = startChild(process.execPath, ["-e", ""]);
    await dead.exited;
    fs.writeFileSync(lockPathFor(dir), JSON.stringify({ pid: dead.pid, host: os.hostname(), command: "crashed", since: "" }));
    expect(() => acquireDirLock(dir)).not.toThrow();
    expect(JSON.parse(fs.readFileSync(lockPathFor(dir), "utf8")).pid).toBe(process.pid);
    releaseDirLock(dir);
    expect(fs.existsSync(lockPathFor(dir))).toBe(false);
  });
});

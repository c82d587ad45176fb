import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PGlite does not lock its data folder, and two processes writing one folder silently diverge.
 * We keep a lock file beside the folder holding the owner's pid; a live owner means refusal.
 */

export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly ownerPid: number,
    readonly ownerCommand: string,
  ) {
    super(
      `The embedded database at ${dir} is in use by another process (pid ${ownerPid}: ${ownerCommand}). ` +
        "Only one process may open it: stop that process first (e.g. the running app), " +
        "or point DATABASE_URL at PostgreSQL.",
    );
    this.name = "DatabaseLockedError";
  }
}

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export function lockPathFor(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

/** A killed process nobody has reaped yet (a container whose init does not reap) still answers kill(pid, 0). */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

function readLock(file: string): LockInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

// Per process, not per module copy (Next.js may load this module more than once).
const HELD_KEY = Symbol.for("lamnam.pglite.locks");
const held: Set<string> = ((globalThis as Record<symbol, Set<string>>)[HELD_KEY] ??= new Set<string>());

export function acquireDirLock(dir: string): void {
  const file = lockPathFor(dir);
  if (held.has(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    command: process.argv.slice(1).map((a) => path.basename(a)).join(" ").slice(0, 200),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: "wx" });
      held.add(file);
      releaseAllOnExit();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLock(file);
      const sameHost = !owner || owner.host === os.hostname();
      if (owner && owner.pid !== process.pid && sameHost && isAlive(owner.pid)) {
        throw new DatabaseLockedError(dir, owner.pid, owner.command);
      }
      if (owner && !sameHost) {
        throw new DatabaseLockedError(dir, owner.pid, `${owner.command} on host ${owner.host}`);
      }
      // Stale lock from a process that is gone (crash, kill -9): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database at ${dir}.`);
}

/** One exit hook per process, however often a lock is taken and released. */
const EXIT_HOOK_KEY = Symbol.for("lamnam.pglite.locks.exit-hook");
function releaseAllOnExit(): void {
  const processGlobal = globalThis as Record<symbol, boolean>;
  if (processGlobal[EXIT_HOOK_KEY]) return;
  processGlobal[EXIT_HOOK_KEY] = true;
  process.once("exit", () => {
    for (const file of [...held]) releaseLockFile(file);
  });
}

export function releaseDirLock(dir: string): void {
  releaseLockFile(lockPathFor(dir));
}

function releaseLockFile(file: string): void {
  if (!held.has(file)) return;
  held.delete(file);
  const owner = readLock(file);
  if (owner?.pid === process.pid) fs.rmSync(file, { force: true });
}

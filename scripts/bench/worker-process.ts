// `npm run worker` as a child of a bench script, in its own process group, stopped with all it started.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";

export function startWorkerProcess(databaseUrl: string, logFile: string): ChildProcess {
  const out = createWriteStream(logFile);
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PGLITE_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  return child;
}

/** SIGTERM to the worker's process group (SIGKILL after 15 s), and waits for it to exit. */
export async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  kill("SIGTERM");
  const timer = setTimeout(() => kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

// Child processes of the tests (CLIs, app servers), shared by Vitest suites and Playwright specs (so: no
// test-runner imports here). Every child is started in a process group of its own and recorded, so that
// reapChildren() can end it, whatever it started in turn, also when the test that started it failed or
// timed out: a child left running would keep holding the embedded database's lock for the next test.
// Waits are on events (a line of output, the child's exit, a port answering); the test's own timeout
// is the only clock.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, type WriteStream } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** Lines written so far (split at \n and \r: progress lines end with \r), per stream. */
  readonly lines: { stdout: string[]; stderr: string[] };
  stdout(): string;
  stderr(): string;
  /** Settles when the child has exited and its output is read to the end. */
  readonly exited: Promise<ChildExit>;
  /** Ends the child's whole process group (SIGTERM, SIGKILL if it lingers) and waits until it is gone. */
  stop(): Promise<ChildExit>;
  /** SIGKILL to the whole process group at once; waits until it is gone. */
  kill(): Promise<ChildExit>;
}

export interface StartOptions {
  /** Names the child in messages (default: the command). */
  name?: string;
  cwd?: string;
  /** Added to (and overriding) this process's environment. */
  env?: Record<string, string>;
  /** Also writes everything the child prints here. */
  log?: WriteStream;
}

type Stream = "stdout" | "stderr";
type LineListener = (line: string, stream: Stream) => void;

interface Recorded {
  child: Child;
  serial: number;
  done: boolean;
}

// One registry per process, however many copies of this module the test runner loads.
const REGISTRY = Symbol.for("lamnam.tests.children");
const registry = ((globalThis as Record<symbol, { recorded: Set<Recorded>; serials: number } | undefined>)[REGISTRY] ??= (() => {
  const created = { recorded: new Set<Recorded>(), serials: 0 };
  // The test process itself ending (a worker torn down after a failure) takes its children with it.
  process.once("exit", () => {
    for (const entry of created.recorded) signalGroup(entry.child.pid, "SIGKILL");
  });
  return created;
})());
const recorded = registry.recorded;
const lineListeners = new WeakMap<Child, Set<LineListener>>();

/** How long a child may take to stop after SIGTERM before it gets SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** Starts a command in a process group of its own and records it until it is gone. */
export function startChild(command: string, args: string[], options: StartOptions = {}): Child {
  const proc = spawn(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const name = options.name ?? path.basename(command);
  const output = { stdout: "", stderr: "" };
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const listeners = new Set<LineListener>();
  for (const stream of ["stdout", "stderr"] as const) {
    let pending = "";
    proc[stream].on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      output[stream] += text;
      options.log?.write(text);
      const parts = (pending + text).split(/\r\n|\r|\n/);
      pending = parts.pop()!;
      for (const line of parts) {
        lines[stream].push(line);
        for (const listener of listeners) listener(line, stream);
      }
    });
    proc[stream].on("end", () => {
      if (!pending) return;
      lines[stream].push(pending);
      for (const listener of listeners) listener(pending, stream);
      pending = "";
    });
  }
  const exited = new Promise<ChildExit>((resolve, reject) => {
    proc.once("error", reject);
    proc.once("close", (code, signal) => resolve({ code, signal }));
  });
  const entry: Recorded = { child: undefined as unknown as Child, serial: ++registry.serials, done: false };
  const pid = proc.pid;
  if (pid === undefined) {
    exited.catch(() => undefined);
    throw new Error(`could not start ${name}`);
  }
  const forget = () => {
    entry.done = true;
    recorded.delete(entry);
  };
  const gone = async () => {
    await exited.catch(() => undefined);
    await groupGone(pid);
    forget();
    return exited;
  };
  entry.child = {
    name,
    process: proc,
    pid,
    lines,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    exited,
    stop: async () => {
      if (!entry.done && signalGroup(pid, "SIGTERM")) {
        const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), STOP_GRACE_MS);
        await exited.catch(() => undefined);
        // The group's other members (a wrapper's child, a server's workers) get the same grace.
        await groupGone(pid, () => signalGroup(pid, "SIGKILL"));
        clearTimeout(timer);
      }
      return gone();
    },
    kill: async () => {
      if (!entry.done) signalGroup(pid, "SIGKILL");
      return gone();
    },
  };
  recorded.add(entry);
  lineListeners.set(entry.child, listeners);
  // Exited by itself: forgotten, unless something it started is still running (then reaped later).
  const settled = () => void (groupAlive(pid) || forget());
  void exited.then(settled, settled);
  return entry.child;
}

/**
 * Runs a TypeScript entry point in ONE node process (tsx as a loader, not its wrapper process), so that
 * the process holding the database is the one this test waits for and signals.
 */
export function startScript(script: string, args: string[], options: StartOptions & { imports?: string[] } = {}): Child {
  const imports = ["tsx", ...(options.imports ?? [])].flatMap((i) => ["--import", i]);
  return startChild(process.execPath, ["--conditions=react-server", ...imports, script, ...args], { name: script, ...options });
}

/** Runs a script to its end: its exit code (1 when killed by a signal) and its output. */
export async function runScript(script: string, args: string[], options: StartOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = startScript(script, args, options);
  const { code } = await child.exited;
  return { code: code ?? 1, stdout: child.stdout(), stderr: child.stderr() };
}

/**
 * Waits for the first line that matches, of both streams unless one is named (lines already printed
 * included, but for the first `skip` of the named stream). Fails, with the end of the output, if the
 * child exits first.
 */
export function waitForOutput(child: Child, match: RegExp | ((line: string) => boolean), options: { stream?: Stream; skip?: number } = {}): Promise<string> {
  const listeners = lineListeners.get(child)!;
  const test = typeof match === "function" ? match : (line: string) => match.test(line);
  const streams: Stream[] = options.stream ? [options.stream] : ["stdout", "stderr"];
  const seen = streams.flatMap((s) => child.lines[s].slice(options.stream ? (options.skip ?? 0) : 0)).find(test);
  if (seen !== undefined) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const listener: LineListener = (line, from) => {
      if (!streams.includes(from) || !test(line)) return;
      listeners.delete(listener);
      resolve(line);
    };
    listeners.add(listener);
    void child.exited.then(
      (exit) => {
        listeners.delete(listener);
        const tail = `${child.stdout()}\n${child.stderr()}`.trim().split("\n").slice(-20).join("\n");
        reject(new Error(`${child.name} exited (${exit.signal ?? exit.code}) before printing ${String(match)}:\n${tail}`));
      },
      (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

/**
 * Waits until `url` answers (2xx unless `accept` says otherwise): the child's server is up. Fails if the
 * child exits first.
 */
export async function waitForHttp(child: Child, url: string, accept: (response: Response) => boolean = (r) => r.ok): Promise<Response> {
  let exit: ChildExit | undefined;
  void child.exited.then((e) => (exit = e), () => (exit = { code: null, signal: null }));
  for (;;) {
    if (exit) throw new Error(`${child.name} exited (${exit.signal ?? exit.code}) before ${url} answered:\n${child.stderr().slice(-2000)}`);
    const response = await fetch(url).catch(() => undefined);
    if (response && accept(response)) return response;
    await response?.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A marker for reapChildren(since): children started after this call. */
export function childrenMark(): number {
  return registry.serials;
}

/**
 * Ends every recorded child still around (started after `since`, all by default), its whole process
 * group, and waits until they are gone. For afterEach/afterAll hooks and fixtures.
 */
export async function reapChildren(since = 0): Promise<void> {
  await Promise.all([...recorded].filter((r) => r.serial > since).map((r) => r.child.stop()));
}

/** Sends a signal to the group the child leads; false if nothing of it is left. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a live (not zombie) process remains in the group. Orphans are not reaped here (pid 1 may not
 * reap), so a killed wrapper's child can stay a zombie that kill(0) still finds: /proc tells them apart.
 */
function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return signalGroup(pgid, 0 as unknown as NodeJS.Signals);
  }
  return entries.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(pgrp) === pgid && state !== "Z" && state !== "X";
    } catch {
      return false;
    }
  });
}

/** Waits until no live process is left in the group; `linger` runs once if that takes a while. */
async function groupGone(pgid: number, linger?: () => void): Promise<void> {
  const started = Date.now();
  let lingered = false;
  while (groupAlive(pgid)) {
    if (linger && !lingered && Date.now() - started > STOP_GRACE_MS) {
      lingered = true;
      linger();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

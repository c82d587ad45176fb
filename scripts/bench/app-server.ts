// The built app under `next start` for the bench scripts: the production build checked (or made), the
// server started on loopback against a given database, and next-auth credentials sign-in over HTTP.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync, type WriteStream } from "node:fs";
import path from "node:path";

/** Signs bench sessions only; never a production secret. */
export const BENCH_NEXTAUTH_SECRET = "bench-only-secret-0123456789abcdef0123456789";

const NEXT_BIN = path.join("node_modules", ".bin", "next");
const NEXT_SCRIPT = path.join("node_modules", "next", "dist", "bin", "next");
/** What `next build` compiles: a newer file in any of these makes the build out of date. */
const BUILD_INPUTS = ["app", "components", "lib", "db", "i18n", "messages", "types", "proxy.ts", "instrumentation.ts", "next.config.js", "tsconfig.json", "package-lock.json"];

function newestModification(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

/**
 * Makes sure .next holds a production build of the current sources. mode "auto" keeps a build newer
 * than every source file and builds otherwise; "always" builds; "never" refuses to run without one.
 * Says what it did.
 */
export function ensureProductionBuild(mode: "auto" | "always" | "never", log: (line: string) => void = console.log): void {
  const buildId = path.join(".next", "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newestSource = Math.max(...BUILD_INPUTS.map(newestModification));
  const upToDate = built > 0 && built >= newestSource;
  if (mode === "never" || (mode === "auto" && upToDate)) {
    if (!built) throw new Error("No production build in .next: run `npx next build` first (or leave BENCH_LOAD_BUILD unset).");
    log(`Using the production build in .next (${new Date(built).toISOString()}; ${upToDate ? "newer than every source file" : "OLDER than the sources: BENCH_LOAD_BUILD=never"}).`);
    return;
  }
  log(built ? `Rebuilding: ${mode === "always" ? "BENCH_LOAD_BUILD=always" : "sources changed since the build in .next"} — npx next build …` : "No production build in .next — npx next build …");
  const started = performance.now();
  const result = spawnSync(NEXT_BIN, ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  log(`Built in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

/**
 * How long the app keeps an idle connection open. It is longer than the proxy's own idle limit
 * (scripts/bench/proxy.ts), so the proxy never sends a request on a socket that the app is closing at the same
 * moment. That race answers 502 with "socket hang up". Node's default here is 5 s.
 */
export const SERVER_KEEP_ALIVE_MS = 120_000;

export interface AppServer {
  origin: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. */
  stop: () => Promise<void>;
}

/**
 * Starts `next start` on 127.0.0.1:port against the database and waits for /api/health. The server's
 * output goes to `output` (or is dropped); `env` adds to or overrides the environment.
 */
export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  /** Options for node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
  output?: WriteStream;
}): Promise<AppServer> {
  const origin = `http://127.0.0.1:${options.port}`;
  try {
    await fetch(`${origin}/api/health`);
    throw new Error(`something already answers on ${origin}: refusing to benchmark it`);
  } catch (error) {
    if ((error as Error).message.startsWith("something already")) throw error;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    NEXTAUTH_SECRET: BENCH_NEXTAUTH_SECRET,
    NEXTAUTH_URL: origin,
    NEXT_TELEMETRY_DISABLED: "1",
    PGLITE_DIR: "",
    ...options.env,
  };
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), NEXT_SCRIPT, "start", "-H", "127.0.0.1", "-p", String(options.port), "--keepAliveTimeout", String(SERVER_KEEP_ALIVE_MS)], {
    env,
    stdio: ["ignore", options.output ? "pipe" : "ignore", options.output ? "pipe" : "inherit"],
  });
  if (options.output) {
    child.stdout?.pipe(options.output, { end: false });
    child.stderr?.pipe(options.output, { end: false });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${origin}/api/health`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (i > 120) throw new Error("next start did not come up within 60 s");
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, process: child, stop };
}

/**
 * Signs in through next-auth's credentials flow over HTTP (CSRF token, then the callback), as the
 * sign-in form does; returns the Cookie header of the session.
 */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  // Fresh connections: a caller may have killed and restarted a server on this port, and a pooled socket of
  // the killed one would be reset under the non-idempotent POST (fetch retries only idempotent requests).
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers: { connection: "close" } });
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const post = () =>
    fetch(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(), connection: "close" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
  // A server just restarted has been seen to reset this first POST's connection before answering anything
  // (fetch failed, no response): a sign-in that never reached the server is sent once more.
  const response = await post().catch(async (error: unknown) => {
    if (!(error instanceof TypeError)) throw error;
    await new Promise((resolve) => setTimeout(resolve, 500));
    return post();
  });
  keep(response);
  await response.arrayBuffer();
  const session = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`sign-in of ${email} failed (HTTP ${response.status}${response.headers.get("location") ? `, to ${response.headers.get("location")}` : ""})`);
  return `${session}=${jar.get(session)}`;
}

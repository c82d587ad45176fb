// The load test's settings (scripts/bench-load.ts describes each option) and the databases it runs on.

export const USERS = Number(process.env.BENCH_LOAD_USERS ?? 200);
export const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
export const IMPORT_ROWS = Number(process.env.BENCH_LOAD_IMPORT_ROWS ?? 50_000);
/** As long as the app lets a request wait for its turn (REQUEST_QUEUE_TIMEOUT_MS, 60 s) before it answers 503. */
export const TIMEOUT_SECONDS = Number(process.env.BENCH_LOAD_TIMEOUT ?? 60);
export const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3325);
export const RATE = process.env.BENCH_LOAD_RATE ? Number(process.env.BENCH_LOAD_RATE) : undefined;
export const BUILD = (process.env.BENCH_LOAD_BUILD ?? "auto") as "auto" | "always" | "never";
/** App instances (`next start`, JOB_WORKERS=off) behind a round-robin proxy on PORT, with one `npm run worker`. */
export const INSTANCES = Math.max(1, Number(process.env.BENCH_LOAD_INSTANCES ?? 2));
/**
 * Each instance's V8 old-space limit in MB (--max-old-space-size), as README's deployment notes advise for
 * instances of 600 MB; 0: Node's default, under which an instance's heap grew to about 1 GB in a 9-minute run.
 */
export const HEAP_MB = Number(process.env.BENCH_LOAD_HEAP_MB ?? 384);
/**
 * Each instance's young-generation semi-space in MB (--max-semi-space-size), as the README's deployment notes
 * advise (32); 0: Node's default (16), under which more of each render's short-lived objects were promoted and
 * collected again by the old generation's GC.
 */
export const SEMI_SPACE_MB = Number(process.env.BENCH_LOAD_SEMI_SPACE_MB ?? 32);
/** Each user's pause after an answer before the next request (0: closed loop). */
export const THINK_MS = Number(process.env.BENCH_LOAD_THINK_MS ?? 0);
/** Submitted submissions prepared for the analysts to approve during the load. */
export const APPROVALS = Number(process.env.BENCH_LOAD_APPROVALS ?? 400);
export const DATASET_DATABASE = "lamnam_load_dataset";
export const RUN_DATABASE = "lamnam_load";
/** The open quarter of the demo seed: forms are saved there, the import reports it. */
export const OPEN_PERIOD = "2570Q1";

export function serverUrl(): URL {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url;
}
export const databaseUrl = (name: string) => Object.assign(serverUrl(), { pathname: `/${name}` }).toString();
export const redact = (url: string) => url.replace(/:[^:@/]*@/, ":***@");

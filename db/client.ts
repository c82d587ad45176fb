import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Client, Pool, type ClientConfig, type PoolClient } from "pg";
import * as schema from "./schema";
import { acquireDirLock, releaseDirLock } from "./pglite-lock";
import { withStatementName } from "./statement-names";
import { sql, type Logger } from "drizzle-orm";
import { debugEnabled, log } from "@/core/log";

/**
 * The one database handle of the process. Both drivers expose the same drizzle query API; the PGlite
 * instance is typed as the node-postgres one so callers never branch on the driver.
 */
export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that can run queries: the database or an open transaction. */
export type Queryable = Database | Transaction;

export type DatabaseKind = "postgres" | "pglite";

interface Connection {
  kind: DatabaseKind;
  db: Database;
  /** Human-readable location for messages: host/db for PostgreSQL, the folder for PGlite. */
  location: string;
  close: () => Promise<void>;
}

/**
 * Next.js bundles server code into several module graphs (route handlers, pages, instrumentation),
 * each with its own copy of this module. The connection must be one per process, or two PGlite
 * instances would write the same folder and silently diverge: keep it on globalThis.
 */
const CONNECTION_KEY = Symbol.for("lamnam.db.connection");
type GlobalWithConnection = typeof globalThis & { [CONNECTION_KEY]?: Connection };
const processGlobal = globalThis as GlobalWithConnection;

export function resolvePgliteDir(): string {
  return path.resolve(process.env.PGLITE_DIR || path.join(/* turbopackIgnore: true */ process.cwd(), ".data", "pglite"));
}

/** Where the database is, without opening it. */
export function describeDatabaseTarget(): { kind: DatabaseKind; location: string } {
  const url = process.env.DATABASE_URL;
  if (url) return { kind: "postgres", location: redactUrl(url) };
  return { kind: "pglite", location: resolvePgliteDir() };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * Opens the database on first use, never at module load: `next build` imports this module while
 * collecting page data and must not create or lock a data folder.
 */
function currentConnection(): Connection {
  return (processGlobal[CONNECTION_KEY] ??= open());
}

export function getDb(): Database {
  return currentConnection().db;
}

/** Whether `db` is this process's own database (getDb's), not a transaction or another handle; opens nothing. */
export function isProcessDb(db: Queryable): boolean {
  return processGlobal[CONNECTION_KEY]?.db === db;
}

export function getDatabaseKind(): DatabaseKind {
  return currentConnection().kind;
}

function open(): Connection {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  return openPglite(resolvePgliteDir());
}

/** DATABASE_URL or PGLITE_DIR is wrong in a way no retry can fix. */
export class DatabaseConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseConfigError";
  }
}

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "3D000", "28P01", "28000"]);

/** True when the failure is reaching the database, not the query itself. */
export function isConnectionError(failure: unknown): boolean {
  const error = (failure as { cause?: unknown })?.cause ?? failure;
  const code = (error as { code?: string })?.code;
  // The pool's wait for a connection, and a connection's own connect timeout ("timeout expired").
  return (code !== undefined && CONNECTION_ERROR_CODES.has(code)) || /timeout exceeded when trying to connect|^timeout expired$|connection timeout/i.test(String((error as Error)?.message));
}

/** DATABASE_URL checked for shape; a DatabaseConfigError names what is wrong. */
export function parseDatabaseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError("DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database).");
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new DatabaseConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//).`);
  }
  return parsed;
}

/**
 * With LOG_LEVEL=debug, every statement's text (never its parameters, which carry people's data) is
 * logged before it runs: how far a request got, e.g. when a process dies inside a transaction.
 */
function statementLogger(): Logger | undefined {
  if (!debugEnabled()) return undefined;
  return { logQuery: (query) => log("debug", "db.query", { statement: query.replace(/\s+/g, " ").slice(0, 200) }) };
}

/**
 * The PostgreSQL pool. Two different waits: opening a connection gives up after DATABASE_CONNECT_TIMEOUT_MS
 * (an unreachable server is reported quickly), while a query waiting for a free connection of a busy pool
 * waits up to DATABASE_POOL_WAIT_MS. node-postgres has one setting for both; with the connect timeout
 * (5 s) as the wait, a burst of users turned into "timeout exceeded when trying to connect" errors
 * although the database was up (found by the load test, npm run bench:load).
 */
export function createPostgresPool(url: string, env: Record<string, string | undefined> = process.env): Pool {
  const connectTimeoutMs = Number(env.DATABASE_CONNECT_TIMEOUT_MS ?? 5000);
  class TimedClient extends Client {
    constructor(config?: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
      // Parameterized queries go as named statements, parsed once per connection (db/statement-names.ts).
      const prepared = new Set<string>();
      const send = this.query.bind(this) as (config: unknown, ...rest: unknown[]) => unknown;
      (this as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => send(withStatementName(config, rest[0], prepared), ...rest);
    }
  }
  return new Pool({
    connectionString: url,
    // No JIT compilation: the planner's cost of a read over a national table (e.g. the asks of a quarter,
    // estimated at 100,000 rows when none match) triggered it, and compiling took 0.6-1 s of a query
    // that runs in milliseconds. A URL's own `options` parameter still wins; bulk writes allow it again
    // (allowJitInTransaction).
    ...(new URL(url).searchParams.has("options") ? {} : { options: "-c jit=off" }),
    max: Number(env.DATABASE_POOL_MAX ?? 10),
    connectionTimeoutMillis: Math.max(connectTimeoutMs, Number(env.DATABASE_POOL_WAIT_MS ?? 60_000)),
    Client: TimedClient,
  });
}

function openPostgres(url: string): Connection {
  parseDatabaseUrl(url);
  const pool = createPostgresPool(url);
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", (error) => log("error", "db.idle_client_error", { reason: error.message }));
  return {
    kind: "postgres",
    db: drizzlePg({ client: pool, schema, casing: "snake_case", logger: statementLogger() }),
    location: redactUrl(url),
    close: () => pool.end(),
  };
}

function openPglite(dir: string): Connection {
  acquireDirLock(dir);
  const client = new PGlite(dir);
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger: statementLogger() }) as unknown as Database;
  return {
    kind: "pglite",
    db,
    location: dir,
    close: async () => {
      await client.close();
      releaseDirLock(dir);
    },
  };
}

export async function closeDb(): Promise<void> {
  const current = processGlobal[CONNECTION_KEY];
  processGlobal[CONNECTION_KEY] = undefined;
  await current?.close();
}

/**
 * Lets PostgreSQL compile this transaction's statements just in time, as its server allows (the app's connections
 * run without: see createPostgresPool). For bulk writes only, whose statements each handle a whole import:
 * the 100,000-row eMENSCR commit took 19.1 s with JIT and 20.2-21.9 s without (bench:write, one run against two).
 */
export async function allowJitInTransaction(tx: Queryable): Promise<void> {
  // SET LOCAL: the pooled connection is back without JIT when the transaction ends. (PGlite has no JIT.)
  await tx.execute(sql`set local jit = on`);
}

/**
 * The node-postgres connection under a drizzle transaction on PostgreSQL, for what drizzle cannot do
 * (COPY FROM STDIN); null on PGlite or outside a transaction. Reaches into drizzle's session: keep its
 * use to one place (lib/emenscr/import-sql.ts).
 */
export function unsafePgClientOf(tx: Queryable): PoolClient | null {
  if (getDatabaseKind() !== "postgres") return null;
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client && !(client instanceof Pool) && typeof (client as PoolClient).query === "function" ? (client as PoolClient) : null;
}

/** Test support: route every service of this process to the given database. */
export function useDatabaseForTests(db: Database, kind: DatabaseKind): void {
  processGlobal[CONNECTION_KEY] = { kind, db, location: "test", close: async () => {} };
}

/**
 * A short, safe explanation of why the database could not be reached, naming the variable to fix.
 * Never includes the password or a stack trace.
 */
export function explainConnectionError(failure: unknown): string {
  const target = describeDatabaseTarget();
  // drizzle wraps driver errors ("Failed query: …"); the connection error is the cause.
  const error = (failure as { cause?: unknown })?.cause ?? failure;
  const code = (error as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (target.kind === "postgres") {
    const reason =
      code === "ECONNREFUSED"
        ? "connection refused"
        : code === "ENOTFOUND"
          ? "host not found"
          : code === "3D000"
            ? "database does not exist"
            : code === "28P01" || code === "28000"
              ? "authentication failed"
              : /timeout/i.test(message)
                ? "connection timed out"
                : message.replace(/postgres(ql)?:\/\/[^\s]+/g, "[DATABASE_URL]");
    return `Cannot reach PostgreSQL at DATABASE_URL=${target.location}: ${reason}. Check DATABASE_URL, or unset it to use the embedded database.`;
  }
  return `Cannot open the embedded database at PGLITE_DIR=${target.location}: ${message}`;
}

/**
 * Runs SQL text on the process's connection, outside drizzle: for libraries that bring their own SQL
 * (the job queue). Parameterised statements go through the extended protocol; text without values may
 * hold several statements (PGlite's exec), and the last statement's rows are returned.
 */
export async function executeRawSql(text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
  const client = (getDb() as unknown as { $client: PGlite | Pool | Client }).$client;
  if (client instanceof PGlite) {
    if (values.length) return client.query(text, values);
    return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
  }
  // node-postgres answers several statements (simple protocol, no values) with one result each.
  const result = (await client.query(text, values)) as unknown as { rows: unknown[] } | { rows: unknown[] }[];
  return Array.isArray(result) ? { rows: result.at(-1)?.rows ?? [] } : result;
}

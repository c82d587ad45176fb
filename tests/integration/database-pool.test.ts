import { Client } from "pg";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { describe, expect, it } from "vitest";
import { allowJitInTransaction, createPostgresPool } from "@/db/client";
import * as schema from "@/db/schema";
import { NAMED_STATEMENTS_PER_CONNECTION } from "@/db/statement-names";

const url = process.env.TEST_DATABASE_URL;
/** An advisory lock the test holds to keep the pool's one connection busy for as long as it chooses. */
const BUSY_LOCK = 7_416_016;

/** A session holding BUSY_LOCK until `release`: a query waiting for that lock keeps its connection busy. */
async function holdLock(): Promise<{ release: () => Promise<void> }> {
  const holder = new Client({ connectionString: url });
  await holder.connect();
  await holder.query(`select pg_advisory_lock(${BUSY_LOCK})`);
  return {
    release: async () => {
      await holder.query(`select pg_advisory_unlock(${BUSY_LOCK})`);
      await holder.end();
    },
  };
}

// PostgreSQL only: the embedded database is one connection, without a pool. The pool's connection is
// kept busy by a lock the test holds, not by a query of a fixed length, and connecting may take a
// couple of seconds, so that a busy machine changes nothing.
describe.skipIf(!url)("PostgreSQL connection pool", () => {
  it("lets a query wait for a busy connection longer than the connect timeout instead of failing", async () => {
    const connectTimeoutMs = 2000;
    const pool = createPostgresPool(url!, { DATABASE_CONNECT_TIMEOUT_MS: String(connectTimeoutMs), DATABASE_POOL_MAX: "1" });
    const lock = await holdLock();
    try {
      const order: string[] = [];
      const busy = pool.query(`select pg_advisory_lock(${BUSY_LOCK})`).then(() => order.push("busy query done"));
      const waiting = pool.query<{ answer: number }>("select 42 as answer").then((result) => {
        order.push("waiting query done");
        return result;
      });
      // What is tested is a wait longer than the connect timeout: the one connection stays busy that long.
      await new Promise((resolve) => setTimeout(resolve, connectTimeoutMs + 500));
      expect(order).toEqual([]);
      await lock.release();
      const { rows } = await waiting;
      await busy;
      expect(rows[0]!.answer).toBe(42);
      expect(order).toEqual(["busy query done", "waiting query done"]);
    } finally {
      await pool.end();
    }
  });

  it("gives up waiting for a busy pool after DATABASE_POOL_WAIT_MS", async () => {
    const pool = createPostgresPool(url!, { DATABASE_CONNECT_TIMEOUT_MS: "2000", DATABASE_POOL_WAIT_MS: "300", DATABASE_POOL_MAX: "1" });
    const lock = await holdLock();
    try {
      const busy = pool.query(`select pg_advisory_lock(${BUSY_LOCK})`);
      await expect(pool.query("select 1")).rejects.toThrow(/timeout exceeded when trying to connect/);
      await lock.release();
      await busy;
    } finally {
      await pool.end();
    }
  });

  it("prepares a parameterized query once per connection and answers each run with its own parameters", async () => {
    const pool = createPostgresPool(url!, { DATABASE_POOL_MAX: "1" });
    const db = drizzle({ client: pool });
    const double = (n: number) => db.execute<{ doubled: number }>(sql`select ${n}::int * 2 as doubled`);
    try {
      expect((await double(21)).rows[0]!.doubled).toBe(42);
      expect((await double(50)).rows[0]!.doubled).toBe(100);
      const { rows } = await pool.query<{ statement: string }>("select statement from pg_prepared_statements");
      expect(rows.map((r) => r.statement)).toEqual(["select $1::int * 2 as doubled"]);
    } finally {
      await pool.end();
    }
  });

  it("keeps a connection usable after a named statement fails, in and out of a transaction", async () => {
    const pool = createPostgresPool(url!, { DATABASE_POOL_MAX: "1" });
    const db = drizzle({ client: pool });
    // drizzle wraps the server's error ("Failed query: …") with it as the cause.
    const serverError = (error: { cause?: unknown }) => {
      throw error.cause ?? error;
    };
    try {
      await expect(db.execute(sql`select ${"x"}::int as n`).catch(serverError)).rejects.toThrow(/invalid input syntax/);
      await expect(db.execute(sql`select * from no_such_table where id = ${1}`).catch(serverError)).rejects.toThrow(/no_such_table/);
      await expect(
        db
          .transaction(async (tx) => {
            await tx.execute(sql`select ${1}::int as n`);
            await tx.execute(sql`select ${"y"}::int as n`);
          })
          .catch(serverError),
      ).rejects.toThrow(/invalid input syntax/);
      expect((await db.execute<{ n: number }>(sql`select ${"7"}::int as n`)).rows[0]!.n).toBe(7);
    } finally {
      await pool.end();
    }
  });

  it(`names at most ${NAMED_STATEMENTS_PER_CONNECTION} statements a connection; further texts still answer, unnamed`, async () => {
    const pool = createPostgresPool(url!, { DATABASE_POOL_MAX: "1" });
    try {
      const count = NAMED_STATEMENTS_PER_CONNECTION + 20;
      for (let i = 0; i < count; i++) {
        const { rows } = await pool.query<{ n: number }>({ text: `select $1::int + ${i} as n` }, [1]);
        expect(rows[0]!.n).toBe(1 + i);
      }
      const { rows } = await pool.query<{ prepared: string }>("select count(*)::text as prepared from pg_prepared_statements");
      expect(Number(rows[0]!.prepared)).toBe(NAMED_STATEMENTS_PER_CONNECTION);
    } finally {
      await pool.end();
    }
  });
  it("compiles no query just in time, unless the database URL asks for it", async () => {
    // The planner costs this read far above jit_above_cost, as it did the asks of a national quarter (where
    // compiling took 0.6-1 s of a query that ran in milliseconds).
    const costly = "explain (format json) select count(*) from generate_series(1, 10000) a, generate_series(1, 10000) b";
    const jitOf = async (poolUrl: string) => {
      const pool = createPostgresPool(poolUrl, { DATABASE_POOL_MAX: "1" });
      try {
        const result = await pool.query<{ "QUERY PLAN": [{ JIT?: { Functions: number } }] }>(costly);
        return result.rows[0]!["QUERY PLAN"][0].JIT ?? null;
      } finally {
        await pool.end();
      }
    };
    expect(await jitOf(url!)).toBeNull();
    const probe = new Client({ connectionString: url });
    await probe.connect();
    const available = (await probe.query<{ available: boolean }>("select pg_jit_available() as available")).rows[0]!.available;
    await probe.end();
    if (!available) return;
    const asking = new URL(url!);
    asking.searchParams.set("options", "-c jit=on -c jit_above_cost=0");
    expect((await jitOf(asking.toString()))?.Functions).toBeGreaterThan(0);
  });
  it("lets a bulk write's transaction compile just in time, and only that transaction", async () => {
    const pool = createPostgresPool(url!, { DATABASE_POOL_MAX: "1" });
    const db = drizzle({ client: pool, schema, casing: "snake_case" });
    const jitOf = async (q: { execute: typeof db.execute }) => (await q.execute<{ jit: string }>(sql`show jit`)).rows[0]!.jit;
    try {
      expect(await db.transaction(async (tx) => {
        await allowJitInTransaction(tx);
        return jitOf(tx);
      })).toBe("on");
      // The pool's one connection, after that transaction: without JIT again.
      expect(await jitOf(db)).toBe("off");
    } finally {
      await pool.end();
    }
  });
});

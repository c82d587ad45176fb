import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresPool } from "@/db/client";

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
});

import { describe, expect, it } from "vitest";
import { createPostgresPool } from "@/db/client";

const url = process.env.TEST_DATABASE_URL;

// PostgreSQL only: the embedded database is one connection, without a pool.
describe.skipIf(!url)("PostgreSQL connection pool", () => {
  it("lets a query wait for a busy connection longer than the connect timeout instead of failing", async () => {
    const pool = createPostgresPool(url!, { DATABASE_CONNECT_TIMEOUT_MS: "200", DATABASE_POOL_MAX: "1" });
    try {
      const order: string[] = [];
      const busy = pool.query("select pg_sleep(0.8)").then(() => order.push("busy query done"));
      const { rows } = await pool.query<{ answer: number }>("select 42 as answer");
      order.push("waiting query done");
      await busy;
      expect(rows[0]!.answer).toBe(42);
      // With the one connection busy for 0.8 s, the second query could only run after it: it waited.
      expect(order).toEqual(["busy query done", "waiting query done"]);
    } finally {
      await pool.end();
    }
  });

  it("gives up waiting for a busy pool after DATABASE_POOL_WAIT_MS", async () => {
    const pool = createPostgresPool(url!, { DATABASE_CONNECT_TIMEOUT_MS: "100", DATABASE_POOL_WAIT_MS: "300", DATABASE_POOL_MAX: "1" });
    try {
      const busy = pool.query("select pg_sleep(1.5)");
      await expect(pool.query("select 1")).rejects.toThrow(/timeout exceeded when trying to connect/);
      await busy;
    } finally {
      await pool.end();
    }
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { explainConnectionError, isConnectionError, redactUrl } from "@/db/client";

const original = process.env.DATABASE_URL;
afterEach(() => {
  if (original === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = original;
});

/** drizzle wraps the driver's error as the cause of a "Failed query" error. */
function wrapped(code: string, message = "boom") {
  return Object.assign(new Error("Failed query: select 1"), { cause: Object.assign(new Error(message), { code }) });
}

describe("database connection errors", () => {
  it("never shows the password of DATABASE_URL", () => {
    expect(redactUrl("postgres://lamnam:s3cret@db:5432/lamnam")).toBe("postgres://lamnam:***@db:5432/lamnam");
    expect(redactUrl("not a url")).toBe("(unparseable DATABASE_URL)");
  });

  it.each([
    ["ECONNREFUSED", "connection refused"],
    ["ENOTFOUND", "host not found"],
    ["3D000", "database does not exist"],
    ["28P01", "authentication failed"],
  ])("explains %s in words and names the variable to fix", (code, words) => {
    process.env.DATABASE_URL = "postgres://lamnam:s3cret@db:5432/lamnam";
    const text = explainConnectionError(wrapped(code));
    expect(text).toBe(`Cannot reach PostgreSQL at DATABASE_URL=postgres://lamnam:***@db:5432/lamnam: ${words}. Check DATABASE_URL, or unset it to use the embedded database.`);
    expect(isConnectionError(wrapped(code))).toBe(true);
  });

  it("takes a connection that timed out, or a pool that waited too long, for an unreachable database", () => {
    // node-postgres' own connect timeout, and the pool's wait for a connection.
    expect(isConnectionError(new Error("timeout expired"))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("Failed query: select 1"), { cause: new Error("timeout exceeded when trying to connect") }))).toBe(true);
  });

  it("does not mistake a failing query for an unreachable database", () => {
    expect(isConnectionError(wrapped("23505", "duplicate key"))).toBe(false);
  });
});

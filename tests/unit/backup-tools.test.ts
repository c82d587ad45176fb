import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { backupDatabase } from "@/lib/backup/backup";
import { BackupError } from "@/lib/backup/errors";
import { toolConnection } from "@/lib/backup/postgres-tools";

describe("PostgreSQL client tools", () => {
  const path0 = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path0;
  });

  it("get the password through PGPASSWORD, never on their command line", () => {
    const { dbname, env } = toolConnection("postgres://lamnam:s%40cret:x@db.internal:5433/lamnam?sslmode=require");
    expect(dbname).toBe("postgres://lamnam@db.internal:5433/lamnam?sslmode=require");
    expect(dbname).not.toContain("cret");
    expect(env.PGPASSWORD).toBe("s@cret:x");
  });

  it("a missing pg_dump is reported with how to install it, and no partial file is left", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lamnam-tools-"));
    process.env.PATH = dir; // nothing to find there
    try {
      const failure = await backupDatabase({ kind: "postgres", url: "postgres://postgres@127.0.0.1:1/none" }, path.join(dir, "b.dump")).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(BackupError);
      expect((failure as BackupError).exitCode).toBe(3);
      expect((failure as BackupError).message).toBe(
        "pg_dump was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client; `npm run setup:system` does it).",
      );
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

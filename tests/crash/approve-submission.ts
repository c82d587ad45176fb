// Child process of the crash tests: approves one submission as the demo DGA analyst through the real
// service (lib/assessments/submissions.ts), on DATABASE_URL or PGLITE_DIR like any CLI. Every SQL statement's
// first words go to stderr ("sql: insert into "audit_log" …") before it runs, so the test knows how far the
// transaction got when it kills this process.
//
//   node --conditions=react-server --import tsx tests/crash/approve-submission.ts <submissionId> <version>
import { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { Logger } from "drizzle-orm";
import { Pool } from "pg";
import { resolvePgliteDir, useDatabaseForTests as routeServicesTo, type Database } from "@/db/client";
import { acquireDirLock } from "@/db/pglite-lock";
import * as schema from "@/db/schema";
import { users } from "@/db/schema";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { actorOf } from "../support/factories";

const logger: Logger = {
  logQuery: (query) => void process.stderr.write(`sql: ${query.replace(/\s+/g, " ").slice(0, 60)}\n`),
};

/** The app's database, opened as db/client.ts does (the PGlite folder's lock included), with the logger. */
function open(): { db: Database; close: () => Promise<void> } {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new Pool({ connectionString: url, max: 2 });
    const db = drizzlePg({ client: pool, schema, casing: "snake_case", logger });
    routeServicesTo(db, "postgres");
    return { db, close: () => pool.end() };
  }
  const dir = resolvePgliteDir();
  acquireDirLock(dir);
  const client = new PGlite(dir);
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger }) as unknown as Database;
  routeServicesTo(db, "pglite");
  return { db, close: () => client.close() };
}

const [submissionId, version] = process.argv.slice(2).map(Number);
const { db, close } = open();
const [analyst] = await db.select().from(users).where(eq(users.email, "analyst@lamnam.demo"));
process.stderr.write("approving\n");
const approved = await transitionSubmission(actorOf(analyst!), { submissionId: submissionId!, action: "approve", version: version! });
process.stdout.write(`${JSON.stringify({ status: approved.status, version: approved.version })}\n`);
await close();

// The authorization matrix's own app server (run with tsx by e2e/authz/http-matrix.spec.ts): the built
// app on a fresh database holding the demo data and the matrix's fixtures — PostgreSQL when
// TEST_DATABASE_URL is set (a database named after the port on that server), otherwise an embedded
// one. Its own database, because the matrix writes (evidence, a report, a case) that other specs'
// assertions about the shared demo data must not see. Prints `AUTHZ_FIXTURES <json>`, then serves
// until SIGTERM, when it stops the app and drops the PostgreSQL database.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { runOnServer } from "../../tests/support/database-tools";

const port = Number(process.env.AUTHZ_PORT);
if (!port) throw new Error("AUTHZ_PORT is not set");
const root = path.resolve(import.meta.dirname, "../..");
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `lamnam_e2e_authz_${port}`;


async function prepareDatabase(): Promise<void> {
  if (serverUrl) {
    await runOnServer(serverUrl!, `drop database if exists "${databaseName}" with (force)`);
    await runOnServer(serverUrl!, `create database "${databaseName}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    process.env.DATABASE_URL = url.toString();
    delete process.env.PGLITE_DIR;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = path.join(root, ".data", `e2e-authz-pglite-${port}`);
    rmSync(process.env.PGLITE_DIR, { recursive: true, force: true });
    rmSync(`${process.env.PGLITE_DIR}.lock`, { force: true });
  }
  // Imported only now: the database is opened on first use, from the environment just set.
  const { closeDb } = await import("@/db/client");
  const { migrateConfiguredDatabase } = await import("@/scripts/migrate");
  const { seedConfiguredDatabase } = await import("@/scripts/seed/run");
  const { createAuthzFixtures } = await import("@/tests/authz/fixtures");
  await migrateConfiguredDatabase();
  await seedConfiguredDatabase();
  const fixtures = await createAuthzFixtures();
  // The embedded database serves one process: release it before the app opens it.
  await closeDb();
  console.log(`AUTHZ_FIXTURES ${JSON.stringify({ ...fixtures, database: serverUrl ? "postgres" : "pglite" })}`);
}

async function main(): Promise<void> {
  await prepareDatabase();
  const app = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port), "--keepAliveTimeout", "65000"], { cwd: root, stdio: "inherit", env: process.env });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Serve no longer than the test run that started us, even if it was killed before it could stop us.
  const parent = Number(process.env.AUTHZ_PARENT_PID);
  if (parent) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        stop();
      }
    }, 2000).unref();
  }
  const code = await new Promise<number>((resolve) => app.on("exit", (c) => resolve(c ?? 0)));
  if (serverUrl) await runOnServer(serverUrl!, `drop database if exists "${databaseName}" with (force)`);
  process.exit(stopping ? 0 : code);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

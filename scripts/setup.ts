// npm run setup -- --admin-email you@agency.go.th [--admin-name "…"] [--dry-run]
// Prepares the configured database (DATABASE_URL, or the embedded one at PGLITE_DIR) for production:
// migrations, the reference catalogue, the first administrator with a one-time set-password link.
import { parseArgs } from "node:util";
import { closeDb, describeDatabaseTarget, getDatabaseKind, getDb } from "@/db/client";
import { runSetup, SetupRefusedError } from "@/lib/setup/setup";
import { reportFatal } from "./migrate";

const USAGE = "Usage: npm run setup -- --admin-email you@agency.go.th [--admin-name \"Name\"] [--dry-run]";

async function main(): Promise<void> {
  let values: { "admin-email"?: string; "admin-name"?: string; "dry-run"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { "admin-email": { type: "string" }, "admin-name": { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`\n✖ ${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const target = describeDatabaseTarget();
  console.log(`Setting up ${target.kind === "postgres" ? "PostgreSQL" : "the embedded database"} at ${target.location}${values["dry-run"] ? " (dry run)" : ""} …`);
  try {
    const report = await runSetup(getDb(), getDatabaseKind(), {
      adminEmail: values["admin-email"],
      adminName: values["admin-name"],
      dryRun: values["dry-run"],
      appUrl: process.env.APP_URL || process.env.NEXTAUTH_URL || "http://localhost:3000",
    });
    for (const line of report.lines) console.log(line);
    if (report.link) {
      console.log("\nOne-time link for the administrator to choose a password (shown only this once; it expires in 72 hours):");
      console.log(`SET_PASSWORD_LINK ${report.link}\n`);
    }
  } catch (error) {
    if (error instanceof SetupRefusedError) {
      console.error(`\n✖ Setup refused: ${error.message}\n`);
      await closeDb();
      process.exit(1);
    }
    throw error;
  }
  await closeDb();
}

main().catch(reportFatal);

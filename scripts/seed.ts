// Loads the deterministic demo data (idempotent) into the configured database.
import { closeDb, getDb } from "@/db/client";
import { seedDemoData } from "@/db/seed/seed";
import { migrateConfiguredDatabase, reportFatal } from "./migrate";

export async function seedConfiguredDatabase(): Promise<void> {
  const summary = await seedDemoData(getDb());
  console.log(
    `Demo data: ${summary.components} components, ${summary.agencies} agencies, ${summary.services} services, ` +
      `${summary.indicators} indicators, ${summary.targets} targets, ${summary.periods} periods, ${summary.users} users, ${summary.facts} facts.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateConfiguredDatabase()
    .then(seedConfiguredDatabase)
    .then(() => closeDb())
    .catch(reportFatal);
}

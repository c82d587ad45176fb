// Loads the deterministic demo data (idempotent) into the configured database.
import { closeDb, getDb } from "@/db/client";
import { seedDemoData } from "@/scripts/seed/seed";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { recomputeAllFlags } from "@/lib/flags/recompute";
import { migrateConfiguredDatabase, reportFatal } from "../migrate";

export async function seedConfiguredDatabase(): Promise<void> {
  const summary = await seedDemoData(getDb());
  console.log(
    `Demo data: ${summary.components} components, ${summary.agencies} agencies, ${summary.services} services, ` +
      `${summary.indicators} indicators, ${summary.targets} targets, ${summary.periods} periods, ${summary.users} users, ${summary.facts} facts.`,
  );
  // Flags follow from the data just loaded: evaluate every period once so the demo shows them.
  const flagRuns = await recomputeAllFlags(SYSTEM_ACTOR);
  const open = flagRuns.reduce((n, r) => n + r.opened + r.reopened + r.unchanged + r.updated, 0);
  console.log(`Lagging flags evaluated for ${flagRuns.length} periods: ${open} open.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateConfiguredDatabase()
    .then(seedConfiguredDatabase)
    .then(() => closeDb())
    .catch(reportFatal);
}

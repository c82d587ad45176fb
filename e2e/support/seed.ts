import { runScript } from "../../tests/support/child-processes";

/** Migrates and seeds the demo data into the database `env` points at (DATABASE_URL or PGLITE_DIR), as `npm run db:seed` does. */
export async function seedDatabase(env: Record<string, string>): Promise<void> {
  const { code, stdout, stderr } = await runScript("scripts/seed/run.ts", [], { env });
  if (code !== 0) throw new Error(`seeding failed (${code}):\n${stdout}${stderr}`);
}

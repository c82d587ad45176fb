import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** Migrates and seeds the demo data into the database `env` points at (DATABASE_URL or PGLITE_DIR), as `npm run db:seed` does. */
export async function seedDatabase(env: Record<string, string>): Promise<void> {
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/seed.ts"], { cwd: root, env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`seeding failed (${code}):\n${output}`);
}

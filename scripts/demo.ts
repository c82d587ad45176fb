// One command from a fresh clone to a running demo: secret, migrations, demo data, build, start.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb, describeDatabaseTarget } from "@/db/client";
import { DEMO_PASSWORD, DEMO_USERS } from "@/scripts/seed/data/users";
import { migrateConfiguredDatabase, reportFatal } from "./migrate";
import { seedConfiguredDatabase } from "./seed/run";

const root = process.cwd();
const port = Number(process.env.PORT ?? 3000);
const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;

/** next-auth refuses to run in production without a secret; generate one per checkout. */
function ensureLocalEnv(): void {
  const file = path.join(root, ".env.local");
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const lines: string[] = [];
  if (!process.env.NEXTAUTH_SECRET && !/^NEXTAUTH_SECRET=/m.test(existing)) {
    lines.push(`NEXTAUTH_SECRET=${crypto.randomBytes(32).toString("base64url")}`);
  }
  if (!process.env.NEXTAUTH_URL && !/^NEXTAUTH_URL=/m.test(existing)) lines.push(`NEXTAUTH_URL=${url}`);
  if (lines.length) {
    fs.writeFileSync(file, `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${lines.join("\n")}\n`, { mode: 0o600 });
    console.log(`Wrote ${lines.map((l) => l.split("=")[0]).join(", ")} to .env.local`);
  }
}

function build(): void {
  if (process.env.LAMNAM_SKIP_BUILD === "1" && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("Building the app (next build) …");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function waitForHealth(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  const started = Date.now();
  ensureLocalEnv();
  await migrateConfiguredDatabase();
  await seedConfiguredDatabase();
  // Release the embedded database before the server opens it: one process per data folder.
  await closeDb();
  build();

  const target = describeDatabaseTarget();
  const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(target.kind === "pglite" ? { PGLITE_DIR: target.location } : {}) },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));

  if (!(await waitForHealth(Date.now() + 120_000))) {
    console.error("The server did not become healthy within 2 minutes; see the log above.");
    server.kill("SIGTERM");
    process.exit(1);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  console.log(
    [
      "",
      `  Lamnam (ลำน้ำ) is running at ${url}   (ready in ${seconds} s)`,
      `  Database: ${target.kind === "pglite" ? `embedded PGlite in ${target.location}` : target.location}`,
      "",
      `  Demo sign-ins (password for all: ${DEMO_PASSWORD})`,
      ...DEMO_USERS.map((u) => `    ${u.email.padEnd(width)}  ${u.role}${u.agencyCode ? ` (agency ${u.agencyCode})` : ""}`),
      "",
      "  Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch(reportFatal);

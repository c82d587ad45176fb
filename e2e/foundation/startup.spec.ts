import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "../support/fixtures";

const root = process.cwd();
const next = path.join(root, "node_modules", ".bin", "next");

/** Starts the built app with the given environment and collects its output until it exits or is stopped. */
function startApp(port: number, env: Record<string, string>) {
  const child = spawn(next, ["start", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor(url: string, timeoutMs = 30_000): Promise<Response | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      return await fetch(url);
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return undefined;
}

test.describe("misconfiguration is reported clearly", () => {
  test("production refuses to start without NEXTAUTH_SECRET, saying which variable to set", async () => {
    // An empty value also overrides a NEXTAUTH_SECRET a developer may keep in .env.local.
    const app = startApp(3191, { NODE_ENV: "production", NEXTAUTH_SECRET: "", PGLITE_DIR: path.join(root, ".data", "e2e-nosecret") });
    const code = await Promise.race([app.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000))]);
    if (code === "timeout") app.child.kill();
    expect(code).toBe(1);
    expect(app.output()).toContain("NEXTAUTH_SECRET is not set");
  });

  test("an unreachable DATABASE_URL gives users a plain message and the log names the variable", async () => {
    const app = startApp(3192, {
      NEXTAUTH_SECRET: "e2e-startup-secret-0123456789abcdef",
      DATABASE_URL: "postgres://lamnam:secret-password@127.0.0.1:1/lamnam",
      DATABASE_CONNECT_TIMEOUT_MS: "1000",
    });
    try {
      const health = await waitFor("http://127.0.0.1:3192/api/health");
      expect(health?.status).toBe(503);
      expect(await health?.json()).toEqual({ status: "unavailable" });
      const page = await fetch("http://127.0.0.1:3192/signin");
      const html = await page.text();
      expect(page.status).toBe(500);
      expect(html).not.toContain("ECONNREFUSED");
      expect(html).not.toContain("secret-password");
      expect(app.output()).toContain("Cannot reach PostgreSQL at DATABASE_URL=postgres://lamnam:***@127.0.0.1:1/lamnam: connection refused");
      expect(app.output()).not.toContain("secret-password");
    } finally {
      app.child.kill();
      await app.exited;
    }
  });

  test("a second process opening the running app's embedded database is refused with a clear message", async () => {
    const result = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/migrate.ts"], {
      cwd: root,
      env: { ...process.env, PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? path.join(root, ".data", "e2e-pglite"), DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/The embedded database at .* is in use by another process \(pid \d+: next start/);
  });
});

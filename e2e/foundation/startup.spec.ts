import path from "node:path";
import { runScript, startChild, waitForHttp } from "../../tests/support/child-processes";
import { expect, test } from "../support/fixtures";
import { currentServer, E2E_BASE_PORT } from "../support/env";

const root = process.cwd();
const next = path.join(root, "node_modules", ".bin", "next");
/** Ports of their own, next to the e2e servers' (E2E_PORT), so that runs on other ports never meet. */
const noSecretPort = E2E_BASE_PORT + 91;
const unreachablePort = E2E_BASE_PORT + 92;

/** Starts the built app with the given environment (ended with the test, whatever happens). */
function startApp(port: number, env: Record<string, string>) {
  return startChild(next, ["start", "-p", String(port)], { env });
}

const output = (app: ReturnType<typeof startApp>) => app.stdout() + app.stderr();

test.describe("misconfiguration is reported clearly", () => {
  test("production refuses to start without NEXTAUTH_SECRET, saying which variable to set", async () => {
    // An empty value also overrides a NEXTAUTH_SECRET a developer may keep in .env.local.
    const app = startApp(noSecretPort, { NODE_ENV: "production", NEXTAUTH_SECRET: "", PGLITE_DIR: path.join(root, ".data", "e2e-nosecret") });
    expect((await app.exited).code).toBe(1);
    expect(output(app)).toContain("NEXTAUTH_SECRET is not set");
  });

  test("an unreachable DATABASE_URL gives users a plain message and the log names the variable", async () => {
    const app = startApp(unreachablePort, {
      NEXTAUTH_SECRET: "e2e-startup-secret-0123456789abcdef",
      DATABASE_URL: "postgres://lamnam:secret-password@127.0.0.1:1/lamnam",
      DATABASE_CONNECT_TIMEOUT_MS: "1000",
    });
    try {
      // The first answer, whatever it is, once the server listens.
      const health = await waitForHttp(app, `http://127.0.0.1:${unreachablePort}/api/health`, () => true);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable" });
      const page = await fetch(`http://127.0.0.1:${unreachablePort}/signin`);
      const html = await page.text();
      expect(page.status).toBe(500);
      expect(html).not.toContain("ECONNREFUSED");
      expect(html).not.toContain("secret-password");
      expect(output(app)).toContain("Cannot reach PostgreSQL at DATABASE_URL=postgres://lamnam:***@127.0.0.1:1/lamnam: connection refused");
      expect(output(app)).not.toContain("secret-password");
    } finally {
      await app.stop();
    }
  });

  test("a second process opening the running app's embedded database is refused with a clear message", async () => {
    const result = await runScript("scripts/migrate.ts", [], {
      env: { PGLITE_DIR: currentServer().pgliteDir, DATABASE_URL: "" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/The embedded database at .* is in use by another process \(pid \d+: next start/);
  });
});

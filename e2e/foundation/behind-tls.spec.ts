import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { lockPathFor } from "../../db/pglite-lock";
import { startChild, waitForHttp, type Child } from "../../tests/support/child-processes";
import { E2E_BASE_PORT, E2E_NEXTAUTH_SECRET } from "../support/env";
import { seedDatabase } from "../support/seed";
import { DEMO, expect, signIn, switchLanguage, test } from "../support/fixtures";

// Production runs behind a load balancer that ends TLS (README, "Production on PostgreSQL"): the app
// itself speaks http, NEXTAUTH_URL is the public https address, and the balancer adds X-Forwarded-Proto
// and X-Forwarded-For. Here a small TLS-ending proxy plays that balancer in front of the built app (its
// own server on its own embedded database), and the browser signs in over https: every cookie must be
// Secure and still be read back, pages must carry HSTS and upgrade-insecure-requests, and a server
// action must pass Next.js's origin check through the proxy.

const appPort = Number(process.env.E2E_TLS_APP_PORT ?? E2E_BASE_PORT + 3);
const tlsPort = appPort + 1;
const publicOrigin = `https://localhost:${tlsPort}`;
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = path.join(root, ".data", `e2e-tls-pglite-${appPort}`);

let app: Child | undefined;
let proxy: https.Server | undefined;
let certDir: string | undefined;

/** What the balancer does: end TLS, pass Host through, say the request came over https and from whom. */
function startTlsProxy(cert: Buffer, key: Buffer): Promise<https.Server> {
  const server = https.createServer({ cert, key }, (request, response) => {
    const forwardedFor = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      { host: "127.0.0.1", port: appPort, method: request.method, path: request.url, headers: { ...request.headers, "x-forwarded-proto": "https", "x-forwarded-for": forwardedFor } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(tlsPort, "127.0.0.1", () => resolve(server)));
}

test.describe("behind a TLS-ending load balancer", () => {
  test.beforeAll(async () => {
    test.setTimeout(10 * 60_000); // a safety net: seeding and starting a server of its own
    certDir = mkdtempSync(path.join(os.tmpdir(), "lamnam-tls-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
      "-keyout", path.join(certDir, "key.pem"), "-out", path.join(certDir, "cert.pem")], { stdio: "ignore" });

    rmSync(dataDir, { recursive: true, force: true });
    rmSync(lockPathFor(dataDir), { force: true });
    await seedDatabase({ DATABASE_URL: "", PGLITE_DIR: dataDir });
    mkdirSync(path.join(root, "test-results"), { recursive: true });
    app = startChild(path.join(root, "node_modules/.bin/next"), ["start", "-H", "127.0.0.1", "-p", String(appPort)], {
      // The proxy is the one peer whose X-Forwarded-* headers the app believes.
      env: { DATABASE_URL: "", PGLITE_DIR: dataDir, NEXTAUTH_URL: publicOrigin, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET, TRUSTED_PROXIES: "127.0.0.1" },
      log: createWriteStream(path.join(root, "test-results", "behind-tls-server.log")),
    });
    await waitForHttp(app, `http://127.0.0.1:${appPort}/api/health`);
    proxy = await startTlsProxy(readFileSync(path.join(certDir, "cert.pem")), readFileSync(path.join(certDir, "key.pem")));
  });

  test.afterAll(async () => {
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  test("signing in over https gives Secure cookies that the app reads back, HSTS, and working server actions", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: publicOrigin, ignoreHTTPSErrors: true, locale: "th-TH", timezoneId: "Asia/Bangkok" });
    try {
      const page = await context.newPage();
      const signInPage = await page.goto("/signin");
      expect(signInPage!.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(signInPage!.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");

      await signIn(page, DEMO.byRole("executive").email);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("ระบบนิเวศการขับเคลื่อนรัฐบาลดิจิทัล");
      // The language switch is a server action: Next.js refuses one whose Origin is not the Host it was sent to.
      await switchLanguage(page, "en");
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("The digital-government ecosystem");

      const cookies = await context.cookies();
      const byName = new Map(cookies.map((c) => [c.name, c]));
      // next-auth names its cookies for https: a __Host- cookie cannot be set by a sibling subdomain or over http.
      expect(byName.get("__Secure-next-auth.session-token")).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
      expect(byName.get("__Host-next-auth.csrf-token")).toMatchObject({ secure: true, httpOnly: true, path: "/" });
      expect(byName.get("lamnam_locale")).toMatchObject({ secure: true, value: "en" });
      expect(cookies.filter((c) => !c.secure).map((c) => c.name), "cookies sent over plain http too").toEqual([]);
      expect(byName.has("next-auth.session-token"), "a session cookie under the http name").toBe(false);

      // The session reaches route handlers too, through the proxy.
      const overview = await page.request.get("/api/dashboard/overview");
      expect(overview.status()).toBe(200);
    } finally {
      await context.close();
    }
  });
});

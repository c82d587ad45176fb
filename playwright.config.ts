import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { E2E_NEXTAUTH_SECRET, e2eServer, type E2eServer } from "@/e2e/support/env";

/**
 * Two workers, each with an app server, embedded database and mail server of its own, each running its
 * share of the spec files one after another (a server's tests see only their own share's writes). The
 * second takes the specs that start servers of their own and the long walks through every page; the
 * first everything else, new specs included.
 */
const SECOND_SHARE = [
  "authz/**/*.spec.ts",
  "crash/**/*.spec.ts",
  // The foundation's specs but its page tour, which evens the two shares' times.
  "foundation/!(pages).spec.ts",
  "layout/**/*.spec.ts",
  "year/**/*.spec.ts",
];
const servers = [0, 1].map((index) => e2eServer(index, import.meta.dirname));

// Debian's Chromium (installed by scripts/install-system-deps.sh); never a downloaded browser.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: servers.length,
  fullyParallel: false,
  // Safety nets, not measures: tests wait on what the page shows, so on a machine busy with other work
  // they take longer and still pass; these only end a hang. No retries: a flaky test is a bug.
  timeout: 5 * 60_000,
  expect: { timeout: 30_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "test-results/html" }]],
  use: {
    locale: "th-TH",
    timezoneId: "Asia/Bangkok",
    // A failed test keeps its trace (actions, network, console) and a screenshot of the moment it failed.
    // No screencast frames or DOM snapshots: recorded for every test, passing or not, they made the
    // dashboards journey 20–30 % slower (31 s against 24–28 s).
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: false, sources: true },
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: servers.map((server, index) => ({
    name: `chromium-${index + 1}`,
    // One worker per server: its share runs in order, as on a single server.
    workers: 1,
    ...(index === 0 ? { testIgnore: SECOND_SHARE } : { testMatch: SECOND_SHARE }),
    metadata: server,
    use: { ...devices["Desktop Chrome"], baseURL: origin(server), launchOptions: chromium, viewport: { width: 1366, height: 900 } },
  })),
  webServer: servers.flatMap(webServers),
});

function origin(server: E2eServer): string {
  return `http://localhost:${server.port}`;
}

type WebServer = Extract<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>[number];

function webServers(server: E2eServer): WebServer[] {
  return [
    {
      command: "bash scripts/e2e-server.sh",
      url: `${origin(server)}/api/health`,
      // Seeding and starting take a minute on a quiet machine; Playwright polls the health check meanwhile.
      timeout: 10 * 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_PORT: String(server.port),
        E2E_PGLITE_DIR: server.pgliteDir,
        NEXTAUTH_URL: origin(server),
        NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        // E-mail goes to this server's test mail server, where its tests read it.
        SMTP_URL: `smtp://127.0.0.1:${server.smtpPort}`,
        // The test runner plays the load balancer: it sets X-Forwarded-For to give each bad sign-in of the
        // corpus a client address of its own (e2e/corpus/urls.spec.ts). Untrusted peers are tested in
        // tests/integration/forwarded-headers.test.ts.
        TRUSTED_PROXIES: "127.0.0.1, ::1",
      },
    },
    {
      command: "node --import tsx e2e/support/mail-catcher.ts",
      url: `http://127.0.0.1:${server.mailHttpPort}/mail`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { E2E_SMTP_PORT: String(server.smtpPort), E2E_MAIL_HTTP_PORT: String(server.mailHttpPort) },
    },
  ];
}

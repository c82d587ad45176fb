import { defineConfig, devices } from "@playwright/test";
import { E2E_MAIL_HTTP_PORT, E2E_NEXTAUTH_SECRET, E2E_SMTP_PORT } from "@/e2e/support/env";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

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
  // One server on an embedded database (one process per data folder): keep tests in one worker.
  workers: 1,
  fullyParallel: false,
  // Safety nets, not measures: tests wait on what the page shows, so on a machine busy with other work
  // they take longer and still pass; these only end a hang. No retries: a flaky test is a bug.
  timeout: 5 * 60_000,
  expect: { timeout: 30_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "test-results/html" }]],
  use: {
    baseURL,
    locale: "th-TH",
    timezoneId: "Asia/Bangkok",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromium, viewport: { width: 1366, height: 900 } } }],
  webServer: [
    {
      command: "bash scripts/e2e-server.sh",
      url: `${baseURL}/api/health`,
      // Seeding and starting take a minute on a quiet machine; Playwright polls the health check meanwhile.
      timeout: 10 * 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_PORT: String(port),
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
        NEXT_TELEMETRY_DISABLED: "1",
        // E-mail goes to the test mail server below, where tests read it.
        SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
        // The test runner plays the load balancer: it sets X-Forwarded-For to give each bad sign-in of the
        // corpus a client address of its own (e2e/corpus/urls.spec.ts). Untrusted peers are tested in
        // tests/integration/forwarded-headers.test.ts.
        TRUSTED_PROXIES: "127.0.0.1, ::1",
      },
    },
    {
      command: "node --import tsx e2e/support/mail-catcher.ts",
      url: `http://127.0.0.1:${E2E_MAIL_HTTP_PORT}/mail`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { E2E_PORT: String(port) },
    },
  ],
});

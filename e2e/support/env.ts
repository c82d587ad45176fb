import { test } from "@playwright/test";

/** The session secret of the e2e servers; tests use it to mint tokens (e.g. an expired one). */
export const E2E_NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789";

/** The first app server's port; specs that start servers of their own take ports at fixed offsets from it. */
export const E2E_BASE_PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * One app server on an embedded database of its own, with its own mail server: each Playwright worker
 * gets one (playwright.config.ts), so the specs of one worker never see another's writes or e-mail.
 */
export interface E2eServer {
  port: number;
  smtpPort: number;
  mailHttpPort: number;
  pgliteDir: string;
}

export function e2eServer(index: number, root: string): E2eServer {
  const port = E2E_BASE_PORT + 10 * index;
  return { port, smtpPort: port + 5, mailHttpPort: port + 6, pgliteDir: `${root}/.data/e2e-pglite-${port}` };
}

/** The app server of the running test's project. */
export function currentServer(): E2eServer {
  return test.info().project.metadata as E2eServer;
}

export function currentOrigin(): string {
  return `http://localhost:${currentServer().port}`;
}

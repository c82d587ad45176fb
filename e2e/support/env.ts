/** The session secret of the e2e server; tests use it to mint tokens (e.g. an expired one). */
export const E2E_NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789";

const appPort = Number(process.env.E2E_PORT ?? 3100);
/** Where the e2e server sends e-mail (e2e/support/mail-catcher.ts) and where tests read it. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? appPort + 5);
export const E2E_MAIL_HTTP_PORT = E2E_SMTP_PORT + 1;

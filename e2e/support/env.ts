/** The session secret of the e2e server; tests use it to mint tokens (e.g. an expired one). */
export const E2E_NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789";

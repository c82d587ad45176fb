// Runs once when the server starts: refuse to run misconfigured rather than fail on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkStartup } = await import("./db/startup-check");
  await checkStartup();
}

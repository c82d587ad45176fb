// Runs once when the server starts: refuse to run misconfigured rather than fail on the first request,
// drop forwarded headers that no trusted proxy sent (lib/http/forwarded.ts), put the admission gate
// (lib/http/admission.ts) in front of the requests, start the job workers, and read the national dashboards
// into the caches (lib/facts/read/warm-up.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installForwardedHeaderGuard } = await import("@/lib/http/forwarded");
  installForwardedHeaderGuard();
  const { admissionOptionsFromEnv, installAdmissionGate } = await import("@/lib/http/admission");
  const admission = admissionOptionsFromEnv();
  if (admission) installAdmissionGate(admission);
  const { checkStartup } = await import("@/db/startup-check");
  await checkStartup();
  const { startAppJobs } = await import("@/lib/jobs/app");
  await startAppJobs();
  const { startDashboardWarmUp } = await import("@/lib/facts/read/warm-up");
  startDashboardWarmUp();
}

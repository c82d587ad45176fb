// Waiting on a state that can only be polled (a row, a database session), shared by Vitest suites and
// Playwright specs. No deadline of its own: the test's timeout is the safety net; `gaveUp` ends the
// wait early, with its reason, once the state can no longer come (the child that would bring it exited).
export async function waitUntil(
  what: string,
  holds: () => Promise<boolean> | boolean,
  options: { gaveUp?: () => string | undefined; intervalMs?: number } = {},
): Promise<void> {
  while (!(await holds())) {
    const reason = options.gaveUp?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

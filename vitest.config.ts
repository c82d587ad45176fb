import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests exercise those modules directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty-module.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    // Safety nets, not measures: every wait in the tests is on an event (a line, a row, an exit), so a
    // test on a machine busy with other work takes longer and still passes; these only end a hang.
    testTimeout: 5 * 60_000,
    hookTimeout: 10 * 60_000,
    teardownTimeout: 60_000,
    // Every child process a test starts is ended with its process group when the test ends, pass or fail.
    setupFiles: ["tests/support/reap-children.ts"],
    // One migrated embedded database per run, copied for each test file instead of migrated again.
    globalSetup: ["tests/support/pglite-template.ts"],
    // Each file gets its own databases; two workers fit the 2-core machines.
    maxWorkers: 2,
  },
});

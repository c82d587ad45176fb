import { describe, expect, it } from "vitest";
import { formatLogLine } from "@/core/log";

const NOW = new Date("2026-11-25T03:00:00.000Z");

describe("structured log lines", () => {
  it("writes one JSON object per line in production: time, level, event, fields, the error with its stack", () => {
    const error = new Error("connection refused", { cause: new Error("ECONNREFUSED") });
    const line = formatLogLine("error", "reports.generation_failed", { reportId: 7, error }, true, NOW);
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ time: "2026-11-25T03:00:00.000Z", level: "error", event: "reports.generation_failed", reportId: 7 });
    expect(parsed.error).toMatchObject({ name: "Error", message: "connection refused", cause: { message: "ECONNREFUSED" } });
    expect(parsed.error.stack).toContain("log.test.ts");
  });

  it("never writes secrets, however deep", () => {
    const line = formatLogLine("warn", "auth.error", { detail: { password: "hunter2", nested: { sessionToken: "abc", Cookie: "x=1" } }, user: "a@b" }, true, NOW);
    expect(line).not.toMatch(/hunter2|"abc"|x=1/);
    expect(JSON.parse(line).detail).toEqual({ password: "[redacted]", nested: { sessionToken: "[redacted]", Cookie: "[redacted]" } });
  });

  it("reads as a line for people in development", () => {
    expect(formatLogLine("warn", "auth.session_rejected", { reason: "exp claim" }, false, NOW)).toBe("[auth.session_rejected] reason=exp claim");
    const withError = formatLogLine("error", "route.unexpected_error", { error: new Error("boom") }, false, NOW);
    expect(withError.split("\n")[0]).toBe("[route.unexpected_error]");
    expect(withError).toContain("Error: boom");
  });
});

describe("log levels", () => {
  it("writes debug events only when LOG_LEVEL=debug", async () => {
    const { log } = await import("@/core/log");
    const written: string[] = [];
    const original = console.log;
    console.log = (line: string) => void written.push(line);
    const level = process.env.LOG_LEVEL;
    try {
      delete process.env.LOG_LEVEL;
      log("debug", "db.query", { statement: "select 1" });
      log("info", "app.started");
      process.env.LOG_LEVEL = "debug";
      log("debug", "db.query", { statement: "select 2" });
    } finally {
      console.log = original;
      if (level === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = level;
    }
    expect(written.map((line) => line.replace(/^.*?(\[|"event":")/, ""))).toEqual([
      expect.stringMatching(/^app\.started/),
      expect.stringMatching(/^db\.query.*select 2/),
    ]);
  });
});

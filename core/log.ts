// The app's log: one event name and its fields per line. In production (or LOG_FORMAT=json) each line is
// one JSON object — time, level, event, fields, and an error's name, message and stack — for a log
// collector; otherwise a readable "[event] fields" line. Secrets never reach the log: fields named like
// passwords, tokens, secrets or cookies are replaced. Debug events (each SQL statement, see db/client.ts)
// are written only with LOG_LEVEL=debug.

export type LogLevel = "debug" | "info" | "warn" | "error";

export function debugEnabled(): boolean {
  return process.env.LOG_LEVEL === "debug";
}

const SECRET_FIELD = /pass(word)?|secret|token|cookie|authorization/i;

function jsonLines(): boolean {
  const format = process.env.LOG_FORMAT;
  return format === "json" || (format !== "pretty" && process.env.NODE_ENV === "production");
}

function serialise(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack, ...(value.cause ? { cause: serialise(value.cause, depth + 1) } : {}) };
  if (value === null || typeof value !== "object" || depth > 3) return value;
  if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? "[redacted]" : serialise(v, depth + 1)]));
}

/** The line as written, for tests and for the console. */
export function formatLogLine(level: LogLevel, event: string, fields: Record<string, unknown>, json: boolean, now = new Date()): string {
  const clean = serialise(fields) as Record<string, unknown>;
  if (json) return JSON.stringify({ time: now.toISOString(), level, event, ...clean });
  const parts = Object.entries(clean)
    .filter(([k]) => k !== "error")
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const error = clean.error as { stack?: string; message?: string } | undefined;
  const head = [`[${event}]`, ...parts].join(" ");
  return error ? `${head}\n${error.stack ?? error.message}` : head;
}

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  if (level === "debug" && !debugEnabled()) return;
  const line = formatLogLine(level, event, fields, jsonLines());
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

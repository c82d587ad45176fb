import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { BackupError } from "./errors";

/**
 * libpq tools get the database as a URL without its password and the password through PGPASSWORD,
 * so it never shows in the process list.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  if (!env.PGCONNECT_TIMEOUT) env.PGCONNECT_TIMEOUT = String(Math.ceil(Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5000) / 1000));
  return { dbname: parsed.toString(), env };
}

const INSTALL_HINT = "install the PostgreSQL client tools (Debian: apt-get install postgresql-client; `npm run setup:system` does it)";

/** stderr is always piped (for messages); stdin/stdout as the caller needs them. */
export function spawnTool(name: string, args: string[], env: NodeJS.ProcessEnv, stdio: { stdin: boolean; stdout: boolean }): ChildProcess {
  const modes: StdioOptions = [stdio.stdin ? "pipe" : "ignore", stdio.stdout ? "pipe" : "ignore", "pipe"];
  return spawn(name, args, { env, stdio: modes });
}

/** Resolves with the tool's exit code and stderr; a missing binary becomes a clear BackupError. */
export function waitForTool(child: ChildProcess, name: string): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new BackupError("tool_missing", `${name} was not found: ${INSTALL_HINT}.`) : error),
    );
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr: stderr.trim() }));
  });
}

/** The tool's own words, without the password-free URL noise, for a one-line failure message. */
export function toolFailure(name: string, stderr: string): BackupError {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 5)
    .join(" | ");
  return new BackupError("tool_failed", `${name} failed: ${lines || "no message"}`);
}

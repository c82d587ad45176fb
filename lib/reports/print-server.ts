import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";

// For the CLI and the benchmark: PDFs are printed from the app's print view, so a process without a
// running app serves the built app itself, in-process, on a loopback port only it knows. It shares this
// process's database connection (PGlite included); nothing else can reach it.

export class AppNotBuiltError extends Error {
  constructor(dir: string) {
    super(`The app is not built (${path.join(dir, ".next")} is missing): run \`npm run build\` first.`);
  }
}

export interface PrintServer {
  origin: string;
  close: () => Promise<void>;
}

export async function startPrintServer(dir = process.cwd()): Promise<PrintServer> {
  if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) throw new AppNotBuiltError(dir);
  // The production server refuses to start without a session secret; the print view needs no session.
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.NEXTAUTH_URL ??= "http://127.0.0.1";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname: "127.0.0.1", port: 0, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

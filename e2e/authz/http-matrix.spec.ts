import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { demoEmailOf, entryKey, fill, MATRIX, SUBJECTS, type Fixtures, type Outcome, type PageEntry, type RouteEntry, type Subject } from "../../tests/authz/matrix";
import { startScript, waitForHttp, waitForOutput, type Child } from "../../tests/support/child-processes";
import { E2E_BASE_PORT, E2E_NEXTAUTH_SECRET } from "../support/env";
import { expect, signInRequest, test } from "../support/fixtures";

// Every page and route handler of the authorization matrix (tests/authz/matrix.ts), requested over HTTP
// as each subject with its own session cookie, against the production build on its own fresh database
// (PostgreSQL when TEST_DATABASE_URL is set): see e2e/authz/server.ts.

const port = Number(process.env.E2E_AUTHZ_PORT ?? E2E_BASE_PORT + 1);
const baseURL = `http://localhost:${port}`;
const root = path.resolve(import.meta.dirname, "../..");
/** Names of the officer's own agency: no refusal to a signed-out caller or another agency's officer contains them. */
const OWN_AGENCY_NAMES = ["กรมการปกครอง", "Department of Provincial Administration"];
const EVIL_ORIGINS = ["https://attacker.example", "null"];

const pages = MATRIX.filter((e): e is PageEntry => "page" in e);
const routes = MATRIX.filter((e): e is RouteEntry => "route" in e);

let server: Child | undefined;
let fixtures: Fixtures;
const sessions = new Map<Subject, APIRequestContext>();

/** Starts e2e/authz/server.ts and resolves with the fixtures it prints once the app answers. */
async function startServer(): Promise<Fixtures> {
  const health = () => fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
  // Never test someone else's server by mistake.
  if (await health()) throw new Error(`port ${port} is taken; set E2E_AUTHZ_PORT to a free port`);
  await mkdir(path.join(root, "test-results"), { recursive: true });
  server = startScript("e2e/authz/server.ts", [], {
    env: { AUTHZ_PORT: String(port), AUTHZ_PARENT_PID: String(process.pid), NEXTAUTH_URL: baseURL, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET },
    log: createWriteStream(path.join(root, "test-results", `authz-server-${port}.log`)),
  });
  const printed = await waitForOutput(server, /^AUTHZ_FIXTURES /, { stream: "stdout" });
  await waitForHttp(server, `${baseURL}/api/health`);
  return JSON.parse(printed.slice("AUTHZ_FIXTURES ".length)) as Fixtures;
}

/** Stops the server (it stops the app and drops its PostgreSQL database), the whole group if it lingers. */
async function stopServer(): Promise<void> {
  await server?.stop();
}

/** What a response amounts to, in the matrix's words (redirects with their target). */
function observe(response: APIResponse): string {
  const status = response.status();
  if (status >= 300 && status < 400) {
    const location = new URL(response.headers()["location"] ?? "", baseURL);
    return `redirect:${location.pathname}${location.search}`;
  }
  if (status >= 200 && status < 300) return "ok";
  const named: Record<number, string> = { 401: "unauthenticated", 403: "forbidden", 404: "not_found", 400: "invalid", 409: "invalid", 413: "invalid", 415: "invalid", 422: "invalid" };
  return named[status] ?? `status ${status}`;
}

function accepts(expected: Outcome, observed: string, requestedPath: string, fixtures: Fixtures): boolean {
  if (expected === "allowed") return observed === "ok" || observed === "invalid";
  if (expected === "signin") return observed === `redirect:/signin?${new URLSearchParams({ callbackUrl: requestedPath })}`;
  if (expected.startsWith("redirect:")) return observed === fill(expected, fixtures);
  return observed === expected;
}

async function send(context: APIRequestContext, entry: PageEntry | RouteEntry, subject: Subject | "crossOrigin", origin?: string): Promise<{ path: string; response: APIResponse }> {
  const requestPath = fill(entry.path, fixtures, subject as Subject);
  const method = "method" in entry ? entry.method : "GET";
  const form = "form" in entry && entry.form ? Object.fromEntries(Object.entries(entry.form).map(([k, v]) => [k, fill(v, fixtures, subject as Subject)])) : undefined;
  // Browsers send Origin with every state-changing request; route handlers refuse one without it.
  const headers: Record<string, string> = method === "GET" ? {} : { origin: origin ?? baseURL };
  const response = await context.fetch(requestPath, { method, multipart: form, headers, maxRedirects: 0 });
  return { path: requestPath, response };
}

/** Requests one row as every subject and checks each answer (soft: every mismatch is reported). */
async function checkEntry(entry: PageEntry | RouteEntry): Promise<void> {
  await Promise.all(
    SUBJECTS.map(async (subject) => {
      const { path: requested, response } = await send(sessions.get(subject)!, entry, subject);
      const expected = entry.expect[subject];
      const observed = observe(response);
      const label = `${entryKey(entry)} ${requested} as ${subject}`;
      expect.soft(accepts(expected, observed, requested, fixtures), `${label}: expected ${expected}, got ${observed}`).toBe(true);
      const refused = ["unauthenticated", "forbidden", "not_found"].includes(observed);
      if (!refused && expected !== "signin") return;
      const body = await response.text();
      // Refusals say no more than that: route handlers answer {"error": …}, and neither a signed-out
      // caller nor another agency's officer sees the record's agency named.
      if (refused && "route" in entry) {
        // The open API's refusals also say why in words (lib/api/route.ts), and carry nothing else.
        if (entry.route.startsWith("/api/v1/")) expect.soft(Object.keys(JSON.parse(body) as object).sort(), label).toEqual(["error", "message"]);
        else expect.soft(body, label).toBe(JSON.stringify({ error: observed }));
      }
      if (subject === "other_agency_officer" || subject === "signed_out") {
        for (const name of OWN_AGENCY_NAMES) expect.soft(body, `${label} names the agency`).not.toContain(name);
      }
    }),
  );
}

test.describe("authorization matrix over HTTP", () => {
  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(15 * 60_000); // a safety net: seeding and starting a server of its own
    fixtures = await startServer();
    for (const subject of SUBJECTS) {
      const context = await playwright.request.newContext({ baseURL });
      const email = demoEmailOf(subject);
      if (email) await signInRequest(context, email, baseURL);
      sessions.set(subject, context);
    }
  });

  test.afterAll(async () => {
    for (const context of sessions.values()) await context.dispose();
    await stopServer();
  });

  // One test, so that a mismatch (reported softly, with every other one) does not restart the worker
  // and with it the server: the last step reads what the earlier ones changed.
  test(`pages (${pages.length} rows) and route handlers (${routes.length} rows) answer ${SUBJECTS.length} subjects as the matrix says`, async () => {
    test.setTimeout(15 * 60_000); // a safety net: a few thousand requests
    await test.step("the server runs on PostgreSQL when TEST_DATABASE_URL is set", async () => {
      expect(fixtures.database).toBe(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
      const health = (await (await sessions.get("signed_out")!.get("/api/health")).json()) as { database: string };
      expect(health.database).toBe(fixtures.database);
    });

    for (const entry of pages) await test.step(`${entryKey(entry)} ${entry.path}`, () => checkEntry(entry));
    for (const entry of routes) await test.step(`${entryKey(entry)} ${entry.path}`, () => checkEntry(entry));

    await test.step("state-changing route handlers refuse a request from another site", async () => {
      for (const entry of routes.filter((e) => e.crossOrigin)) {
        const { subject, expect: expected } = entry.crossOrigin!;
        // Another site, and the opaque origin of a sandboxed frame or a privacy-redirected form.
        for (const origin of EVIL_ORIGINS) {
          const { path: requested, response } = await send(sessions.get(subject)!, entry, "crossOrigin", origin);
          const observed = observe(response);
          expect.soft(accepts(expected, observed, requested, fixtures), `${entryKey(entry)} from ${origin} as ${subject}: expected ${expected}, got ${observed}`).toBe(true);
        }
      }
    });

    await test.step("refused and cross-site requests changed nothing; allowed ones did", async () => {
      // The draft's evidence as its own officer sees it on the form.
      const page = await (await sessions.get("agency_officer")!.get(fill("/submissions/{agency}/{period}/{component}", fixtures))).text();
      const deleteRow = routes.find((e) => e.method === "DELETE" && e.route === "/api/evidence/[id]")!;
      const addRow = routes.find((e) => e.method === "POST" && e.route === "/api/submissions/[id]/evidence")!;
      for (const subject of SUBJECTS) {
        const deleted = ["ok", "allowed"].includes(deleteRow.expect[subject]);
        expect.soft(page.includes(`ลบได้ ${subject}<`), `the link ${subject} was asked to delete is ${deleted ? "gone" : "still there"}`).toBe(!deleted);
        const added = ["ok", "allowed"].includes(addRow.expect[subject]);
        expect.soft(page.includes(`เพิ่มโดย ${subject}<`), `the link ${subject} asked to add is ${added ? "there" : "absent"}`).toBe(added);
      }
      expect.soft(page.includes("ลบได้ crossOrigin<"), "a cross-site delete left the link in place").toBe(true);
      expect.soft(page.includes("เพิ่มโดย crossOrigin<"), "a cross-site upload added nothing").toBe(false);
      // The sign-in posted without next-auth's CSRF token signed the signed-out context in as no one.
      expect.soft(await (await sessions.get("signed_out")!.get("/api/auth/session")).json()).toEqual({});
    });
  });
});

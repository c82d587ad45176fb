// The bad-input corpus, in process, on PGlite and PostgreSQL: every form, upload and API case of
// tests/corpus/*-cases.ts is sent to the real server action or route handler as its subject (the session
// is mocked, everything below it is the app's code) on one seeded database per kind. A refused input must
// be answered with its own localized message (th and en) — never a crash, an "internal" answer or a
// generic text — and must leave every table and sequence exactly as it was.
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/core/auth/actor";
import { seedConfiguredDatabase } from "@/scripts/seed/run";
import { createAuthzFixtures, demoActor } from "../authz/fixtures";
import { fill, SUBJECTS, type Fixtures, type Subject } from "../authz/matrix";
import { describeEachDatabase } from "../support/databases";
import { fingerprintDatabase, nextTransactionId, sequencePositions, type TableFingerprint } from "../support/fingerprint";
import { API_CASES } from "./api-cases";
import { corpusFixtures, volatileFixtures } from "./fixtures";
import { FORM_CASES } from "./form-cases";
import { messageProblems, ROW_REASON_NAMESPACES, VIEWS, type ErrorAnswer } from "./messages";
import { UPLOAD_CASES } from "./upload-cases";
import { SIGN_IN_CASES, URL_CASES } from "./url-cases";
import { ACTIONS, CATEGORIES, ROUTES, SURFACES, type Fields, type InProcessCase, type RouteCase } from "./types";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => session.actor,
  requireActor: async () => session.actor ?? Promise.reject(new Error("requireActor: signed out")),
  requirePermission: async () => session.actor ?? Promise.reject(new Error("requirePermission: signed out")),
}));
// Outside a request Next.js has no cache, cookie store or request locale.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  const store = { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), has: (name: string) => jar.has(name), set: (name: string, value: string) => void jar.set(name, value) };
  return { cookies: async () => store, headers: async () => new Headers() };
});
vi.mock("next-intl/server", async (importOriginal) => ({ ...(await importOriginal<object>()), getLocale: async () => "th" }));
// Report generation runs in the background of the app process; here the queued request is enough.
vi.mock("@/lib/reports/generate", async (importOriginal) => ({ ...(await importOriginal<object>()), queueReport: async () => undefined }));

const root = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "http://lamnam.test";
const IN_PROCESS: readonly InProcessCase[] = [...FORM_CASES, ...UPLOAD_CASES, ...API_CASES];
/** What the use of a known API token writes, refused or not: its audit row, its rate count, its last use. */
const API_USE_TABLES = ["audit_log", "sign_in_throttle", "api_tokens"];

describe("the bad-input corpus", () => {
  const all = [...IN_PROCESS, ...URL_CASES, ...SIGN_IN_CASES];
  const count = (surface: string) => all.filter((c) => c.surface === surface).length;
  it(`has ${all.length} cases with unique ids (form ${count("form")}, url ${count("url")}, upload ${count("upload")}, api ${count("api")})`, () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(200);
    // Every surface and every kind of bad input the issue names keeps a real share of the corpus.
    for (const surface of SURFACES) expect(count(surface), surface).toBeGreaterThanOrEqual(25);
    for (const category of CATEGORIES) expect(all.filter((c) => c.category === category).length, category).toBeGreaterThanOrEqual(2);
  });
});

/** The answer of an action or route, reduced to what the expectations talk about. */
interface Answer {
  status: number;
  /** Refusals: the error parts; successes: undefined. */
  error?: ErrorAnswer;
  /** Success data, JSON body or import summary. */
  body?: unknown;
}

function formData(fields: Fields, fixtures: Fixtures, file?: { name: string; type: string; bytes: Buffer }): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(fill(name, fixtures), fill(v, fixtures));
  if (file) data.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return data;
}

async function callAction(entry: InProcessCase & { surface: "form" }, fixtures: Fixtures): Promise<Answer> {
  const [modulePath, name] = ACTIONS[entry.action].action.split("#") as [string, string];
  const fn = ((await import(/* @vite-ignore */ path.join(root, modulePath))) as Record<string, (state: unknown, data: FormData) => Promise<unknown>>)[name]!;
  const state = (await fn({ status: "idle" }, formData(entry.form, fixtures))) as { status: string; error?: string; fieldErrors?: Record<string, string[]>; data?: unknown };
  if (state.status === "error") return { status: 0, error: { error: state.error!, fieldErrors: state.fieldErrors } };
  return { status: 0, body: state.data };
}

async function callRoute(entry: RouteCase, fixtures: Fixtures): Promise<Answer> {
  const route = ROUTES[entry.route];
  const handler = ((await import(/* @vite-ignore */ path.join(root, route.module))) as Record<string, (request: Request, context: unknown) => Promise<Response>>)[route.method]!;
  const params = Object.fromEntries(Object.entries(entry.params ?? {}).map(([k, v]) => [k, fill(v, fixtures)]));
  const url = `${ORIGIN}${route.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ""))}${entry.query ? `?${fill(entry.query, fixtures)}` : ""}`;
  const file = entry.file ? { name: entry.file.name, type: entry.file.type, bytes: await entry.file.bytes() } : undefined;
  // API bodies name the fixtures' records too ("{agency}"); the older raw bodies are sent exactly as written.
  const raw = entry.rawBody && entry.token !== undefined ? fill(entry.rawBody.bytes, fixtures) : entry.rawBody?.bytes;
  const body = route.method !== "POST" ? undefined : raw !== undefined ? raw : formData(entry.form ?? {}, fixtures, file);
  const headers: Record<string, string> = { origin: ORIGIN, "x-forwarded-host": "lamnam.test", ...(entry.rawBody ? { "content-type": entry.rawBody.contentType } : {}) };
  if (entry.token !== undefined) headers.authorization = `Bearer ${fill(entry.token, fixtures)}`;
  const response = await handler(new Request(url, { method: route.method, body, headers }), { params: Promise.resolve(params) });
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("ndjson")) {
    // Import progress stream: the last event is the result or the error.
    const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as { type: string; summary?: unknown; error?: string; reason?: string; fieldErrors?: Record<string, string[]> });
    const last = events.at(-1)!;
    if (last.type === "error") return { status: response.status, error: { error: last.error!, reason: last.reason, fieldErrors: last.fieldErrors } };
    return { status: response.status, body: last.summary };
  }
  if (type.includes("application/json")) {
    const json = (await response.json()) as { error?: string; reason?: string; fieldErrors?: Record<string, string[]>; errors?: { field: string; reason: string }[] };
    // The versioned API lists each bad value as { field, reason } (lib/api/route.ts).
    const apiFields = json.errors?.reduce<Record<string, string[]>>((all, e) => ({ ...all, [e.field]: [...(all[e.field] ?? []), e.reason] }), {});
    if (response.status >= 400) return { status: response.status, error: { error: json.error ?? "", reason: json.reason, fieldErrors: json.fieldErrors ?? apiFields } };
    return { status: response.status, body: json };
  }
  if (response.status >= 400) return { status: response.status, error: { error: `status ${response.status} without a JSON answer` } };
  return { status: response.status, body: { headers: Object.fromEntries(response.headers), bytes: Buffer.from(await response.arrayBuffer()) } };
}

/** Row problems of an import summary (eMENSCR `errors`, table imports `rows[].problems` and `fileProblems`). */
function rowReasons(body: unknown): { outcome?: string; reasons: string[] } {
  const summary = (body ?? {}) as { outcome?: string; errors?: { reason: string }[]; rows?: number | { problems?: { reason: string }[] }[]; fileProblems?: { reason: string }[] };
  const tableRows = Array.isArray(summary.rows) ? summary.rows : [];
  const reasons = [...(summary.errors ?? []), ...(summary.fileProblems ?? []), ...tableRows.flatMap((r) => r.problems ?? [])].map((p) => p.reason);
  return { outcome: summary.outcome, reasons: [...new Set(reasons)].sort() };
}

/** Expected field errors as the answer has them: keys filled from the fixtures, codes as lists. */
const asArrays = (fields: Record<string, string | string[]> = {}, fixtures: Fixtures) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [fill(k, fixtures), Array.isArray(v) ? v : [v]]));

describeEachDatabase("bad input, in process", ({ db }) => {
  let fixtures: Fixtures;
  const actors = new Map<Subject, Actor | null>();
  const runner = { query: async (text: string) => ({ rows: (await db().execute(sql.raw(text))).rows as unknown[] }) };
  /**
   * Every table's hash, and the next transaction id when it was taken: still the data as long as that id
   * has not moved (see nextTransactionId), so tables are hashed again only after a transaction that wrote.
   */
  let known: { xid: string; tables: Record<string, TableFingerprint> } | null = null;
  const hashTables = async () => ({ xid: await nextTransactionId(runner), tables: (await fingerprintDatabase(runner)).tables });
  /** Versions and the like, read again after each case that wrote. */
  let volatile: Fixtures | null = null;

  beforeAll(async () => {
    await seedConfiguredDatabase();
    fixtures = { ...(await createAuthzFixtures()), ...(await corpusFixtures()) };
    for (const subject of SUBJECTS) actors.set(subject, await demoActor(subject));
  }); // the configured hook timeout (10 min) is the safety net

  for (const entry of IN_PROCESS) {
    it(`${entry.id} [${entry.surface}, ${entry.category}]`, async () => {
      const writes = "accepted" in entry.expect && entry.expect.accepted.writes;
      volatile ??= await volatileFixtures(fixtures);
      const current = { ...fixtures, ...volatile };
      if (writes) volatile = null;
      let before: { xid: string; sequences: Record<string, string | null> } | null = null;
      if (!writes) {
        const xid = await nextTransactionId(runner);
        if (known?.xid !== xid) known = await hashTables();
        before = { xid, sequences: await sequencePositions(runner) };
      }

      session.actor = actors.get(entry.as) ?? null;
      let answer: Answer;
      try {
        answer = entry.surface === "form" ? await callAction(entry, current) : await callRoute(entry, current);
      } finally {
        session.actor = null;
      }

      // Never a crash, whatever the input.
      expect(answer.status, "HTTP status").toBeLessThan(500);
      expect(answer.error?.error, "answered as an internal error").not.toBe("internal");
      const view = entry.surface === "form" ? ACTIONS[entry.action].view : ROUTES[entry.route].view;

      if ("refused" in entry.expect) {
        const expected = entry.expect.refused;
        expect(answer.error, `expected a refusal, got ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBeDefined();
        expect({ error: answer.error!.error, fields: answer.error!.fieldErrors ?? {}, reason: answer.error!.reason ?? null }).toEqual({
          error: expected.error,
          fields: asArrays(expected.fields, current),
          reason: expected.reason ?? null,
        });
        if (expected.status) expect(answer.status).toBe(expected.status);
        if (view) expect(messageProblems(VIEWS[view](answer.error!)), `what ${view} shows`).toEqual([]);
      } else if ("rows" in entry.expect) {
        expect(answer.error, "expected row problems, got a refusal").toBeUndefined();
        const { outcome, reasons } = rowReasons(answer.body);
        expect({ outcome, reasons }).toEqual({ outcome: "invalid", reasons: [...new Set(entry.expect.rows.reasons)].sort() });
        const namespace = entry.surface !== "form" && entry.route.startsWith("emenscr") ? ROW_REASON_NAMESPACES.emenscr : ROW_REASON_NAMESPACES.table;
        expect(messageProblems(reasons.map((r) => ({ key: `${namespace}.${r}` }))), `row reasons in ${namespace}`).toEqual([]);
      } else {
        expect(answer.error, `expected acceptance, got ${JSON.stringify(answer.error)}`).toBeUndefined();
        await entry.expect.accepted.check?.({
          db: db(),
          fixtures: current,
          answer: answer.body,
          rows: async (text) => (await db().execute(sql.raw(fill(text, current)))).rows as Record<string, unknown>[],
        });
      }

      if (before && known) {
        // A transaction took an id (a rolled-back write, a row lock): compare every table's hash.
        if ((await nextTransactionId(runner)) !== before.xid) {
          const after = await hashTables();
          // A known API token's use is audited and counted (types.ts, RouteCase.token): those rows may change.
          const kept = (tables: Record<string, TableFingerprint>) =>
            entry.surface !== "form" && entry.token !== undefined ? Object.fromEntries(Object.entries(tables).filter(([name]) => !API_USE_TABLES.some((t) => name.endsWith(t)))) : tables;
          expect(kept(after.tables), "a refused or read-only request changed the data").toEqual(kept(known.tables));
          known = after;
        }
        const sequences = await sequencePositions(runner);
        const moved = Object.keys(sequences).filter((s) => sequences[s] !== before.sequences[s]);
        const mayAdvance = [...(entry.sequencesMayAdvance ?? []), ...(entry.surface !== "form" && entry.token !== undefined ? ["public.audit_log_id_seq"] : [])];
        expect(moved.filter((s) => !mayAdvance.includes(s)), "sequences moved").toEqual([]);
      }
    });
  }
});

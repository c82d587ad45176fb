// Calls every server action of the matrix as each subject, in process, on PGlite and PostgreSQL: the
// session is mocked (getActor returns the subject's demo user), everything below it is the real code.
// A refused call must change nothing in the database.
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { seedConfiguredDatabase } from "@/scripts/seed/run";
import { describeEachDatabase } from "../support/databases";
import { createAuthzFixtures, demoActor } from "./fixtures";
import { fill, MATRIX, SUBJECTS, type ActionEntry, type Fixtures, type Outcome, type Subject } from "./matrix";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => session.actor,
  requireActor: async () => session.actor ?? Promise.reject(new Error("requireActor: signed out")),
  requirePermission: async () => session.actor ?? Promise.reject(new Error("requirePermission: signed out")),
}));
// Outside a request Next.js has no cache or cookie store to write to.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  const store = { get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), has: (name: string) => jar.has(name), set: (name: string, value: string) => void jar.set(name, value) };
  return { cookies: async () => store, headers: async () => new Headers() };
});
// Report generation runs in the background of the app process; here the queued request is enough.
vi.mock("@/lib/reports/generate", async (importOriginal) => ({ ...(await importOriginal<object>()), queueReport: async () => undefined }));

const root = path.resolve(import.meta.dirname, "../..");
const REFUSALS: readonly Outcome[] = ["unauthenticated", "forbidden", "not_found"];
const actions = MATRIX.filter((e): e is ActionEntry => "action" in e);

/** The outcome, and for an error state its code (`invalid (stale_version)`), for the failure message. */
type Observed = { outcome: Outcome | "internal" | "threw"; detail?: string };

function classify(result: unknown): Observed {
  const state = (result ?? {}) as { status?: string; error?: string };
  if (state.status !== "error") return { outcome: "ok" };
  if (state.error === "internal") return { outcome: "internal" };
  if ((REFUSALS as readonly string[]).includes(state.error!)) return { outcome: state.error as Outcome };
  return { outcome: "invalid", detail: state.error };
}

function matches(expected: Outcome, { outcome }: Observed): boolean {
  return expected === outcome || (expected === "allowed" && (outcome === "ok" || outcome === "invalid"));
}

function formData(fields: Record<string, string | string[]>, fixtures: Fixtures, subject: Subject): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, fill(v, fixtures, subject));
  }
  return data;
}

/** Every table's row count and a hash of its rows: equal fingerprints, unchanged database. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.execute<{ name: string }>(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const parts = tables.rows.map(
    ({ name }) => sql`select ${name}::text as name, count(*)::text || ':' || md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as digest from ${sql.identifier(name)} t`,
  );
  const result = await db.execute<{ name: string; digest: string }>(sql.join(parts, sql` union all `));
  return Object.fromEntries(result.rows.map((r) => [r.name, r.digest]));
}

describeEachDatabase("server actions against the authorization matrix", ({ db }) => {
  let fixtures: Fixtures;
  const actors = new Map<Subject, Actor | null>();

  beforeAll(async () => {
    await seedConfiguredDatabase();
    fixtures = await createAuthzFixtures();
    for (const subject of SUBJECTS) actors.set(subject, await demoActor(subject));
  }); // the configured hook timeout (10 min) is the safety net

  async function call(entry: ActionEntry, subject: Subject): Promise<Observed> {
    const [modulePath, name] = entry.action.split("#") as [string, string];
    const exports = (await import(/* @vite-ignore */ path.join(root, modulePath))) as Record<string, unknown>;
    const fn = exports[name];
    if (typeof fn !== "function") throw new Error(`${entry.action} is not an exported function`);
    session.actor = actors.get(subject) ?? null;
    try {
      const result = entry.form ? await fn({ status: "idle" }, formData(entry.form, fixtures, subject)) : await fn(...(entry.args ?? []));
      return classify(result);
    } catch (error) {
      return { outcome: "threw", detail: (error as Error).message };
    } finally {
      session.actor = null;
    }
  }

  for (const entry of actions) {
    const label = `${entry.action} ${entry.form?.action ?? ""}`.trim();
    it(label, async () => {
      const observed: Partial<Record<Subject, Observed>> = {};
      // Refused subjects first, on an unchanged database, which must stay unchanged.
      const refused = SUBJECTS.filter((s) => REFUSALS.includes(entry.expect[s]));
      const before = refused.length ? await fingerprint(db()) : null;
      for (const subject of refused) observed[subject] = await call(entry, subject);
      if (before) expect(await fingerprint(db()), `refused calls (${refused.join(", ")}) changed the database`).toEqual(before);
      for (const subject of SUBJECTS.filter((s) => !refused.includes(s))) observed[subject] = await call(entry, subject);

      const mismatches = SUBJECTS.filter((s) => !matches(entry.expect[s], observed[s]!));
      const got = Object.fromEntries(mismatches.map((s) => [s, observed[s]!.detail ? `${observed[s]!.outcome} (${observed[s]!.detail})` : observed[s]!.outcome]));
      expect(got, "observed ≠ expected").toEqual(Object.fromEntries(mismatches.map((s) => [s, entry.expect[s]])));
    });
  }
});

// Load test (npm run bench:load): 200 signed-in users at once against `next start` on loopback, on the
// national-scale dataset on PostgreSQL, mixing dashboard pages and JSON, assessment form saves (the real
// server action) and an eMENSCR import. Prints per request kind the count, errors, p50/p95/p99 latency and
// throughput, the import's duration under load, the server's peak RSS and the database connections; writes
// the figures as JSON under bench-results/ and exits 1 if any request failed.
//
//   npm run bench:load                      # PostgreSQL at postgres://postgres@127.0.0.1:5432 by default
//
// What it does, in order:
//  1. The national dataset (scripts/generate-national-dataset.ts: ≈8,000 agencies, ≈870,000 facts, 100,000
//     eMENSCR projects) in the database lamnam_load_dataset, generated once and reused while its version
//     stamp matches; each run serves a fresh copy of it, lamnam_load (CREATE DATABASE … TEMPLATE), so the
//     saves and the import of one run never change the next run's data. The copy is dropped at the end.
//  2. The production build: kept if newer than every source file, otherwise `next build` is run.
//  3. `next start` on 127.0.0.1:BENCH_LOAD_PORT against the copy (NEXTAUTH_SECRET/NEXTAUTH_URL for loopback).
//  4. The users — 70% agency officers and heads, each of a distinct agency; 20% executives; 10% analysts —
//     inserted with one password hash, then each signed in through next-auth's credentials flow.
//  5. One connection per user for BENCH_LOAD_SECONDS, each sending its next request as soon as the last one
//     answered (no think time: the most the server can be asked); meanwhile one analyst uploads an eMENSCR
//     export (scripts/generators/emenscr-synthetic.ts) to the preview and then the commit route, as the import screen does.
//     The load goes on until the import is committed.
//  6. The server is stopped: nothing is left running.
//
// Several instances (BENCH_LOAD_INSTANCES, 2 by default): each `next start` on its own port (BENCH_LOAD_PORT + 1,
// + 2, …) with JOB_WORKERS=off, one `npm run worker` for the jobs, and a small round-robin proxy on
// BENCH_LOAD_PORT in front (scripts/bench/proxy.ts); with 1, the one instance listens on BENCH_LOAD_PORT.
// Analysts also approve: BENCH_LOAD_APPROVALS (400) submissions are prepared in the submitted state before
// the load (through the services, of agencies without load users), and each analyst opens the next one's
// page and approves it through the page's server action. BENCH_LOAD_THINK_MS (0): each user's pause after
// every answer (5000 for the think-time run; its figures go to the bench:load-think README block).
//
// Options (environment): BENCH_DATABASE_URL (the PostgreSQL server to use; its database name is not used),
// BENCH_LOAD_USERS (200), BENCH_LOAD_SECONDS (60), BENCH_LOAD_IMPORT_ROWS (50000), BENCH_LOAD_TIMEOUT
// (seconds a request may take before it counts as timed out, 60), BENCH_LOAD_PORT (3325), BENCH_LOAD_BUILD
// (auto | always | never), BENCH_LOAD_CPU_PROFILE=1 (the server's CPU profile into bench-results/),
// BENCH_LOAD_RATE (whole requests per second per user, to pace the users instead of the closed loop;
// autocannon counts per second, so not below 1), BENCH_LOAD_KEEP=1 (keep the lamnam_load copy to inspect);
// DATABASE_POOL_MAX, MAX_CONCURRENT_REQUESTS and the app's other variables pass through to the server.
//
// Why autocannon: it keeps one keep-alive connection per user and sends that user's requests one after
// another, which is how a browser tab behaves, at a cost per request low enough to share two cores with
// the server. Its setupClient/setupRequest/onResponse hooks give each connection its own user, cookie and
// next request (the save needs the version of the previous answer); its own statistics are not per kind,
// so latency and failures are recorded here per request kind from its 'response' and 'timeout' events.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Client, Pool } from "pg";
import { hashPassword } from "@/lib/auth/passwords";
import { generateSyntheticExport, seededRandom } from "@/scripts/generators/emenscr-synthetic";
import { connectToServerOf, prepareNationalDataset } from "./generate-national-dataset";
import { ensureProductionBuild, signIn, startAppServer, type AppServer } from "./bench/app-server";
import { startRoundRobinProxy, type RoundRobinProxy } from "./bench/proxy";
import { startWorkerProcess, stopWorkerProcess } from "./bench/worker-process";
import { percentile } from "./bench/stats";
import { writeReadmeBlock } from "./bench/readme";

const USERS = Number(process.env.BENCH_LOAD_USERS ?? 200);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const IMPORT_ROWS = Number(process.env.BENCH_LOAD_IMPORT_ROWS ?? 50_000);
/** As long as the app lets a request wait for its turn (REQUEST_QUEUE_TIMEOUT_MS, 60 s) before it answers 503. */
const TIMEOUT_SECONDS = Number(process.env.BENCH_LOAD_TIMEOUT ?? 60);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3325);
const RATE = process.env.BENCH_LOAD_RATE ? Number(process.env.BENCH_LOAD_RATE) : undefined;
const BUILD = (process.env.BENCH_LOAD_BUILD ?? "auto") as "auto" | "always" | "never";
/** App instances (`next start`, JOB_WORKERS=off) behind a round-robin proxy on PORT, with one `npm run worker`. */
const INSTANCES = Math.max(1, Number(process.env.BENCH_LOAD_INSTANCES ?? 2));
/** Each user's pause after an answer before the next request (0: closed loop). */
const THINK_MS = Number(process.env.BENCH_LOAD_THINK_MS ?? 0);
/** Submitted submissions prepared for the analysts to approve during the load. */
const APPROVALS = Number(process.env.BENCH_LOAD_APPROVALS ?? 400);
/** The import starts once the load has settled in. */
const IMPORT_DELAY_SECONDS = 5;
/** Sign-ins at once before the load (each costs the server one bcrypt comparison). */
const SIGN_IN_CONCURRENCY = 8;
const DATASET_DATABASE = "lamnam_load_dataset";
const RUN_DATABASE = "lamnam_load";
const PASSWORD = "Load-bench-2570";
/** The open quarter of the demo seed: forms are saved there, the import reports it. */
const OPEN_PERIOD = "2570Q1";
const VIEW_PERIODS = ["2570Q1", "2569Q4", "2569Q3"];

type Role = "agency_officer" | "agency_head" | "executive" | "analyst";
type Kind =
  | "page: overview"
  | "page: component"
  | "page: agency"
  | "page: assessment form"
  | "api: overview"
  | "api: component"
  | "api: agency"
  | "api: provenance"
  | "action: save assessment"
  | "page: review"
  | "action: approve";

interface LoadUser {
  email: string;
  role: Role;
  /** Agency roles: their agency, and the form they fill in (one component of it, the open quarter). */
  agencyCode?: string;
  componentCode?: string;
  cookie?: string;
}

/** Everything measured of one kind of request. */
interface KindStats {
  latencies: number[];
  errors: Map<string, number>;
}

function serverUrl(): URL {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url;
}
const databaseUrl = (name: string) => Object.assign(serverUrl(), { pathname: `/${name}` }).toString();
const redact = (url: string) => url.replace(/:[^:@/]*@/, ":***@");

/** A fresh copy of the prepared dataset for this run (the template must have no open connection). */
async function copyDataset(): Promise<void> {
  const { name, admin } = await connectToServerOf(databaseUrl(RUN_DATABASE));
  try {
    const version = Number((await admin.query<{ v: string }>("show server_version_num")).rows[0]!.v);
    await admin.query(`drop database if exists "${name}" with (force)`);
    // FILE_COPY (PostgreSQL 15+) copies the files instead of WAL-logging every block: seconds, not minutes.
    await admin.query(`create database "${name}" template "${DATASET_DATABASE}"${version >= 150000 ? " strategy file_copy" : ""}`);
  } finally {
    await admin.end();
  }
}

async function dropCopy(): Promise<void> {
  const { name, admin } = await connectToServerOf(databaseUrl(RUN_DATABASE));
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * The load's users: 70% agency roles (one in four a head), each of a distinct agency — departments and
 * local administrations alternately, filling in the form of their agency's first component — 20%
 * executives, 10% analysts. One password hash for all.
 */
async function createUsers(db: Pool, count: number): Promise<LoadUser[]> {
  const agencyCount = Math.round(count * 0.7);
  const analystCount = Math.max(1, Math.round(count * 0.1));
  const executiveCount = count - agencyCount - analystCount;
  const agencies = (
    await db.query<{ code: string; component: string }>(
      `with firsts as (
         select a.code, (array_agg(c.code order by c.ordinal))[1] as component,
           row_number() over (partition by left(a.code, 1) order by a.code) as n
         from agencies a join agency_components ac on ac.agency_id = a.id join components c on c.id = ac.component_id
         where a.active and (a.code like 'D%' or a.code like 'L%') group by a.code)
       select code, component from firsts order by n, code limit $1`,
      [agencyCount],
    )
  ).rows;
  if (agencies.length < agencyCount) throw new Error(`only ${agencies.length} agencies for ${agencyCount} agency users`);
  const users: LoadUser[] = [
    ...agencies.map((a, i): LoadUser => ({
      email: `load-${i % 4 === 3 ? "head" : "officer"}-${a.code.toLowerCase()}@lamnam.bench`,
      role: i % 4 === 3 ? "agency_head" : "agency_officer",
      agencyCode: a.code,
      componentCode: a.component,
    })),
    ...Array.from({ length: executiveCount }, (_, i): LoadUser => ({ email: `load-executive-${i + 1}@lamnam.bench`, role: "executive" })),
    ...Array.from({ length: analystCount }, (_, i): LoadUser => ({ email: `load-analyst-${i + 1}@lamnam.bench`, role: "analyst" })),
  ];
  const hash = await hashPassword(PASSWORD);
  await db.query(
    `insert into users (email, name, password_hash, role, agency_id, locale)
     select u.email, 'ผู้ใช้ทดสอบโหลด ' || u.email, $1, u.role::role, (select id from agencies where code = u.agency), 'th'
     from jsonb_to_recordset($2::jsonb) as u(email text, role text, agency text)`,
    [hash, JSON.stringify(users.map((u) => ({ email: u.email, role: u.role, agency: u.agencyCode ?? "01002" })))],
  );
  return users;
}

// ---- the form save: the server action as the browser sends it -------------------------------------------

interface FormState {
  actionId: string;
  /** The form's fields as the page rendered them (hidden fields, answers, notes, narrative texts). */
  fields: [string, string][];
  version: number;
}

const unescapeHtml = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The assessment form of the page's HTML: the action's id (from the progressive-enhancement fields) and the values. */
function parseForm(html: string): FormState | null {
  const at = html.indexOf('class="assess-form"');
  if (at < 0) return null;
  const form = html.slice(html.lastIndexOf("<form", at), html.indexOf("</form>", at));
  const fields: [string, string][] = [];
  for (const [, attrs] of form.matchAll(/<input\b([^>]*?)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(attrs!)?.[1];
    const type = /\btype="([^"]*)"/.exec(attrs!)?.[1] ?? "text";
    if (!name || type === "file" || (type === "radio" && !/\bchecked=""/.test(attrs!))) continue;
    fields.push([unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(attrs!)?.[1] ?? "")]);
  }
  for (const [, attrs, text] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = /\bname="([^"]*)"/.exec(attrs!)?.[1];
    if (name) fields.push([name, unescapeHtml(text!)]);
  }
  const reference = fields.find(([name]) => name === "$ACTION_1:0")?.[1];
  const version = fields.find(([name]) => name === "version")?.[1];
  if (!reference || version === undefined) return null;
  return { actionId: (JSON.parse(reference) as { id: string }).id, fields, version: Number(version) };
}

/** The approve form of a submission page as an analyst sees it: its action's id and hidden fields. */
function parseApproveForm(html: string): { actionId: string; fields: [string, string][] } | null {
  const at = html.indexOf('class="assess-actions"');
  if (at < 0) return null;
  const form = html.slice(html.lastIndexOf("<form", at), html.indexOf("</form>", at));
  if (!form.includes('value="approve"')) return null;
  const fields: [string, string][] = [];
  for (const [, attrs] of form.matchAll(/<input\b([^>]*?)\/?>/g)) {
    const name = /\bname="([^"]*)"/.exec(attrs!)?.[1];
    if (name) fields.push([unescapeHtml(name), unescapeHtml(/\bvalue="([^"]*)"/.exec(attrs!)?.[1] ?? "")]);
  }
  const reference = fields.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
  return reference ? { actionId: (JSON.parse(reference) as { id: string }).id, fields } : null;
}

/** Next.js's router state for a submission page, sent with a server action so that its answer re-renders that page. */
function routerStateTree(agency: string, period: string, component: string): string {
  const segment = (name: string, value: string, children: unknown) => [[name, value, "d", null], { children }, null, null, 0];
  const page = ["__PAGE__", {}, null, null, 0];
  const tree = ["", { children: ["submissions", { children: segment("agency", agency, segment("period", period, segment("component", component, page))) }, null, null, 0] }, null, null, 16];
  return encodeURIComponent(JSON.stringify(tree));
}

/**
 * The body of the save as React encodes a form action's arguments (previous state, FormData): the form's
 * fields prefixed with the FormData's reference, and the argument list in field "0". Learnt from a
 * browser's request to this app (Chromium, Next.js 16).
 */
function saveBody(form: FormState, progress: string): { body: Buffer; contentType: string } {
  const fields = form.fields.map(([name, value]): [string, string] => [name, name === "version" ? String(form.version) : name === "progress" ? progress : value]);
  return actionBody([...fields, ["intent", "save"]]);
}

/** A form action's request body (previous state, FormData) for the given form fields. */
function actionBody(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----LamnamLoad${Math.random().toString(16).slice(2)}`;
  const parts: [string, string][] = [...fields.map(([name, value]): [string, string] => [`_1_${name}`, value]), ["0", JSON.stringify([{ status: "idle" }, "$K1"])]];
  const text = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
  return { body: Buffer.from(text), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The action's result: the line of the RSC answer holding chunk 1 (`0:{"a":"$@1",…}` points to it). */
function actionResult(body: string): { status: string; error?: string; data?: { version: number } } | null {
  const line = /^1:(\{.*\})$/m.exec(body)?.[1];
  try {
    return line ? (JSON.parse(line) as { status: string; error?: string; data?: { version: number } }) : null;
  } catch {
    return null;
  }
}

// ---- what each user does ----------------------------------------------------------------------------------

interface Planned {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Judges the answer: null when it is what the user expected, else the reason it is not. */
  check: (status: number, body: string) => string | null;
}

const pageCheck = (status: number, body: string) =>
  status === 200 ? (body.includes("</html>") ? null : "page cut short") : status >= 300 && status < 400 ? `HTTP ${status} (sent to sign in?)` : `HTTP ${status}`;
const jsonCheck = (status: number, body: string) => (status === 200 ? (body.startsWith("{") ? null : "not JSON") : `HTTP ${status}`);

interface Reference {
  /** Submitted submissions still to approve, shared by the analysts (each takes the next). */
  approvals: { agencyCode: string; componentCode: string }[];
  components: string[];
  indicators: string[];
  ministries: string[];
  agencies: string[];
}

/** One user's session: its connection's next request, and the form it is filling in. */
class UserSession {
  private step = 0;
  private form: FormState | null = null;
  private approval: { path: string; agency: string; component: string; form: { actionId: string; fields: [string, string][] } | null } | null = null;
  private saves = 0;
  private readonly random: () => number;

  constructor(
    readonly user: LoadUser,
    private readonly reference: Reference,
    private readonly origin: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }

  private get(kind: Kind, path: string, check = kind.startsWith("api") ? jsonCheck : pageCheck): Planned {
    return { kind, method: "GET", path, check };
  }

  /** A request got no answer: like a user reloading, the form is read again before the next save. */
  lost(): void {
    this.form = null;
    this.approval = null;
  }

  next(): Planned {
    const step = this.step++;
    if (this.user.agencyCode) return this.agencyStep(step % 8);
    // Analysts also review: the next submitted submission's page, then its approval.
    if (this.user.role === "analyst") return step % 9 >= 7 ? this.approvalStep(step % 9) : this.dgaStep(step % 9);
    return this.dgaStep(step % 7);
  }

  private approvalStep(step: number): Planned {
    if (step === 7) {
      const next = this.reference.approvals.shift();
      if (!next) return this.dgaStep(0);
      const path = `/submissions/${next.agencyCode}/${OPEN_PERIOD}/${next.componentCode}`;
      const approval = { path, agency: next.agencyCode, component: next.componentCode, form: null as { actionId: string; fields: [string, string][] } | null };
      this.approval = approval;
      return {
        kind: "page: review",
        method: "GET",
        path,
        check: (status, body) => {
          const problem = pageCheck(status, body);
          if (problem) return problem;
          approval.form = parseApproveForm(body);
          return approval.form ? null : "no approve button on the page";
        },
      };
    }
    const approval = this.approval;
    this.approval = null;
    if (!approval?.form) return this.dgaStep(1);
    const { body, contentType } = actionBody([...approval.form.fields, ["action", "approve"]]);
    return {
      kind: "action: approve",
      method: "POST",
      path: approval.path,
      headers: {
        "content-type": contentType,
        "next-action": approval.form.actionId,
        "next-router-state-tree": routerStateTree(approval.agency, OPEN_PERIOD, approval.component),
        accept: "text/x-component",
        origin: this.origin,
        referer: `${this.origin}${approval.path}`,
      },
      body,
      check: (status, text) => {
        if (status !== 200) return `HTTP ${status}`;
        const result = actionResult(text) as { status: string; error?: string; data?: { status?: string } } | null;
        return result?.status === "success" && result.data?.status === "approved" ? null : `action answered ${result?.error ?? result?.status ?? "nothing"}`;
      },
    };
  }

  /** An officer or head: the overview, their form (saved twice per round), their agency's pages. */
  private agencyStep(step: number): Planned {
    const agency = this.user.agencyCode!;
    const component = this.user.componentCode!;
    const formPath = `/submissions/${agency}/${OPEN_PERIOD}/${component}`;
    switch (step) {
      case 0:
        return this.get("page: overview", "/");
      case 1:
        return this.formPage(formPath);
      case 2:
      case 4:
        return this.form ? this.save(formPath, agency, component) : this.formPage(formPath);
      case 3:
        return this.get("api: agency", `/api/dashboard/agencies/${agency}?period=${OPEN_PERIOD}`);
      case 5:
        return this.get("page: agency", `/agencies/${agency}?period=${this.pick(VIEW_PERIODS)}`);
      case 6:
        return this.get("api: overview", `/api/dashboard/overview?period=${this.pick(VIEW_PERIODS)}`);
      default:
        return this.get("page: component", `/components/${component}?period=${OPEN_PERIOD}`);
    }
  }

  /** An executive or analyst: the overview with and without filters, components, agencies, provenance. */
  private dgaStep(step: number): Planned {
    const period = this.pick(VIEW_PERIODS);
    const filter = this.random() < 0.5 ? "" : `&ministry=${this.pick(this.reference.ministries)}${this.random() < 0.5 ? "&type=local_administration" : ""}`;
    switch (step) {
      case 0:
        return this.get("page: overview", `/?period=${period}${filter}`);
      case 1:
        return this.get("api: overview", `/api/dashboard/overview?period=${period}${filter}`);
      case 2:
        return this.get("page: component", `/components/${this.pick(this.reference.components)}?period=${period}`);
      case 3:
        return this.get("api: component", `/api/dashboard/components/${this.pick(this.reference.components)}?period=${period}`);
      case 4:
        return this.get("page: agency", `/agencies/${this.pick(this.reference.agencies)}?period=${period}`);
      case 5:
        return this.get("api: agency", `/api/dashboard/agencies/${this.pick(this.reference.agencies)}?period=${period}`);
      default:
        return this.get("api: provenance", `/api/dashboard/provenance?indicator=${this.pick(this.reference.indicators)}&period=${period}&limit=50`);
    }
  }

  private formPage(formPath: string): Planned {
    return {
      kind: "page: assessment form",
      method: "GET",
      path: formPath,
      check: (status, body) => {
        const problem = pageCheck(status, body);
        if (problem) return problem;
        this.form = parseForm(body);
        return this.form ? null : "no editable form on the page";
      },
    };
  }

  /** Saves the form with a new progress text: a real change, at the version of the last answer. */
  private save(formPath: string, agency: string, component: string): Planned {
    const form = this.form!;
    const progress = `ความก้าวหน้าไตรมาสนี้ (บันทึกครั้งที่ ${++this.saves} โดย ${this.user.email}): ดำเนินการตามแผนร้อยละ ${Math.round(this.random() * 100)}`;
    const { body, contentType } = saveBody(form, progress);
    return {
      kind: "action: save assessment",
      method: "POST",
      path: formPath,
      headers: {
        "content-type": contentType,
        "next-action": form.actionId,
        "next-router-state-tree": routerStateTree(agency, OPEN_PERIOD, component),
        accept: "text/x-component",
        origin: this.origin,
        referer: `${this.origin}${formPath}`,
      },
      body,
      check: (status, text) => {
        if (status !== 200) return `HTTP ${status}`;
        const result = actionResult(text);
        if (result?.status === "success" && result.data) {
          form.version = result.data.version;
          return null;
        }
        // Each user saves only their own agency's form, one request at a time: a stale version would be a bug.
        this.form = null;
        return result ? `action answered ${result.error ?? result.status}` : "no action result in the answer";
      },
    };
  }
}

/**
 * Users with a think time: each sends its next request once the last one answered and THINK_MS passed,
 * their starts spread over one pause. Runs until `stopped` says so.
 */
async function runThinkingUsers(sessions: UserSession[], origin: string, stopped: () => boolean, record: (kind: Kind, latency: number | null, problem: string | null) => void): Promise<void> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    sessions.map(async (session, i) => {
      await sleep((THINK_MS * i) / sessions.length);
      while (!stopped()) {
        const planned = session.next();
        const started = performance.now();
        try {
          const response = await fetch(`${origin}${planned.path}`, {
            method: planned.method,
            headers: { ...planned.headers, cookie: session.user.cookie! },
            body: planned.body ? new Uint8Array(planned.body) : undefined,
            redirect: "manual",
            signal: AbortSignal.timeout(TIMEOUT_SECONDS * 1000),
          });
          const body = await response.text();
          if (!stopped()) record(planned.kind, performance.now() - started, planned.check(response.status, body));
        } catch {
          if (!stopped()) record(planned.kind, null, "no answer (timeout or connection lost)");
          session.lost();
        }
        await sleep(THINK_MS);
      }
    }),
  );
}

/**
 * Submitted submissions for the analysts to approve during the load, prepared through the services in
 * this process (their refreshes done by the worker), of agencies that have no load user.
 */
async function prepareApprovals(db: Pool, onRelease: (release: () => Promise<void>) => void): Promise<{ agencyCode: string; componentCode: string }[]> {
  if (APPROVALS <= 0) return [];
  process.env.DATABASE_URL = databaseUrl(RUN_DATABASE);
  process.env.PGLITE_DIR = "";
  const [{ prepareSubmitted }, { closeDb }, { stopQueue }] = await Promise.all([import("./bench/write-run"), import("@/db/client"), import("@/lib/jobs/queue")]);
  onRelease(async () => {
    await stopQueue();
    await closeDb();
  });
  const periodId = (await db.query<{ id: number }>("select id from periods where code = $1", [OPEN_PERIOD])).rows[0]!.id;
  const { prepared } = await prepareSubmitted(db, periodId, APPROVALS, 0, 8);
  return prepared.map((p) => ({ agencyCode: p.agencyCode, componentCode: p.componentCode }));
}

// ---- the import ------------------------------------------------------------------------------------------

interface ImportRun {
  rows: number;
  fileBytes: number;
  previewSeconds: number;
  commitSeconds: number;
  inserted: number;
  startedAtSecond: number;
  error?: string;
}

/** Uploads the export to the preview route, then commits it with the preview's SHA-256, as the import screen does. */
async function runImport(origin: string, cookie: string, file: Buffer, rows: number, startedAtSecond: number): Promise<ImportRun> {
  const post = async (route: "preview" | "commit", extra: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(file)]), `emenscr-load-${rows}.xlsx`);
    form.set("period", OPEN_PERIOD);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    const started = performance.now();
    const response = await fetch(`${origin}/api/imports/${route}`, { method: "POST", headers: { cookie, origin }, body: form });
    const events = (await response.text())
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; summary?: { outcome: string; fileSha256: string; inserted: number; invalid: number }; error?: string });
    const last = events.at(-1);
    if (response.status !== 200 || last?.type !== "result") throw new Error(`${route}: HTTP ${response.status}, ${last?.error ?? last?.type ?? "no answer"}`);
    return { summary: last.summary!, seconds: (performance.now() - started) / 1000 };
  };
  const run: ImportRun = { rows, fileBytes: file.length, previewSeconds: 0, commitSeconds: 0, inserted: 0, startedAtSecond };
  try {
    const preview = await post("preview");
    run.previewSeconds = preview.seconds;
    if (preview.summary.outcome !== "preview" || preview.summary.invalid) throw new Error(`preview: ${preview.summary.outcome}, ${preview.summary.invalid} invalid rows`);
    const commit = await post("commit", { expectedSha256: preview.summary.fileSha256 });
    run.commitSeconds = commit.seconds;
    run.inserted = commit.summary.inserted;
    if (commit.summary.outcome !== "committed") throw new Error(`commit: ${commit.summary.outcome}`);
  } catch (error) {
    // fetch's own message is "fetch failed"; what failed is in its cause.
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    run.error = cause ? `${(error as Error).message} (${[cause.code, cause.message].filter(Boolean).join(": ")})` : (error as Error).message;
  }
  return run;
}

/** The synthetic export to import (seed 2570, the open quarter), generated once per row count and kept in bench-results/. */
async function importExport(rows: number): Promise<Buffer> {
  const file = path.join("bench-results", `emenscr-load-${rows}-seed2570-${OPEN_PERIOD}.xlsx`);
  if (existsSync(file)) {
    console.log(`Import file: ${file} (kept from an earlier run).`);
    return readFileSync(file);
  }
  const started = performance.now();
  const bytes = await generateSyntheticExport({ rows, format: "xlsx", seed: 2570, periodCode: OPEN_PERIOD });
  writeFileSync(file, bytes);
  console.log(`Import file: ${rows.toLocaleString("en")} rows, ${(bytes.length / 1048576).toFixed(1)} MB xlsx, generated in ${((performance.now() - started) / 1000).toFixed(1)} s into ${file}.`);
  return bytes;
}

// ---- measuring the server -----------------------------------------------------------------------------

/** Resident memory of the process and its descendants, in bytes, from /proc (Linux). */
function treeRss(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSafe("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop()!;
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* gone meanwhile */
    }
    queue.push(...(children.get(current) ?? []));
  }
  return total;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** CPU seconds the process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

// ---- the run ----------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, "-");
  mkdirSync("bench-results", { recursive: true });
  console.log(`Load test: ${USERS} users, ${SECONDS} s${RATE ? ` at ${RATE} requests/s each` : THINK_MS > 0 ? ` (each user pauses ${THINK_MS} ms after every answer)` : " (closed loop, no think time)"}, import of ${IMPORT_ROWS.toLocaleString("en")} rows; server ${redact(serverUrl().toString())}; ${os.cpus().length} cores.`);

  const prepared = await prepareNationalDataset(databaseUrl(DATASET_DATABASE));
  let started = performance.now();
  await copyDataset();
  console.log(`Copied ${DATASET_DATABASE} to ${RUN_DATABASE} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  const db = new Pool({ connectionString: databaseUrl(RUN_DATABASE), max: 2 });
  const servers: AppServer[] = [];
  let proxy: RoundRobinProxy | null = null;
  let monitor: Client | null = null;
  const worker = startWorkerProcess(databaseUrl(RUN_DATABASE), path.join("bench-results", `load-worker-${stamp}.log`));
  let releaseServices = async () => {};
  try {
    const users = await createUsers(db, USERS);
    const approvals = await prepareApprovals(db, (release) => (releaseServices = release));
    const reference: Reference = {
      approvals,
      components: (await db.query<{ code: string }>(`select code from components order by ordinal`)).rows.map((r) => r.code),
      indicators: (await db.query<{ code: string }>(`select code from indicators where active order by code`)).rows.map((r) => r.code),
      ministries: (await db.query<{ code: string }>(`select code from agencies where type = 'ministry' order by code`)).rows.map((r) => r.code),
      agencies: (await db.query<{ code: string }>(`select code from agencies where code like 'D%' or code like 'L%' order by code`)).rows.map((r) => r.code),
    };
    const [dataset] = (
      await db.query<{ agencies: number; facts: number; projects: number }>(
        `select (select count(*) from agencies)::int agencies, (select count(*) from indicator_facts)::int facts, (select count(*) from emenscr_projects)::int projects`,
      )
    ).rows;
    console.log(`Dataset: ${dataset!.agencies.toLocaleString("en")} agencies, ${dataset!.facts.toLocaleString("en")} facts, ${dataset!.projects.toLocaleString("en")} eMENSCR projects.`);
    const roles = Object.entries(users.reduce<Record<string, number>>((n, u) => ({ ...n, [u.role]: (n[u.role] ?? 0) + 1 }), {}));
    console.log(`Users: ${roles.map(([role, n]) => `${n} ${role}`).join(", ")}.`);

    const importFile = await importExport(IMPORT_ROWS);

    ensureProductionBuild(BUILD);
    const serverLog = path.join("bench-results", `load-server-${stamp}.log`);
    const logStream = createWriteStream(serverLog);
    const publicOrigin = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < INSTANCES; i++) {
      const nodeArgs = process.env.BENCH_LOAD_CPU_PROFILE === "1" ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench-results")}`, `--cpu-prof-name=load-server-${stamp}-${i + 1}.cpuprofile`] : [];
      // Jobs run in the worker process; every instance signs sessions for the address the users see.
      const env = { JOB_WORKERS: "off", NEXTAUTH_URL: publicOrigin };
      servers.push(await startAppServer({ port: INSTANCES > 1 ? PORT + 1 + i : PORT, databaseUrl: databaseUrl(RUN_DATABASE), output: logStream, nodeArgs, env }));
    }
    if (INSTANCES > 1) proxy = await startRoundRobinProxy(PORT, servers.map((s) => s.origin));
    const server = { origin: publicOrigin };
    const pids = servers.map((s) => s.process.pid!);
    console.log(
      `Servers: ${INSTANCES} × next start (pids ${pids.join(", ")}; ports ${servers.map((s) => new URL(s.origin).port).join(", ")}${proxy ? `, behind a round-robin proxy on ${PORT}` : ""}; pool of ${process.env.DATABASE_POOL_MAX ?? "10 (default)"} connections, ${process.env.MAX_CONCURRENT_REQUESTS ?? "16 (default)"} requests at once each; jobs in one npm run worker); their output in ${serverLog}.`,
    );

    // Peak memory of each instance and database connections, sampled throughout.
    const instanceRss = () => pids.map((pid) => treeRss(pid));
    let peakRssPerInstance = instanceRss();
    let peakConnections = 0;
    let peakAllConnections = 0;
    // CPU of the database's backends serving this run (a local server: read from /proc), from the load's start.
    const databaseCpu = new Map<number, { base: number; last: number }>();
    let measuringDatabase = false;
    monitor = new Client({ connectionString: databaseUrl("postgres") });
    await monitor.connect();
    const maxConnections = Number((await monitor.query<{ max_connections: string }>("show max_connections")).rows[0]!.max_connections);
    const sampleRss = setInterval(() => (peakRssPerInstance = instanceRss().map((rss, i) => Math.max(rss, peakRssPerInstance[i]!))), 250);
    let sampling = false;
    const sampleConnections = setInterval(async () => {
      if (sampling || !monitor) return;
      sampling = true;
      try {
        const { rows } = await monitor.query<{ ours: number; total: number; pids: number[] }>(
          `select count(*) filter (where datname = $1)::int ours, count(*)::int total, array_agg(pid) filter (where datname = $1) pids
           from pg_stat_activity where backend_type = 'client backend'`,
          [RUN_DATABASE],
        );
        peakConnections = Math.max(peakConnections, rows[0]!.ours);
        peakAllConnections = Math.max(peakAllConnections, rows[0]!.total);
        for (const backend of rows[0]!.pids ?? []) {
          const used = cpuSeconds(backend);
          if (Number.isNaN(used)) continue;
          const known = databaseCpu.get(backend);
          if (known) known.last = used;
          else databaseCpu.set(backend, { base: measuringDatabase ? 0 : used, last: used });
        }
      } catch {
        /* the next sample will do */
      } finally {
        sampling = false;
      }
    }, 1000);

    try {
      // Sign-ins, a few at a time, timed: each is one bcrypt comparison on the server.
      started = performance.now();
      const signInTimes: number[] = [];
      let nextUser = 0;
      await Promise.all(
        Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
          while (nextUser < users.length) {
            const user = users[nextUser++]!;
            const t0 = performance.now();
            user.cookie = await signIn(server!.origin, user.email, PASSWORD);
            signInTimes.push(performance.now() - t0);
          }
        }),
      );
      const signInSeconds = (performance.now() - started) / 1000;
      console.log(
        `Signed in ${users.length} users in ${signInSeconds.toFixed(1)} s (${SIGN_IN_CONCURRENCY} at a time; p50 ${percentile(signInTimes, 50).toFixed(0)} ms, p95 ${percentile(signInTimes, 95).toFixed(0)} ms).`,
      );

      // Warm-up: every kind of page and route once, so that loading the server's code is not measured.
      const warm = [new UserSession(users[0]!, reference, server.origin, 1), new UserSession(users.at(-1)!, reference, server.origin, 2)];
      for (const session of warm) {
        for (let i = 0; i < 8; i++) {
          const planned = session.next();
          const response = await fetch(`${server.origin}${planned.path}`, {
            method: planned.method,
            headers: { ...planned.headers, cookie: session.user.cookie! },
            body: planned.body ? new Uint8Array(planned.body) : undefined,
            redirect: "manual",
          });
          const problem = planned.check(response.status, await response.text());
          if (problem) throw new Error(`warm-up ${planned.kind} ${planned.path}: ${problem}`);
        }
      }
      const rssBeforeLoadPerInstance = instanceRss();
      peakRssPerInstance = [...rssBeforeLoadPerInstance];

      // The load.
      const stats = new Map<Kind, KindStats>();
      const record = (kind: Kind, latency: number | null, problem: string | null) => {
        const entry: KindStats = stats.get(kind) ?? { latencies: [], errors: new Map() };
        stats.set(kind, entry);
        if (latency !== null) entry.latencies.push(latency);
        if (problem) entry.errors.set(problem, (entry.errors.get(problem) ?? 0) + 1);
      };
      let timeouts = 0;
      let socketErrors = 0;
      let nextConnection = 0;
      const sessions: UserSession[] = users.map((user, i) => new UserSession(user, reference, server!.origin, 1000 + i));
      const serverCpu = () => pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
      const cpuBefore = serverCpu();
      for (const backend of databaseCpu.values()) backend.base = backend.last;
      measuringDatabase = true;
      const loadStarted = performance.now();
      let stopping = false;

      let resolveFinished: (result: autocannon.Result) => void = () => {};
      let rejectFinished: (error: unknown) => void = () => {};
      const finished = new Promise<autocannon.Result>((resolve, reject) => {
        resolveFinished = resolve;
        rejectFinished = reject;
      });
      // With a think time, plain fetch loops (autocannon paces by rate, not by a pause after each answer).
      const thinking = THINK_MS > 0 ? runThinkingUsers(sessions, server.origin, () => stopping, record) : null;
      const instance = thinking ? null : autocannon({
        url: server.origin,
        connections: users.length,
        // Stopped below once the duration has passed and the import is committed; this only bounds it.
        duration: SECONDS + 900,
        timeout: TIMEOUT_SECONDS,
        connectionRate: RATE,
        // Placeholder until setupClient gives the connection its user's requests.
        requests: [{ method: "GET", path: "/api/health" }],
        setupClient: (client) => {
          const session = sessions[nextConnection++]!;
          let inflight: { planned: Planned; verdict?: string | null } | null = null;
          client.setRequests([
            {
              setupRequest: (request) => {
                // A request still in flight when the next is built got no answer: timed out or its connection failed.
                if (inflight && !stopping) {
                  record(inflight.planned.kind, null, "no answer (timeout or connection lost)");
                  session.lost();
                }
                const planned = session.next();
                inflight = { planned };
                return {
                  ...request,
                  method: planned.method,
                  path: planned.path,
                  headers: { ...planned.headers, cookie: session.user.cookie! },
                  body: planned.body ?? Buffer.alloc(0),
                };
              },
              onResponse: (status, body) => {
                if (inflight) inflight.verdict = inflight.planned.check(status, body);
              },
            },
          ]);
          // A connection's own 'response' event: (status, bytes, milliseconds from write to the last byte).
          client.on("response", (_status: number, _bytes: number, latency: number) => {
            if (!inflight || stopping) return;
            record(inflight.planned.kind, latency, inflight.verdict ?? null);
            inflight = null;
          });
          // autocannon reconnects after a timeout or a connection error but keeps its HTTP parser in the
          // middle of the lost answer, which then garbles the next one: start the parser afresh.
          const parser = (client as unknown as { parser: { initialize: (type: "RESPONSE") => void } }).parser;
          (client as NodeJS.EventEmitter).on("timeout", () => {
            timeouts++;
            parser.initialize("RESPONSE");
          });
          (client as NodeJS.EventEmitter).on("connError", () => {
            socketErrors++;
            parser.initialize("RESPONSE");
          });
        },
      }, (error, result) => (error ? rejectFinished(error) : resolveFinished(result)));

      let importRun: ImportRun | null = null;
      const analyst = users.find((u) => u.role === "analyst")!;
      const importDone = new Promise<void>((resolve) =>
        setTimeout(async () => {
          const at = (performance.now() - loadStarted) / 1000;
          console.log(`  ${at.toFixed(0)} s: ${analyst.email} uploads the eMENSCR export (${IMPORT_ROWS.toLocaleString("en")} rows) …`);
          importRun = await runImport(server!.origin, analyst.cookie!, importFile, IMPORT_ROWS, at);
          console.log(`  ${((performance.now() - loadStarted) / 1000).toFixed(0)} s: import ${importRun.error ? `FAILED: ${importRun.error}` : `committed (preview ${importRun.previewSeconds.toFixed(1)} s, commit ${importRun.commitSeconds.toFixed(1)} s)`}.`);
          resolve();
        }, IMPORT_DELAY_SECONDS * 1000),
      );
      const progress = setInterval(() => {
        const done = [...stats.values()].reduce((n, s) => n + s.latencies.length, 0);
        const failed = [...stats.values()].reduce((n, s) => n + [...s.errors.values()].reduce((a, b) => a + b, 0), 0);
        console.log(`  ${((performance.now() - loadStarted) / 1000).toFixed(0)} s: ${done} answers, ${failed} failed, server RSS ${instanceRss().map((rss) => (rss / 1048576).toFixed(0)).join(" + ")} MB`);
      }, 10_000);
      await Promise.all([new Promise((r) => setTimeout(r, SECONDS * 1000)), importDone]);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const cpuUsed = serverCpu() - cpuBefore;
      const databaseCpuUsed = [...databaseCpu.values()].reduce((n, b) => n + b.last - b.base, 0);
      stopping = true;
      instance?.stop();
      await (instance ? finished : thinking);
      clearInterval(progress);
      clearInterval(sampleRss);
      clearInterval(sampleConnections);

      // The figures.
      const rows = [...stats.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, s]) => {
          const errors = [...s.errors.values()].reduce((a, b) => a + b, 0);
          const answered = s.latencies.length;
          return {
            kind,
            count: answered + (s.errors.get("no answer (timeout or connection lost)") ?? 0),
            errors,
            errorReasons: Object.fromEntries(s.errors),
            p50: percentile(s.latencies, 50),
            p95: percentile(s.latencies, 95),
            p99: percentile(s.latencies, 99),
            perSecond: answered / loadSeconds,
          };
        });
      const all = [...stats.values()].flatMap((s) => s.latencies);
      const totalErrors = rows.reduce((n, r) => n + r.errors, 0);
      const finishedImport = importRun as ImportRun | null;
      const serverLogText = readFileSync(serverLog, "utf8");
      const serverErrors = serverLogText.split("\n").filter((line) => /"level":"error"|⨯|Error:/.test(line));

      const ms = (v: number) => (Number.isNaN(v) ? "–" : v.toFixed(0));
      console.log(`\nLoad: ${users.length} users for ${loadSeconds.toFixed(0)} s on ${os.cpus().length} cores; request timeout ${TIMEOUT_SECONDS} s.\n`);
      console.log(`${"request".padEnd(26)}${"count".padStart(8)}${"errors".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}${"req/s".padStart(8)}`);
      for (const r of rows) {
        console.log(`${r.kind.padEnd(26)}${String(r.count).padStart(8)}${String(r.errors).padStart(8)}${ms(r.p50).padStart(9)}${ms(r.p95).padStart(9)}${ms(r.p99).padStart(9)}${r.perSecond.toFixed(1).padStart(8)}`);
      }
      console.log(
        `${"all".padEnd(26)}${String(all.length).padStart(8)}${String(totalErrors).padStart(8)}${ms(percentile(all, 50)).padStart(9)}${ms(percentile(all, 95)).padStart(9)}${ms(percentile(all, 99)).padStart(9)}${(all.length / loadSeconds).toFixed(1).padStart(8)}`,
      );
      for (const r of rows.filter((r) => r.errors)) console.log(`  ${r.kind}: ${Object.entries(r.errorReasons).map(([reason, n]) => `${n}× ${reason}`).join(", ")}`);
      if (finishedImport) {
        console.log(
          `\nImport under load (${finishedImport.rows.toLocaleString("en")} rows, ${(finishedImport.fileBytes / 1048576).toFixed(1)} MB, from second ${finishedImport.startedAtSecond.toFixed(0)}): ` +
            (finishedImport.error ? `FAILED — ${finishedImport.error}` : `preview ${finishedImport.previewSeconds.toFixed(1)} s, commit ${finishedImport.commitSeconds.toFixed(1)} s (${finishedImport.inserted.toLocaleString("en")} rows inserted).`),
        );
      }
      console.log(
        `Server: peak RSS per instance ${peakRssPerInstance.map((rss) => (rss / 1048576).toFixed(0)).join(", ")} MB (${rssBeforeLoadPerInstance.map((rss) => (rss / 1048576).toFixed(0)).join(", ")} MB before the load); CPU ${cpuUsed.toFixed(0)} s in ${loadSeconds.toFixed(0)} s (${(cpuUsed / loadSeconds).toFixed(2)} cores). ` +
          `Sockets: ${timeouts} timeouts, ${socketErrors} connection errors. Errors in the server log: ${serverErrors.length}.`,
      );
      console.log(
        `PostgreSQL: peak ${peakConnections} connections to ${RUN_DATABASE}, ${peakAllConnections} in all, of max_connections ${maxConnections}; ` +
          `its backends used ${databaseCpuUsed.toFixed(0)} s of CPU (${(databaseCpuUsed / loadSeconds).toFixed(2)} cores). Load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}.`,
      );
      for (const line of serverErrors.slice(0, 5)) console.log(`  server: ${line.slice(0, 300)}`);

      const result = {
        startedAt: startedAt.toISOString(),
        machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1073741824), loadAverage: os.loadavg() },
        config: { users: users.length, seconds: SECONDS, instances: INSTANCES, thinkMs: THINK_MS, approvalsPrepared: APPROVALS, rate: RATE ?? null, timeoutSeconds: TIMEOUT_SECONDS, importRows: IMPORT_ROWS, poolMax: process.env.DATABASE_POOL_MAX ?? null, maxConcurrentRequests: process.env.MAX_CONCURRENT_REQUESTS ?? null },
        dataset: { ...dataset!, reused: prepared.reused },
        users: Object.fromEntries(roles),
        signIn: { seconds: signInSeconds, concurrency: SIGN_IN_CONCURRENCY, p50: percentile(signInTimes, 50), p95: percentile(signInTimes, 95) },
        loadSeconds,
        requests: rows,
        total: { count: all.length, errors: totalErrors, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), perSecond: all.length / loadSeconds },
        import: finishedImport,
        server: {
          instances: INSTANCES,
          proxyCounts: proxy?.counts ?? null,
          peakRssMb: Math.max(...peakRssPerInstance) / 1048576,
          peakRssMbPerInstance: peakRssPerInstance.map((rss) => rss / 1048576),
          rssBeforeLoadMb: Math.max(...rssBeforeLoadPerInstance) / 1048576,
          cpuSeconds: cpuUsed,
          timeouts,
          socketErrors,
          loggedErrors: serverErrors.length,
        },
        database: { peakConnections, peakAllConnections, maxConnections, cpuSeconds: databaseCpuUsed },
      };
      const file = path.join("bench-results", `load-${stamp}.json`);
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\nWrote ${file}.`);
      writeReadmeBlock(THINK_MS > 0 ? "load-think" : "load", renderReadme(result));
      const failed = totalErrors > 0 || Boolean(finishedImport?.error) || !finishedImport || serverErrors.length > 0;
      if (failed) console.log("✖ The load test had errors.");
      process.exitCode = failed ? 1 : 0;
    } finally {
      clearInterval(sampleRss);
      clearInterval(sampleConnections);
    }
  } finally {
    await proxy?.stop();
    for (const server of servers) await server.stop();
    await stopWorkerProcess(worker);
    await releaseServices();
    await monitor?.end();
    await db.end();
    if (process.env.BENCH_LOAD_KEEP !== "1") await dropCopy();
  }
}

/** The figures for README.md (between the bench:load markers). */
function renderReadme(r: {
  startedAt: string;
  machine: { cores: number; cpu?: string; loadAverage: number[] };
  config: { users: number; timeoutSeconds: number; rate: number | null; importRows: number; thinkMs: number };
  dataset: { agencies: number; facts: number; projects: number };
  users: Record<string, number>;
  signIn: { seconds: number; concurrency: number; p50: number; p95: number };
  loadSeconds: number;
  requests: { kind: string; count: number; errors: number; p50: number; p95: number; p99: number; perSecond: number }[];
  total: { count: number; errors: number; p50: number; p95: number; p99: number; perSecond: number };
  import: ImportRun | null;
  server: { instances: number; peakRssMbPerInstance: number[]; rssBeforeLoadMb: number; cpuSeconds: number; loggedErrors: number };
  database: { peakConnections: number; maxConnections: number; cpuSeconds: number };
}): string {
  const n = (v: number) => Math.round(v).toLocaleString("en");
  const row = (kind: string, x: { count: number; errors: number; p50: number; p95: number; p99: number; perSecond: number }) =>
    `| ${kind} | ${n(x.count)} | ${x.errors} | ${n(x.p50)} | ${n(x.p95)} | ${n(x.p99)} | ${x.perSecond.toFixed(1)} |`;
  const imp = r.import;
  return [
    `Run of ${r.startedAt.slice(0, 16).replace("T", " ")} UTC: ${r.config.users} users (${Object.entries(r.users).map(([role, count]) => `${count} ${role.replace("_", " ")}s`).join(", ")}) for ${r.loadSeconds.toFixed(0)} s, ` +
      `${r.config.thinkMs ? `each user pausing ${r.config.thinkMs / 1000} s after every answer` : r.config.rate ? `${r.config.rate} requests/s each` : "closed loop (each user sends the next request as soon as the last one answered: no think time)"}, request timeout ${r.config.timeoutSeconds} s. ` +
      `${r.machine.cores} cores (${r.machine.cpu ?? "unknown CPU"}) running the server, PostgreSQL 15 and the load generator (load average ${r.machine.loadAverage.map((v) => v.toFixed(1)).join(" ")} at the end, this run's own processes included). ` +
      `Dataset: ${n(r.dataset.agencies)} agencies, ${n(r.dataset.facts)} facts, ${n(r.dataset.projects)} eMENSCR projects.`,
    "",
    "| request | count | errors | p50 ms | p95 ms | p99 ms | req/s |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...r.requests.map((x) => row(x.kind, x)),
    row("**all**", r.total),
    "",
    imp
      ? `eMENSCR import during the load (${n(imp.rows)} rows, ${(imp.fileBytes / 1048576).toFixed(1)} MB xlsx, from second ${imp.startedAtSecond.toFixed(0)}): ` +
        (imp.error ? `**failed**: ${imp.error}.` : `preview ${imp.previewSeconds.toFixed(1)} s, commit ${imp.commitSeconds.toFixed(1)} s (${n(imp.inserted)} rows inserted).`)
      : "No import ran.",
    `Servers: ${r.server.instances} instance${r.server.instances > 1 ? "s behind a loopback round-robin proxy" : ""}, jobs in one \`npm run worker\`; peak RSS per instance ${r.server.peakRssMbPerInstance.map(n).join(", ")} MB (at most ${n(r.server.rssBeforeLoadMb)} MB before the load), ${(r.server.cpuSeconds / r.loadSeconds).toFixed(2)} cores of CPU on average together, ${r.server.loggedErrors} errors logged. ` +
      `PostgreSQL: at most ${r.database.peakConnections} connections of ${r.database.maxConnections}, its backends ${(r.database.cpuSeconds / r.loadSeconds).toFixed(2)} cores. ` +
      `Signing the ${r.config.users} users in before the load took ${r.signIn.seconds.toFixed(0)} s (${r.signIn.concurrency} at a time; p50 ${n(r.signIn.p50)} ms, p95 ${n(r.signIn.p95)} ms).`,
  ].join("\n");
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

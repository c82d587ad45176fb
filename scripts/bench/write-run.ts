// The measured part of the write-path benchmark (scripts/bench-write.ts), imported once DATABASE_URL names
// the run's copy: prepares submitted submissions through the services, then times approvals and an import
// and how long their figures take to reach the dashboard tables.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Pool } from "pg";
import { closeDb, getDb } from "@/db/client";
import { listTemplateItems, toFormItem } from "@/db/queries/assessment-items";
import { implausibility, type FormItem } from "@/core/assessments/form-schema";
import { SYSTEM_ACTOR, type Actor } from "@/core/auth/actor";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { commitImport } from "@/lib/emenscr/import-service";
import { markQueueActive, stopQueue } from "@/lib/jobs/queue";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { inParallel, waitUntil, type Timed } from "./write-support";

export interface PreparedSubmission {
  submissionId: number;
  version: number;
  agencyId: number;
  agencyCode: string;
  componentCode: string;
}

interface Options {
  monitor: Pool;
  openPeriod: string;
  single: number;
  burst: number;
  reviewers: number;
  importRows: number;
  prepareConcurrency: number;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(1)));

/** A complete answer for each item, as an agency would type it. */
function completeFields(items: FormItem[]): Record<string, string> {
  const fields: Record<string, string> = { progress: "ดำเนินการตามแผน (bench:write)" };
  for (const item of items) {
    // Inside the item's plausible range, so that no value is held for a reason.
    const plausible = (v: number) => String(Math.min(Math.max(v, item.plausibleMin ?? -Infinity), item.plausibleMax ?? Infinity));
    const value = { number: plausible(item.target ?? item.plausibleMin ?? 1), percent: plausible(80), level: "3", boolean: "yes", text: "ทดสอบ" }[item.answerType];
    fields[`value.${item.id}`] = value;
    // A value the form would hold (a jump from last quarter, say) carries its reason, as a head would write it.
    if (implausibility(item, Number(value))) fields[`reason.${item.id}`] = "ค่าจริงของไตรมาสนี้ (bench:write)";
  }
  return fields;
}

/** One head per agency (one component each, with a template holding an indicator) and the reviewers. */
async function createActors(monitor: Pool, periodId: number, agencies: number, reviewers: number) {
  // What is measured is DGA's approval: no ministry or provincial reviewer holds these forms first (a level
  // applies only while an active reviewer exists for it), so the demo reviewers are set aside in this copy.
  await monitor.query("update users set active = false where role in ('ministry_reviewer', 'province_reviewer')");
  // Agencies without users of their own: the load test's officers keep their forms to themselves.
  const picked = await monitor.query<{ agency_id: number; code: string; component_id: number; component_code: string; template_id: number }>(
    `select distinct on (a.id) a.id as agency_id, a.code, ac.component_id, c.code as component_code, t.id as template_id
     from agencies a join agency_components ac on ac.agency_id = a.id join components c on c.id = ac.component_id
     join assessment_templates t on t.component_id = ac.component_id and t.active
     where a.active and a.type <> 'ministry' and not exists (select 1 from users u where u.agency_id = a.id)
       and exists (select 1 from assessment_items i where i.template_id = t.id and i.indicator_id is not null)
       and not exists (select 1 from submissions s where s.agency_id = a.id and s.period_id = $1 and s.component_id = ac.component_id)
     order by a.id, ac.component_id limit $2`,
    [periodId, agencies],
  );
  const heads = await monitor.query<{ id: number; email: string; agency_id: number; code: string; component_id: number; component_code: string; template_id: number }>(
    `with picked as (select * from jsonb_to_recordset($1::jsonb) as p(agency_id int, code text, component_id int, component_code text, template_id int)),
     inserted as (
       insert into users (email, name, role, agency_id, locale)
       select 'write-head-' || lower(p.code) || '@lamnam.bench', 'หัวหน้าทดสอบ ' || p.code, 'agency_head', p.agency_id, 'th' from picked p
       returning id, email, agency_id)
     select i.id, i.email, i.agency_id, p.code, p.component_id, p.component_code, p.template_id from inserted i join picked p on p.agency_id = i.agency_id`,
    [JSON.stringify(picked.rows)],
  );
  if (heads.rows.length < agencies) throw new Error(`only ${heads.rows.length} agencies can submit in the open quarter, ${agencies} needed`);
  const analysts = await monitor.query<{ id: number; email: string }>(
    `insert into users (email, name, role, locale) select 'write-analyst-' || g || '@lamnam.bench', 'ผู้ตรวจทดสอบ ' || g, 'analyst', 'th' from generate_series(1, $1::int) g returning id, email`,
    [reviewers],
  );
  const actor = (id: number, email: string, role: Actor["role"], agencyId: number | null, agencyCode: string | null): Actor => ({ id, email, name: email, role, agencyId, agencyCode, locale: "th" });
  return {
    heads: heads.rows.map((h) => ({ actor: actor(h.id, h.email, "agency_head", h.agency_id, h.code), componentId: h.component_id, componentCode: h.component_code, templateId: h.template_id })),
    reviewers: analysts.rows.map((a) => actor(a.id, a.email, "analyst", null, null)),
  };
}

/** The derived-refresh queue has nothing waiting or running. */
async function queueDrained(monitor: Pool): Promise<boolean> {
  const { rows } = await monitor.query<{ n: string }>(
    `select (select count(*) from derived_changes) + (select count(*) from pgboss.job where name = 'derived-refresh' and state in ('created', 'retry', 'active')) as n`,
  );
  return Number(rows[0]!.n) === 0;
}

/**
 * How many of the approvals have reached the dashboard: the agency's rows in dashboard_agency_figures for the
 * period rewritten by a transaction after the approval's own (transaction ids grow). Which fact a figure
 * then shows is the rollup's rule (the latest recorded): the national dataset's open quarter already holds
 * facts recorded later than today, so the figure's value need not change.
 */
async function reflected(monitor: Pool, periodId: number, approvals: Approved[]): Promise<number> {
  const { rows } = await monitor.query<{ n: string }>(
    `select count(*) as n from unnest($2::int[], $3::bigint[]) as a(agency_id, xid)
     where exists (select 1 from dashboard_agency_figures g where g.period_id = $1 and g.agency_id = a.agency_id and g.xmin::text::bigint > a.xid)`,
    [periodId, approvals.map((a) => a.agencyId), approvals.map((a) => a.xid)],
  );
  return Number(rows[0]!.n);
}

interface Approved {
  agencyId: number;
  /** The approval's transaction id (the submission row's xmin). */
  xid: string;
}

async function approvedXids(monitor: Pool, submissions: PreparedSubmission[]): Promise<Approved[]> {
  const { rows } = await monitor.query<{ agency_id: number; xid: string }>("select agency_id, xmin::text as xid from submissions where id = any($1::int[]) and status = 'approved'", [
    submissions.map((s) => s.submissionId),
  ]);
  if (rows.length !== submissions.length) throw new Error(`${submissions.length - rows.length} submissions not approved`);
  return rows.map((r) => ({ agencyId: r.agency_id, xid: r.xid }));
}

async function approve(reviewer: Actor, s: PreparedSubmission): Promise<number> {
  const started = performance.now();
  await transitionSubmission(reviewer, { submissionId: s.submissionId, action: "approve", version: s.version });
  return performance.now() - started;
}

/**
 * Submitted submissions of `count` agencies in the period, as the agencies would leave them (through the
 * services; each submit queues its derived refresh, for a worker to do), and `reviewers` analysts; returns
 * once the derived queue has drained. Marks this process's queue active.
 */
export async function prepareSubmitted(monitor: Pool, periodId: number, count: number, reviewerCount: number, concurrency: number) {
  const { heads, reviewers } = await createActors(monitor, periodId, count, reviewerCount);
  markQueueActive();
  const started = performance.now();
  const prepared: PreparedSubmission[] = [];
  await inParallel(heads, concurrency, async (h) => {
    const items = (await listTemplateItems(getDb(), h.templateId, periodId, h.actor.agencyId!)).map(toFormItem);
    const saved = await saveSubmission(h.actor, { agencyId: h.actor.agencyId!, periodId, componentId: h.componentId, version: 0, fields: completeFields(items), intent: "endorse" });
    const submitted = await transitionSubmission(h.actor, { submissionId: saved.submissionId, action: "submit", version: saved.version });
    prepared.push({ submissionId: submitted.id, version: submitted.version, agencyId: h.actor.agencyId!, agencyCode: h.actor.agencyCode!, componentCode: h.componentCode });
  });
  const preparedSeconds = seconds(performance.now() - started);
  console.log(`Prepared ${prepared.length} submitted submissions in ${preparedSeconds} s; waiting for the queue to drain …`);
  const drainSeconds = seconds(await waitUntil(() => queueDrained(monitor), "derived queue drained after preparing", 1_800_000, 500));
  console.log(`Queue drained in ${drainSeconds} s.`);
  return { prepared, reviewers, preparedSeconds, drainSeconds };
}

export async function runWriteBench(o: Options) {
  const { monitor } = o;
  const loadAverages: number[][] = [];
  const periodId = (await monitor.query<{ id: number }>("select id from periods where code = $1", [o.openPeriod])).rows[0]?.id;
  if (!periodId) throw new Error(`no period ${o.openPeriod}`);
  try {
    const { prepared, reviewers, preparedSeconds, drainSeconds } = await prepareSubmitted(monitor, periodId, o.single + o.burst, o.reviewers, o.prepareConcurrency);
    loadAverages.push(loadAverage());

    // (a) one approval after another.
    const single = { approvals: [] as Timed[], figures: [] as Timed[] };
    for (const s of prepared.slice(0, o.single)) {
      single.approvals.push({ ms: await approve(reviewers[0]!, s) });
      const returned = performance.now();
      const approved = await approvedXids(monitor, [s]);
      await waitUntil(async () => (await reflected(monitor, periodId, approved)) === 1, "an approval's figures", 120_000);
      single.figures.push({ ms: performance.now() - returned });
    }
    console.log(`(a) ${o.single} single approvals done.`);
    loadAverages.push(loadAverage());

    // (b) the burst: each reviewer approves its share one after another, all reviewers at once.
    const burst = prepared.slice(o.single);
    const burstCalls: Timed[] = [];
    const started = performance.now();
    await Promise.all(
      reviewers.map(async (reviewer, r) => {
        for (let i = r; i < burst.length; i += reviewers.length) burstCalls.push({ ms: await approve(reviewer, burst[i]!) });
      }),
    );
    const approvalsMs = performance.now() - started;
    const approved = await approvedXids(monitor, burst);
    await waitUntil(async () => (await reflected(monitor, periodId, approved)) === burst.length, "the burst's figures", 900_000, 250);
    const reflectedMs = performance.now() - started;
    console.log(`(b) ${burst.length} approvals reflected in ${seconds(reflectedMs)} s.`);
    loadAverages.push(loadAverage());

    const imported = o.importRows > 0 ? await timeImport(monitor, periodId, o) : null;
    if (imported) loadAverages.push(loadAverage());
    return {
      prepared: { count: prepared.length, seconds: preparedSeconds, drainSeconds },
      single,
      burst: { count: burst.length, reviewers: reviewers.length, approvals: burstCalls, approvalsSeconds: seconds(approvalsMs), reflectedSeconds: seconds(reflectedMs) },
      import: imported,
      loadAverages,
    };
  } finally {
    await stopQueue();
    await closeDb();
  }
}

/** (c) an eMENSCR import through the service: up to its commit, then until the period's refresh commits. */
async function timeImport(monitor: Pool, periodId: number, o: Options) {
  // The same file bench:load imports, kept in bench-results/ once generated.
  const file = path.join("bench-results", `emenscr-load-${o.importRows}-seed2570-${o.openPeriod}.xlsx`);
  const bytes = existsSync(file) ? readFileSync(file) : await generateSyntheticExport({ rows: o.importRows, format: "xlsx", seed: 2570, periodCode: o.openPeriod });
  if (!existsSync(file)) writeFileSync(file, bytes);
  const versionOf = async () => (await monitor.query<{ v: string | null }>("select version || ':' || changed_at as v from derived_versions where period_id = $1", [periodId])).rows[0]?.v ?? null;
  const before = await versionOf();
  const timings: Record<string, number> = {};
  const started = performance.now();
  const summary = await commitImport(SYSTEM_ACTOR, { fileName: "bench-write.xlsx", bytes, periodCode: o.openPeriod, timings });
  const callMs = performance.now() - started;
  if (summary.outcome !== "committed") throw new Error(`the import did not commit: ${summary.outcome}`);
  const refreshedMs = await waitUntil(
    async () => (await versionOf()) !== before && (await monitor.query("select 1 from derived_changes where period_id = $1", [periodId])).rowCount === 0,
    "the import's dashboard refresh",
    1_800_000,
    250,
  );
  console.log(`(c) import of ${o.importRows} rows committed; its refresh followed after ${seconds(refreshedMs)} s.`);
  return { rows: o.importRows, inserted: summary.inserted, callSeconds: seconds(callMs), committedSeconds: seconds(callMs - (timings.after ?? 0)), refreshedSeconds: seconds(refreshedMs), phasesMs: timings };
}

import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { countOpenFlagsBy, describeWorklistAgencies, scoreWorklist, type ScoredAgency, type WorklistGroup, type WorklistOptions } from "@/db/queries/worklist";
import type { Actor } from "@/core/auth/actor";
import type { Severity } from "@/core/flags/rules";
import { getPriorityWeights } from "./priority-weights";
import { refreshFlagSummaries } from "./summaries";

// The worklist as a page reads it: agencies scored and paged, or rolled up by ministry, province,
// component or rule (each roll-up row the sum of its agencies' scores; a component's or rule's share of an
// agency's score is its share of the agency's open flags).

export interface RollupRow {
  key: string;
  score: number;
  agencies: number;
  openFlags: number;
  /** Worst open severity among the agencies (ministry and province roll-ups; null for component and rule). */
  worst: Severity | null;
}

/** Summaries of quarters evaluated before the worklist existed are built once, on first read. */
async function ensureSummaries(periodId: number): Promise<void> {
  const db = getDb();
  const missing = await db.execute<{ missing: boolean }>(sql`select exists (select 1 from flags where period_id = ${periodId})
    and not exists (select 1 from agency_flag_summaries where period_id = ${periodId}) as missing`);
  if (missing.rows[0]?.missing) await db.transaction((tx) => refreshFlagSummaries(tx, periodId));
}

export async function loadWorklistPage(actor: Actor, options: WorklistOptions, group: WorklistGroup, page: number, pageSize: number) {
  await ensureSummaries(options.periodId);
  const weights = await getPriorityWeights();
  const scored = await scoreWorklist(actor, options, weights.weights);
  if (group === "agency") {
    const { rows, total, page: shown } = window(scored, page, pageSize);
    const details = await describeWorklistAgencies(options.periodId, rows.map((r) => r.agencyId), options.today, options.componentCode);
    return { kind: "agency" as const, weights, total, page: shown, rows: rows.map((r, i) => ({ ...r, rank: (shown - 1) * pageSize + i + 1, detail: details.get(r.agencyId)! })) };
  }
  const rollup = group === "ministry" || group === "province" ? rollupByAgencyKey(scored, group) : await rollupByFlags(actor, scored, group, options);
  const { rows, total, page: shown } = window(rollup, page, pageSize);
  return { kind: "rollup" as const, weights, total, page: shown, rows };
}

function window<T>(all: readonly T[], requested: number, pageSize: number) {
  const page = Math.min(requested, Math.max(1, Math.ceil(all.length / pageSize)));
  return { rows: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page };
}

const sortRollup = (rows: RollupRow[]) => rows.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
const worse = (a: Severity | null, b: Severity | null) => (severityRank(a) >= severityRank(b) ? a : b);
const severityRank = (s: Severity | null) => (s ? ["low", "medium", "high", "critical"].indexOf(s) + 1 : 0);
const round1 = (n: number) => Math.round(n * 10) / 10;

function rollupByAgencyKey(scored: readonly ScoredAgency[], group: "ministry" | "province"): RollupRow[] {
  const keyOf = group === "ministry" ? (s: ScoredAgency) => (s.ministryId === null ? null : String(s.ministryId)) : (s: ScoredAgency) => s.province;
  const byKey = new Map<string, RollupRow>();
  for (const s of scored) {
    const key = keyOf(s);
    if (key === null) continue;
    const row = byKey.get(key) ?? { key, score: 0, agencies: 0, openFlags: 0, worst: null };
    row.score += s.priority.score;
    row.agencies += 1;
    row.openFlags += s.input.openFlags;
    row.worst = worse(row.worst, s.input.worstSeverity);
    byKey.set(key, row);
  }
  return sortRollup([...byKey.values()].map((r) => ({ ...r, score: round1(r.score) })));
}

async function rollupByFlags(actor: Actor, scored: readonly ScoredAgency[], group: "component" | "rule", options: WorklistOptions): Promise<RollupRow[]> {
  const byAgency = new Map(scored.map((s) => [s.agencyId, s]));
  const counts = await countOpenFlagsBy(actor, group, options);
  const byKey = new Map<string, RollupRow>();
  for (const c of counts) {
    const agency = byAgency.get(c.agencyId);
    if (!agency || !agency.input.openFlags) continue;
    const key = c.key === null ? "none" : String(c.key);
    const row = byKey.get(key) ?? { key, score: 0, agencies: 0, openFlags: 0, worst: null };
    row.score += (agency.priority.score * c.flags) / agency.input.openFlags;
    row.agencies += 1;
    row.openFlags += c.flags;
    byKey.set(key, row);
  }
  return sortRollup([...byKey.values()].map((r) => ({ ...r, score: round1(r.score) })));
}

import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { effectiveTemplateIdSql, listPreviousFigures } from "@/db/queries/assessment-items";
import { scopeAgencyIdsSql } from "@/db/queries/api";
import { listAgencyTargets } from "@/db/queries/owed-figures";
import { agencies, apiFigurePosts, assessmentItems, indicatorFacts, indicators, periods, type ApiToken } from "@/db/schema";
import type { PlatformFiguresBody } from "@/core/api/schemas";
import type { ApiScope } from "@/core/api/tokens";
import type { Actor } from "@/core/auth/actor";
import { implausibility } from "@/core/assessments/form-schema";
import { AppError, ConflictError, ValidationError } from "@/core/errors";
import { MAX_STORED_MAGNITUDE } from "@/core/parse/values";
import { recordAuditMany } from "@/lib/audit/record";
import { afterFactsChanged } from "@/lib/facts/after-change";

// Figures posted by the systems around Lamnam (POST /api/v1/platform-figures): each becomes an "api" fact
// of its agency, period and indicator, approved at once, in one transaction with the post that is its
// source row. The forms' plausibility rules apply (core/assessments/form-schema.ts): an unusual value
// needs a reason and is held until a DGA analyst confirms it. A client key makes a retry safe.

/** A post outside the token's scope (an agency it does not cover): 403, nothing written. */
export class PlatformFigureScopeError extends AppError {
  readonly status = 403;
  constructor() {
    super("out_of_scope");
  }
}

export interface PostedFigure {
  clientKey: string;
  agencyCode: string;
  indicatorCode: string;
  period: string;
  value: number;
  factId: number | null;
  heldForConfirmation: boolean;
  replayed: boolean;
}

const stored = (value: number) => value.toFixed(4);
/** Advisory-lock class of platform-figure posts (the issue number and a serial); the token id is the key. */
const API_FIGURES_LOCK = 22_001;

export async function postPlatformFigures(token: Pick<ApiToken, "id" | "name">, scope: ApiScope, actor: Actor, body: PlatformFiguresBody): Promise<{ created: boolean; data: PostedFigure[] }> {
  const { figures } = body;
  const result = await getDb().transaction(async (tx) => {
    // One post per token at a time: a retry racing its original sees it committed, never half of it.
    await tx.execute(sql`select pg_advisory_xact_lock(${API_FIGURES_LOCK}, ${token.id})`);
    const errors: Record<string, string[]> = {};
    const fail = (i: number, field: string, reason: string) => (errors[`figures.${i}.${field}`] ??= []).push(reason);
    duplicates(figures, fail);

    const [agencyRows, indicatorRows, periodRows, earlier] = await Promise.all([
      readAgencies(tx, scope, [...new Set(figures.map((f) => f.agencyCode))]),
      tx.select().from(indicators).where(inArray(indicators.code, [...new Set(figures.map((f) => f.indicatorCode))])),
      tx.select().from(periods).where(inArray(periods.code, [...new Set(figures.map((f) => f.period))])),
      tx.select().from(apiFigurePosts).where(and(eq(apiFigurePosts.tokenId, token.id), inArray(apiFigurePosts.clientKey, figures.map((f) => f.clientKey)))),
    ]);
    const agencyOf = new Map(agencyRows.map((a) => [a.code, a]));
    const indicatorOf = new Map(indicatorRows.map((i) => [i.code, i]));
    const periodOf = new Map(periodRows.map((p) => [p.code, p]));
    const earlierOf = new Map(earlier.map((p) => [p.clientKey, p]));

    // Outside the token's scope is refused as a whole, whether or not the agency exists (a narrow token cannot probe codes).
    if (figures.some((f) => scope.kind !== "national" && !agencyOf.get(f.agencyCode)?.inScope)) throw new PlatformFigureScopeError();

    figures.forEach((f, i) => {
      const agency = agencyOf.get(f.agencyCode);
      const indicator = indicatorOf.get(f.indicatorCode);
      const period = periodOf.get(f.period);
      if (!agency || !agency.active) fail(i, "agencyCode", "unknown_agency");
      if (!indicator || !indicator.active) fail(i, "indicatorCode", "unknown_indicator");
      else if (indicator.valueType !== "number" && indicator.valueType !== "percent") fail(i, "indicatorCode", "indicator_not_numeric");
      if (!period) fail(i, "period", "unknown_period");
      else if (period.status === "closed" && !earlierOf.has(f.clientKey)) fail(i, "period", "period_closed");
      if (f.value < 0) fail(i, "value", indicator?.valueType === "percent" ? "percent_range" : "negative");
      else if (indicator?.valueType === "percent" && f.value > 100) fail(i, "value", "percent_range");
      else if (Math.abs(f.value) >= MAX_STORED_MAGNITUDE) fail(i, "value", "too_large");
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);

    // A client key already used: the same figure again is answered as before; another figure is a conflict.
    const fresh: { index: number; agencyId: number; indicatorId: number; periodId: number }[] = [];
    const answers: PostedFigure[] = figures.map((f, i) => {
      const agency = agencyOf.get(f.agencyCode)!;
      const indicator = indicatorOf.get(f.indicatorCode)!;
      const period = periodOf.get(f.period)!;
      const before = earlierOf.get(f.clientKey);
      if (before) {
        const same = before.agencyId === agency.id && before.indicatorId === indicator.id && before.periodId === period.id && before.value === stored(f.value);
        if (!same) throw new ConflictError("client_key_reused");
        return { ...answerOf(f), factId: before.factId, heldForConfirmation: before.needsConfirmation, replayed: true };
      }
      fresh.push({ index: i, agencyId: agency.id, indicatorId: indicator.id, periodId: period.id });
      return { ...answerOf(f), factId: null, heldForConfirmation: false, replayed: false };
    });

    const held = await implausibleFigures(tx, figures, fresh);
    for (const { index } of fresh) if (held.has(index) && !figures[index]!.reason) fail(index, "value", "implausible_needs_reason");
    if (Object.keys(errors).length) throw new ValidationError(errors);

    for (const row of fresh) {
      const f = figures[row.index]!;
      const needsConfirmation = held.has(row.index);
      const [post] = await tx
        .insert(apiFigurePosts)
        .values({ tokenId: token.id, clientKey: f.clientKey, agencyId: row.agencyId, periodId: row.periodId, indicatorId: row.indicatorId, value: stored(f.value), reason: f.reason ?? null, needsConfirmation })
        .returning({ id: apiFigurePosts.id });
      const factId = await upsertApiFact(tx, { ...row, value: stored(f.value), postId: post!.id, sourceRef: `api:${token.id}/${f.clientKey}`, needsConfirmation });
      await tx.update(apiFigurePosts).set({ factId }).where(eq(apiFigurePosts.id, post!.id));
      answers[row.index] = { ...answers[row.index]!, factId, heldForConfirmation: needsConfirmation };
    }
    if (fresh.length) {
      await recordAuditMany(
        tx,
        actor,
        fresh.map(({ index }) => ({ action: "api.platform_figure", entityType: "indicator_fact", entityId: answers[index]!.factId, after: { ...figures[index], heldForConfirmation: held.has(index) } })),
      );
    }
    return { answers, fresh };
  });
  // Derived data (rollups, flags) for what changed, as every other write does: queued where workers run.
  if (result.fresh.length) {
    await afterFactsChanged(actor, { periodIds: [...new Set(result.fresh.map((r) => r.periodId))], agencyIds: [...new Set(result.fresh.map((r) => r.agencyId))] });
  }
  return { created: result.fresh.length > 0, data: result.answers };
}

const answerOf = (f: PlatformFiguresBody["figures"][number]) => ({ clientKey: f.clientKey, agencyCode: f.agencyCode, indicatorCode: f.indicatorCode, period: f.period, value: f.value });

function duplicates(figures: PlatformFiguresBody["figures"], fail: (i: number, field: string, reason: string) => void) {
  const keys = new Set<string>();
  const subjects = new Set<string>();
  figures.forEach((f, i) => {
    if (keys.has(f.clientKey)) fail(i, "clientKey", "duplicate_client_key");
    keys.add(f.clientKey);
    const subject = `${f.agencyCode}|${f.indicatorCode}|${f.period}`;
    if (subjects.has(subject)) fail(i, "agencyCode", "duplicate_figure");
    subjects.add(subject);
  });
}

async function readAgencies(db: Queryable, scope: ApiScope, codes: string[]) {
  const ids = scopeAgencyIdsSql(scope);
  return db
    .select({ id: agencies.id, code: agencies.code, active: agencies.active, inScope: ids ? sql<boolean>`${agencies.id} in ${ids}` : sql<boolean>`true` })
    .from(agencies)
    .where(inArray(agencies.code, codes));
}

/**
 * The indexes of the new figures the forms would call unusual: outside the range of the indicator's item on
 * its component's form for that quarter, far above the agency's target, or a jump from its previous figure.
 */
async function implausibleFigures(db: Queryable, figures: PlatformFiguresBody["figures"], fresh: { index: number; agencyId: number; indicatorId: number; periodId: number }[]): Promise<Set<number>> {
  const held = new Set<number>();
  for (const row of fresh) {
    const [item] = await db
      .select({ plausibleMin: assessmentItems.plausibleMin, plausibleMax: assessmentItems.plausibleMax, answerType: assessmentItems.answerType })
      .from(assessmentItems)
      .innerJoin(indicators, eq(indicators.id, assessmentItems.indicatorId))
      .where(and(eq(assessmentItems.indicatorId, row.indicatorId), eq(assessmentItems.active, true), eq(assessmentItems.templateId, effectiveTemplateIdSql(indicators.componentId, sql`(select starts_on from ${periods} where id = ${row.periodId})`))))
      .limit(1);
    const [valueType] = await db.select({ valueType: indicators.valueType }).from(indicators).where(eq(indicators.id, row.indicatorId));
    const [targets, previous] = await Promise.all([
      listAgencyTargets(db, row.agencyId, row.periodId, [row.indicatorId]),
      listPreviousFigures(db, row.agencyId, row.periodId, [row.indicatorId]),
    ]);
    const problem = implausibility(
      {
        id: 0,
        code: "",
        answerType: valueType!.valueType === "percent" ? "percent" : "number",
        required: false,
        plausibleMin: item?.plausibleMin == null ? null : Number(item.plausibleMin),
        plausibleMax: item?.plausibleMax == null ? null : Number(item.plausibleMax),
        target: targets.get(row.indicatorId)?.target ?? null,
        previous: previous.get(row.indicatorId) ?? null,
      },
      figures[row.index]!.value,
    );
    if (problem) held.add(row.index);
  }
  return held;
}

/** The agency's "api" fact of the indicator and period: one per source, so a later post corrects it. */
async function upsertApiFact(db: Queryable, row: { agencyId: number; indicatorId: number; periodId: number; value: string; postId: number; sourceRef: string; needsConfirmation: boolean }): Promise<number> {
  const sameValue = sql`${indicatorFacts.value} = excluded.value and ${indicatorFacts.needsConfirmation}`;
  const values = { indicatorId: row.indicatorId, agencyId: row.agencyId, periodId: row.periodId, source: "api" as const, value: row.value, state: "approved" as const, sourceId: row.postId, sourceRef: row.sourceRef, needsConfirmation: row.needsConfirmation };
  const [fact] = await db
    .insert(indicatorFacts)
    .values(values)
    .onConflictDoUpdate({
      target: [indicatorFacts.indicatorId, indicatorFacts.agencyId, indicatorFacts.periodId, indicatorFacts.source],
      set: {
        value: row.value,
        state: "approved",
        sourceId: row.postId,
        sourceRef: row.sourceRef,
        recordedAt: sql`now()`,
        needsConfirmation: row.needsConfirmation,
        confirmedAt: sql`case when ${sameValue} then ${indicatorFacts.confirmedAt} end`,
        confirmedById: sql`case when ${sameValue} then ${indicatorFacts.confirmedById} end`,
      },
    })
    .returning({ id: indicatorFacts.id });
  return fact!.id;
}

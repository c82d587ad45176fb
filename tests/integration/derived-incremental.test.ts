import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { agencies, agencyComponents, indicatorFacts, periods } from "@/db/schema";
import { confirmHeldFigure } from "@/lib/facts/write/confirm-figure";
import type { Database } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { actorOf, createAgency, createUser } from "../support/factories";

/** The derived tables as rows, ordered, without the time they were written. */
async function derivedState(db: Database) {
  const rows = async (query: ReturnType<typeof sql>) => (await db.execute(query)).rows;
  return {
    dims: await rows(sql`select agency_id, ministry_id, agency_type, province from dashboard_agency_dims order by agency_id`),
    figures: await rows(sql`select period_id, indicator_id, agency_id, fact_id, value::text, weight::text, target::text, attainment::text, status, recorded_at from dashboard_agency_figures order by 1, 2, 3`),
    uncounted: await rows(sql`select period_id, indicator_id, agency_id, fact_id, value::text, reason from dashboard_uncounted_figures order by 1, 2, 3`),
    rollups: await rows(sql`select period_id, indicator_id, ministry_id, agency_type, province, fact_count, value_sum::text, weight_sum::text, weighted_sum::text, latest_value::text, latest_at, latest_fact_id, expected_count, provisional_count, green_count, amber_count, red_count from dashboard_indicator_rollups order by 1, 2, 3 nulls first, 4, 5 nulls first`),
    components: await rows(sql`select period_id, component_id, agency_id, ministry_id, agency_type, expected_count, present_count, on_time_count, valid_count, green_count, amber_count, red_count, score::text from dashboard_agency_components order by 1, 2, 3`),
  };
}

/** A small deterministic generator, so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describeEachDatabase("derived data rebuilt for the changed agencies only", ({ db }) => {
  it("after random submits, approvals, returns and reopenings, holds exactly what a full rebuild holds", { timeout: 600_000 }, async () => {
    const w = await createAssessmentWorld(db());
    // Agencies in four rollup groups: two under one ministry, two local administrations of two provinces, the fixture's own.
    const ministry = await createAgency(db(), { type: "ministry" });
    const extra = [
      await createAgency(db(), { parentId: ministry.id }),
      await createAgency(db(), { parentId: ministry.id }),
      await createAgency(db(), { type: "local_administration", parentId: ministry.id, province: "จังหวัดหนึ่ง" }),
      await createAgency(db(), { type: "local_administration", parentId: ministry.id, province: "จังหวัดสอง" }),
    ];
    for (const a of extra) await db().insert(agencyComponents).values({ agencyId: a.id, componentId: w.component.id, dgaRole: "doer" });
    const teams = [{ agencyId: w.agency.id, officer: w.actors.officer, head: w.actors.head }];
    for (const a of extra) {
      teams.push({
        agencyId: a.id,
        officer: actorOf(await createUser(db(), { role: "agency_officer", agencyId: a.id }), a.code),
        head: actorOf(await createUser(db(), { role: "agency_head", agencyId: a.id }), a.code),
      });
    }
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });

    // The component's version (cached reads of it are keyed by it) must move exactly when its rows change.
    const componentVersion = async () =>
      Number((await db().execute(sql`select version from derived_component_versions where period_id = ${w.period.id} and component_id = ${w.component.id}`)).rows[0]?.version ?? 0);
    let previous = await derivedState(db());
    let version = await componentVersion();

    const next = random(20261204);
    const states = new Map<number, { submissionId: number; version: number; status: string }>();
    const act = async (actor: Actor, teamIndex: number, action: "endorse" | "submit" | "resubmit" | "approve" | "return" | "reopen") => {
      const s = states.get(teamIndex)!;
      const updated = await transitionSubmission(actor, { submissionId: s.submissionId, action, version: s.version, reason: action === "return" || action === "reopen" ? "ทดสอบ" : undefined });
      states.set(teamIndex, { submissionId: s.submissionId, version: updated.version, status: updated.status });
    };
    let steps = 0;
    let versionMoves = 0;
    for (let round = 0; round < 36; round++) {
      const index = Math.floor(next() * teams.length);
      const team = teams[index]!;
      const current = states.get(index);
      // Now and then an unusual value (target 10), held until an analyst confirms it.
      const unusual = next() < 0.45;
      const value = unusual ? String(400 + Math.floor(next() * 20)) : String(1 + Math.floor(next() * 20));
      const fields = { ...w.complete, [`value.${w.items.i1.id}`]: value, ...(unusual ? { [`reason.${w.items.i1.id}`]: "รวมสองไตรมาส" } : {}) };
      if (!current || current.status === "draft" || current.status === "returned") {
        const saved = await saveSubmission(team.officer, { agencyId: team.agencyId, periodId: w.period.id, componentId: w.component.id, version: current?.version ?? 0, fields, intent: "save" });
        states.set(index, { submissionId: saved.submissionId, version: saved.version, status: saved.status });
        if (saved.status === "draft") {
          await act(team.head, index, "endorse");
          await act(team.officer, index, "submit");
        } else await act(team.officer, index, "resubmit");
      } else if (current.status === "submitted") {
        await act(w.actors.analyst, index, next() < 0.75 ? "approve" : "return");
      } else if (current.status === "approved") {
        const [held] = await db().select().from(indicatorFacts).where(and(eq(indicatorFacts.agencyId, team.agencyId), eq(indicatorFacts.needsConfirmation, true), isNull(indicatorFacts.confirmedAt)));
        if (held && next() < 0.6) await confirmHeldFigure(w.actors.analyst, { factId: held.id, note: "ตรวจแล้ว" });
        else await act(w.actors.admin, index, "reopen");
      } else continue;
      steps++;

      const incremental = await derivedState(db());
      const changed = JSON.stringify(incremental) !== JSON.stringify(previous);
      expect(await componentVersion() !== version, `the component's version moved after step ${steps} (round ${round})`).toBe(changed);
      if (changed) versionMoves++;
      await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
      expect(await derivedState(db()), `after step ${steps} (round ${round})`).toEqual(incremental);
      previous = incremental;
      version = await componentVersion();
    }
    expect(versionMoves, "some steps changed the component's rows").toBeGreaterThan(5);
    expect(versionMoves, "some steps changed none").toBeLessThan(steps);
    expect(steps).toBeGreaterThan(15);
    // The sequence reached every kind of state: figures were present for several agencies at some point.
    const figures = await db().execute(sql`select count(distinct agency_id) as n from dashboard_agency_figures where period_id = ${w.period.id}`);
    expect(Number(figures.rows[0]!.n)).toBeGreaterThanOrEqual(1);
    const confirmations = await db().execute(sql`select count(*) as n from audit_log where action = 'fact.confirm'`);
    expect(Number(confirmations.rows[0]!.n), "the sequence confirmed held values").toBeGreaterThanOrEqual(1);
  });

  it("rebuilds every period when an agency has moved to another group, though only one period was asked for", async () => {
    const w = await createAssessmentWorld(db());
    const [later] = await db()
      .insert(periods)
      .values({ code: "2698Q2", fiscalYear: 2698, quarter: 2, startsOn: "2027-01-01", endsOn: "2027-03-31", dueOn: "2999-01-15", status: "open" })
      .returning();
    for (const period of [w.period, later!]) {
      await db().insert(indicatorFacts).values({ indicatorId: w.indicator.id, agencyId: w.agency.id, periodId: period.id, value: "9", source: "self_assessment", state: "approved", recordedAt: new Date() });
    }
    await refreshDashboardRollups(db(), { periodIds: [w.period.id, later!.id] });
    const groupOf = async (periodId: number) =>
      (await db().execute(sql`select ministry_id from dashboard_indicator_rollups where period_id = ${periodId} and indicator_id = ${w.indicator.id} and fact_count > 0`)).rows;

    const ministry = await createAgency(db(), { type: "ministry" });
    await db().update(agencies).set({ parentId: ministry.id }).where(eq(agencies.id, w.agency.id));
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    // The other quarter's figure moved to the agency's new ministry too: no quarter is left in the old groups.
    expect(await groupOf(later!.id)).toEqual([{ ministry_id: ministry.id }]);
    const afterOne = await derivedState(db());
    await refreshDashboardRollups(db());
    expect(await derivedState(db())).toEqual(afterOne);
  });
});

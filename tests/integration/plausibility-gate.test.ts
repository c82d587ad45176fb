import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { agencyComponents, auditLog, indicatorFacts, indicators } from "@/db/schema";
import type { Database } from "@/db/client";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { confirmHeldFigure } from "@/lib/facts/write/confirm-figure";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { createAgency } from "../support/factories";

/** What the dashboards read for the world's indicator and period: counted agencies, their sum, and who owes it. */
async function nationalParts(db: Database, indicatorId: number, periodId: number) {
  const result = await db.execute<{ reporters: string; owers: string; value_sum: string }>(sql`
    select coalesce(sum(fact_count), 0) as reporters, coalesce(sum(expected_count), 0) as owers, coalesce(sum(value_sum), 0) as value_sum
    from dashboard_indicator_rollups where indicator_id = ${indicatorId} and period_id = ${periodId}`);
  const row = result.rows[0]!;
  return { reporters: Number(row.reporters), owers: Number(row.owers), valueSum: Number(row.value_sum) };
}

async function uncounted(db: Database, periodId: number) {
  const result = await db.execute<{ agency_id: number; indicator_id: number; reason: string; value: string }>(
    sql`select agency_id, indicator_id, reason, value::float8::text as value from dashboard_uncounted_figures where period_id = ${periodId} order by agency_id, indicator_id`,
  );
  return result.rows.map((r) => ({ agencyId: Number(r.agency_id), indicatorId: Number(r.indicator_id), reason: r.reason, value: Number(r.value) }));
}

describeEachDatabase("plausibility gate: implausible values are kept but count only once confirmed", ({ db }) => {
  it("an unusual value needs a reason to go to DGA, stays out of the figures until an analyst confirms it, and a new value needs a new confirmation", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    const unusual = { ...w.complete, [`value.${w.items.i1.id}`]: "400" }; // target 10: forty times it

    const saved = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: unusual, intent: "save" });
    expect(saved.warnings).toEqual([w.items.i1.id]);
    // The head cannot endorse it without the reason; nothing is half-saved.
    const refused = await transitionSubmission(w.actors.head, { submissionId: saved.submissionId, action: "endorse", version: saved.version }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ [`reason.${w.items.i1.id}`]: ["implausible_reason_required"] });

    const withReason = await saveSubmission(w.actors.officer, { ...base, version: saved.version, fields: { ...unusual, [`reason.${w.items.i1.id}`]: "รวมบริการของสองไตรมาส" }, intent: "save" });
    let version = withReason.version;
    for (const [actor, action] of [[w.actors.head, "endorse"], [w.actors.officer, "submit"], [w.actors.analyst, "approve"]] as const) {
      version = (await transitionSubmission(actor, { submissionId: saved.submissionId, action, version })).version;
    }

    const [fact] = await db().select().from(indicatorFacts).where(and(eq(indicatorFacts.agencyId, w.agency.id), eq(indicatorFacts.indicatorId, w.indicator.id)));
    expect(fact).toMatchObject({ state: "approved", needsConfirmation: true, confirmedAt: null });
    expect(await nationalParts(db(), w.indicator.id, w.period.id)).toEqual({ reporters: 0, owers: 2, valueSum: 0 });
    expect(await uncounted(db(), w.period.id)).toContainEqual({ agencyId: w.agency.id, indicatorId: w.indicator.id, reason: "unconfirmed", value: 400 });
    // Reported (completeness) but not valid (data quality) until confirmed.
    const parts = await db().execute<{ present_count: number; valid_count: number }>(
      sql`select present_count, valid_count from dashboard_agency_components where agency_id = ${w.agency.id} and period_id = ${w.period.id}`,
    );
    expect(parts.rows[0]).toMatchObject({ present_count: 1, valid_count: 0 });

    // Agencies cannot make their own value count.
    await expect(confirmHeldFigure(w.actors.head, { factId: fact!.id, note: "ถูกต้อง" })).rejects.toBeInstanceOf(ForbiddenError);
    await confirmHeldFigure(w.actors.analyst, { factId: fact!.id, note: "ตรวจหลักฐานแล้ว" });
    expect(await nationalParts(db(), w.indicator.id, w.period.id)).toEqual({ reporters: 1, owers: 2, valueSum: 400 });
    expect(await uncounted(db(), w.period.id)).toEqual([]);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "fact.confirm"), eq(auditLog.entityId, String(fact!.id))));
    expect(audit?.after).toMatchObject({ value: "400.0000", counted: true, note: "ตรวจหลักฐานแล้ว" });

    // Reopened and corrected to another unusual value: the confirmation was for 400, not for 500.
    version = (await transitionSubmission(w.actors.admin, { submissionId: saved.submissionId, action: "reopen", version, reason: "แก้ตัวเลข" })).version;
    const corrected = await saveSubmission(w.actors.officer, {
      ...base,
      version,
      fields: { ...unusual, [`value.${w.items.i1.id}`]: "500", [`reason.${w.items.i1.id}`]: "รวมบริการของสองไตรมาส" },
      intent: "resubmit",
    });
    await transitionSubmission(w.actors.analyst, { submissionId: saved.submissionId, action: "approve", version: corrected.version });
    const [after] = await db().select().from(indicatorFacts).where(eq(indicatorFacts.id, fact!.id));
    expect(after).toMatchObject({ value: "500.0000", needsConfirmation: true, confirmedAt: null });
    expect(await nationalParts(db(), w.indicator.id, w.period.id)).toMatchObject({ reporters: 0 });
  });

  it("impossible values and figures of agencies that do not owe them never count, and reporters never outnumber owers", async () => {
    const w = await createAssessmentWorld(db());
    const [share] = await db()
      .insert(indicators)
      .values({ code: `PCT-${w.component.id}`, componentId: w.component.id, nameTh: "ร้อยละ", nameEn: "Share", definitionTh: "-", definitionEn: "-", unitTh: "ร้อยละ", unitEn: "%", valueType: "percent", source: "emenscr" })
      .returning();
    const outsider = await createAgency(db()); // not tagged with the component: owes nothing of it
    const fact = (agencyId: number, indicatorId: number, value: string) => ({ agencyId, indicatorId, periodId: w.period.id, value, source: "emenscr" as const, state: "approved" as const });
    await db().insert(indicatorFacts).values([
      fact(w.agency.id, share!.id, "111.4"), // a share over 100 %
      fact(w.otherAgency.id, share!.id, "60"),
      fact(w.agency.id, w.indicator.id, "-1"), // a negative count
      fact(outsider.id, share!.id, "50"), // reported by an agency that does not owe it
    ]);
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });

    expect(await nationalParts(db(), share!.id, w.period.id)).toEqual({ reporters: 1, owers: 2, valueSum: 60 });
    expect(await nationalParts(db(), w.indicator.id, w.period.id)).toMatchObject({ reporters: 0, owers: 2 });
    expect(await uncounted(db(), w.period.id)).toEqual(
      [
        { agencyId: w.agency.id, indicatorId: w.indicator.id, reason: "invalid", value: -1 },
        { agencyId: w.agency.id, indicatorId: share!.id, reason: "invalid", value: 111.4 },
        { agencyId: outsider.id, indicatorId: share!.id, reason: "not_owed", value: 50 },
      ].sort((a, b) => a.agencyId - b.agencyId || a.indicatorId - b.indicatorId),
    );
    // An impossible value is not "unusual": there is nothing for an analyst to confirm.
    const [invalid] = await db().select().from(indicatorFacts).where(and(eq(indicatorFacts.agencyId, w.agency.id), eq(indicatorFacts.indicatorId, share!.id)));
    await expect(confirmHeldFigure(w.actors.analyst, { factId: invalid!.id, note: "ยืนยัน" })).rejects.toBeInstanceOf(ConflictError);

    // Tagging the outsider with the component makes it owe the indicator: its figure counts from then on.
    await db().insert(agencyComponents).values({ agencyId: outsider.id, componentId: w.component.id, dgaRole: "doer" });
    await refreshDashboardRollups(db(), { periodIds: [w.period.id] });
    expect(await nationalParts(db(), share!.id, w.period.id)).toEqual({ reporters: 2, owers: 3, valueSum: 110 });

    const overCounted = await db().execute(sql`select 1 from dashboard_indicator_rollups where fact_count > expected_count`);
    expect(overCounted.rows).toEqual([]);
  });
});

// SROI administered in the app: an analyst adds and edits a fiscal year's investment and outcome lines;
// the ratio listed (as /indicators and /admin/sroi show it) and the dashboard indicator ME-SROI of that
// year follow. Bad input and a duplicate year are refused with nothing written; an agency officer is refused.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, components, indicatorFacts, periods, sroiAssessments, sroiOutcomes, type Agency, type Period } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { calculateSroi } from "@/core/sroi/calculate";
import { ForbiddenError, ValidationError } from "@/core/errors";
import { SROI_INDICATOR_CODE } from "@/core/sroi/source-ref";
import { createIndicator } from "@/lib/admin/catalogue";
import { saveSroiYear } from "@/lib/sroi/admin";
import { listSroiAssessments } from "@/db/queries/sroi";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

const QUARTERS = [1, 2, 3, 4].map((quarter) => ({
  code: `2570Q${quarter}`,
  fiscalYear: 2570,
  quarter,
  startsOn: ["2026-10-01", "2027-01-01", "2027-04-01", "2027-07-01"][quarter - 1]!,
  endsOn: ["2026-12-31", "2027-03-31", "2027-06-30", "2027-09-30"][quarter - 1]!,
  dueOn: ["2027-01-15", "2027-04-15", "2027-07-15", "2027-10-15"][quarter - 1]!,
  status: "open" as const,
}));

/** One outcome line as the form sends it (percentages as typed). */
const line = (i: number, fields: Record<string, string> = {}) =>
  Object.fromEntries(
    Object.entries({
      stakeholderTh: "ประชาชน",
      stakeholderEn: "Citizens",
      outcomeTh: "ประหยัดเวลา",
      outcomeEn: "Time saved",
      quantity: "1,000,000",
      financialProxy: "300",
      deadweight: "20",
      attribution: "35",
      displacement: "0",
      dropOff: "30",
      durationYears: "2",
      ...fields,
    }).map(([k, v]) => [`line.${i}.${k}`, v]),
  );

async function refusal(call: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describeEachDatabase("SROI administered in the app", ({ db }) => {
  let analyst: Actor, officer: Actor;
  let dga: Agency;
  let quarters: Period[];
  let indicatorId: number;

  const shownRatio = async (fiscalYear: number) => (await listSroiAssessments()).find((a) => a.fiscalYear === fiscalYear && a.agencyCode === dga.code)?.ratio;
  const meSroi = async () =>
    (
      await db()
        .select({ periodId: indicatorFacts.periodId, value: indicatorFacts.value })
        .from(indicatorFacts)
        .where(and(eq(indicatorFacts.indicatorId, indicatorId), eq(indicatorFacts.agencyId, dga.id), eq(indicatorFacts.source, "derived")))
    ).map((f) => ({ periodId: f.periodId, value: Number(f.value) }));
  const snapshot = async () => ({
    assessments: await db().select().from(sroiAssessments).orderBy(sroiAssessments.id),
    outcomes: await db().select().from(sroiOutcomes).orderBy(sroiOutcomes.id),
    facts: await meSroi(),
    audit: (await db().select({ id: auditLog.id }).from(auditLog)).length,
  });

  beforeAll(async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    dga = await createAgency(db());
    officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: dga.id }), dga.code);
    quarters = await db().insert(periods).values(QUARTERS).returning();
    await db().insert(components).values({ code: "sroi-test", ordinal: 1, group: "value_chain", nameTh: "องค์ประกอบทดสอบ", nameEn: "Test component", descriptionTh: "ทดสอบ", descriptionEn: "Test" });
    const created = await createIndicator(admin, {
      code: SROI_INDICATOR_CODE,
      nameTh: "ผลตอบแทนทางสังคมจากการลงทุน",
      nameEn: "Social return on investment",
      componentCode: "sroi-test",
      definitionTh: "อัตราส่วน SROI",
      definitionEn: "SROI ratio",
      unitTh: "เท่า",
      unitEn: "times",
      direction: "higher",
      aggregation: "latest",
      valueType: "number",
      source: "derived",
    });
    indicatorId = created.id;
  });

  it("a new year's ratio is computed from its inputs, listed, and becomes ME-SROI in each of the year's quarters", async () => {
    expect(await shownRatio(2570)).toBeUndefined();
    const saved = await saveSroiYear(analyst, { fiscalYear: "2570", agencyCode: dga.code, investment: "100,000,000", discountRate: "3.5", ...line(0) });
    const expected = calculateSroi({
      investment: 100_000_000,
      discountRate: 0.035,
      outcomes: [{ quantity: 1_000_000, financialProxy: 300, deadweight: 0.2, attribution: 0.35, displacement: 0, dropOff: 0.3, durationYears: 2 }],
    }).ratio;
    expect(saved.ratio).toBeCloseTo(expected, 10);
    expect(await shownRatio(2570)).toBeCloseTo(expected, 10);
    const facts = await meSroi();
    expect(facts.map((f) => f.periodId).sort()).toEqual(quarters.map((q) => q.id).sort());
    for (const f of facts) expect(f.value).toBeCloseTo(expected, 4);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "sroi.create"));
    expect(entry?.entityId).toBe(String(saved.id));
  });

  it("editing the year's financial proxy and adding a line changes the ratio shown and ME-SROI", async () => {
    const before = (await shownRatio(2570))!;
    const [assessment] = await db().select().from(sroiAssessments).where(eq(sroiAssessments.agencyId, dga.id));
    const saved = await saveSroiYear(analyst, { assessmentId: String(assessment!.id), investment: "100000000", discountRate: "3.5", ...line(0, { financialProxy: "600" }), ...line(1, { outcomeEn: "Fewer copies", quantity: "50000", financialProxy: "100" }), ...line(2, Object.fromEntries(["stakeholderTh", "stakeholderEn", "outcomeTh", "outcomeEn", "quantity", "financialProxy", "deadweight", "attribution", "displacement", "dropOff", "durationYears"].map((k) => [k, " "]))) });
    expect(saved.ratio).toBeGreaterThan(before * 2);
    expect(await shownRatio(2570)).toBeCloseTo(saved.ratio, 10);
    expect(await db().select().from(sroiOutcomes).where(eq(sroiOutcomes.assessmentId, assessment!.id))).toHaveLength(2);
    for (const f of await meSroi()) expect(f.value).toBeCloseTo(saved.ratio, 4);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "sroi.update"))).toHaveLength(1);
  });

  it("bad input and a second assessment of the same year are refused with nothing written", async () => {
    const valid = { fiscalYear: "2571", agencyCode: dga.code, investment: "1000", discountRate: "3.5", ...line(0) };
    const before = await snapshot();
    expect(await refusal(saveSroiYear(analyst, { ...valid, investment: "-5" }))).toEqual({ investment: ["positive_amount"] });
    expect(await refusal(saveSroiYear(analyst, { ...valid, ...line(0, { quantity: "-1" }) }))).toEqual({ "line.0.quantity": ["negative_amount"] });
    expect(await refusal(saveSroiYear(analyst, { ...valid, ...line(0, { outcomeTh: "  " }) }))).toEqual({ "line.0.outcomeTh": ["required"] });
    expect(await refusal(saveSroiYear(analyst, { ...valid, ...line(0, { financialProxy: "สามร้อย" }) }))).toEqual({ "line.0.financialProxy": ["invalid_number"] });
    expect(await refusal(saveSroiYear(analyst, { ...valid, ...line(0, { deadweight: "120" }) }))).toEqual({ "line.0.deadweight": ["percent_range"] });
    expect(await refusal(saveSroiYear(analyst, { ...valid, fiscalYear: "2027" }))).toEqual({ fiscalYear: ["invalid_year"] });
    expect(await refusal(saveSroiYear(analyst, { ...valid, fiscalYear: "2570" }))).toEqual({ fiscalYear: ["sroi_year_taken"] });
    // A valid first line and a bad second one: the first is not saved on its own.
    const [assessment] = await db().select().from(sroiAssessments).where(eq(sroiAssessments.agencyId, dga.id));
    expect(await refusal(saveSroiYear(analyst, { assessmentId: String(assessment!.id), investment: "1", discountRate: "3.5", ...line(0), ...line(1, { durationYears: "0" }) }))).toEqual({ "line.1.durationYears": ["duration_range"] });
    expect(await snapshot()).toEqual(before);
  });

  it("an agency officer may not change SROI inputs", async () => {
    const before = await snapshot();
    await expect(saveSroiYear(officer, { fiscalYear: "2571", agencyCode: dga.code, investment: "1000", discountRate: "3.5", ...line(0) })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the SROI form's numbers", () => {
  it("reads percentages as typed into the fractions the calculation takes", async () => {
    const { parseSroiForm } = await import("@/lib/sroi/admin");
    const form = parseSroiForm({ investment: "๑,๐๐๐", discountRate: "3.5%", ...line(0, { deadweight: "12.5" }) });
    expect(form.investment).toBe(1000);
    expect(form.discountRate).toBeCloseTo(0.035, 10);
    expect(form.outcomes[0]!.deadweight).toBeCloseTo(0.125, 10);
  });
});

import { and, asc, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { assessmentTemplates, auditLog, components, indicators, periods, submissions, targets } from "@/db/schema";
import { previewRollover, rolloverFiscalYear } from "@/lib/admin/fiscal-year";
import { reopenPeriod } from "@/lib/admin/period-reopen";
import { addTemplateItem, updateTemplateItem } from "@/lib/admin/templates";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { getActiveTemplate, listTemplateItems } from "@/db/queries/assessment-items";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { defaultDueDate, periodBounds, todayInBangkok, addDays, type FiscalQuarter } from "@/core/fiscal/calendar";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { actorOf, createAgency, createUser } from "../support/factories";

// Far from today's quarters (and from the assessment worlds' periods) so that dates never collide.
const OLD_YEAR = 2590;
const NEW_YEAR = OLD_YEAR + 1;

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

describeEachDatabase("fiscal-year rollover", ({ db }) => {
  it("previews and then creates the next year's four quarters with due dates and carried-forward targets, once", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const agency = await createAgency(db());
    const w = await createAssessmentWorld(db());
    const oldPeriods = await db()
      .insert(periods)
      .values(([1, 2, 3, 4] as FiscalQuarter[]).map((quarter) => ({ code: `${OLD_YEAR}Q${quarter}`, fiscalYear: OLD_YEAR, quarter, ...periodBounds(OLD_YEAR, quarter), dueOn: defaultDueDate(OLD_YEAR, quarter), status: "closed" as const })))
      .returning();
    const [retired] = await db()
      .insert(indicators)
      .values({ code: `RET-${w.component.id}`, componentId: w.component.id, nameTh: "เลิกใช้", nameEn: "Retired", definitionTh: "-", definitionEn: "-", unitTh: "-", unitEn: "-", valueType: "number", source: "self_assessment", active: false })
      .returning();
    for (const [index, p] of oldPeriods.entries()) {
      await db().insert(targets).values([
        { indicatorId: w.indicator.id, periodId: p.id, agencyId: null, value: String(10 * (index + 1)) },
        { indicatorId: w.indicator.id, periodId: p.id, agencyId: agency.id, value: "3.3333" },
        { indicatorId: retired!.id, periodId: p.id, agencyId: null, value: "1" },
      ]);
    }

    const input = { fiscalYear: NEW_YEAR, dueDays: 15, dueOn: { 2: addDays(periodBounds(NEW_YEAR, 2).endsOn, 20) }, targets: "scale", factor: "1.5" };
    const preview = await previewRollover(admin, input);
    expect(preview.periods.map((p) => [p.code, p.startsOn, p.endsOn, p.dueOn])).toEqual([
      [`${NEW_YEAR}Q1`, "2047-10-01", "2047-12-31", "2048-01-15"],
      [`${NEW_YEAR}Q2`, "2048-01-01", "2048-03-31", "2048-04-20"],
      [`${NEW_YEAR}Q3`, "2048-04-01", "2048-06-30", "2048-07-15"],
      [`${NEW_YEAR}Q4`, "2048-07-01", "2048-09-30", "2048-10-15"],
    ]);
    // The retired indicator's targets stay behind; the live one carries its national and agency targets.
    expect(preview.targets).toEqual([{ indicatorCode: w.indicator.code, nameTh: w.indicator.nameTh, nameEn: w.indicator.nameEn, national: 4, agencies: 4 }]);
    expect(preview.templates.find((t) => t.componentCode === w.component.code)?.version).toBe(1);
    // A preview creates nothing.
    expect(await db().select().from(periods).where(eq(periods.fiscalYear, NEW_YEAR))).toEqual([]);

    await expect(rolloverFiscalYear(actorOf(await createUser(db(), { role: "analyst" })), input)).rejects.toBeInstanceOf(ForbiddenError);
    const done = await rolloverFiscalYear(admin, input);
    expect(done.targetCount).toBe(8);
    const created = await db().select().from(periods).where(eq(periods.fiscalYear, NEW_YEAR)).orderBy(asc(periods.quarter));
    expect(created.map((p) => [p.code, p.startsOn, p.dueOn, p.status])).toEqual(preview.periods.map((p) => [p.code, p.startsOn, p.dueOn, "open"]));
    expect(created.every((p) => p.closesOn !== null && p.closesOn > p.dueOn)).toBe(true);
    const q3 = created[2]!;
    const q3Targets = await db().select().from(targets).where(eq(targets.periodId, q3.id));
    expect(q3Targets.map((t) => [t.indicatorId, t.agencyId, Number(t.value)]).sort()).toEqual(
      [
        [w.indicator.id, null, 45],
        [w.indicator.id, agency.id, 5], // 3.3333 × 1.5 = 4.99995, kept to four decimals
      ].sort(),
    );
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "fiscal_year.rollover"));
    expect(entry).toMatchObject({ entityId: String(NEW_YEAR), actorId: admin.id });

    // The same year again is refused, and changes nothing.
    const again = await errorOf(rolloverFiscalYear(admin, { ...input, targets: "copy" }));
    expect((again as ValidationError).fieldErrors).toEqual({ fiscalYear: ["fiscal_year_exists"] });
    expect(await db().select().from(targets).where(eq(targets.periodId, q3.id))).toHaveLength(2);
  });

  it("refuses a gap, a due date before the quarter's end and a factor that is not a positive number, creating nothing", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const gap = await errorOf(rolloverFiscalYear(admin, { fiscalYear: NEW_YEAR + 2, targets: "none" }));
    expect((gap as ValidationError).fieldErrors).toEqual({ fiscalYear: ["fiscal_year_gap"] });
    const early = await errorOf(rolloverFiscalYear(admin, { fiscalYear: NEW_YEAR + 1, dueOn: { 3: "2049-06-29" }, targets: "copy" }));
    expect((early as ValidationError).fieldErrors).toEqual({ "dueOn.3": ["due_before_end"] });
    for (const factor of ["0", "-1", "abc", "", "1e3"]) {
      const bad = await errorOf(rolloverFiscalYear(admin, { fiscalYear: NEW_YEAR + 1, targets: "scale", factor }));
      expect((bad as ValidationError).fieldErrors).toEqual({ factor: ["factor_not_positive"] });
    }
    expect(await db().select().from(periods).where(eq(periods.fiscalYear, NEW_YEAR + 1))).toEqual([]);
    // A period made by hand inside the year's dates (under another name) would overlap its quarters.
    const [stray] = await db().insert(periods).values({ code: "2660Q2", fiscalYear: 2660, quarter: 2, startsOn: "2048-11-01", endsOn: "2048-11-30", dueOn: "2048-12-15" }).returning();
    const overlap = await errorOf(rolloverFiscalYear(admin, { fiscalYear: NEW_YEAR + 1, targets: "copy" }));
    expect((overlap as ValidationError).fieldErrors).toEqual({ fiscalYear: ["periods_overlap"] });
    await db().delete(periods).where(eq(periods.id, stray!.id));
    // Copy (factor 1) from the year just created: next year's quarters hold the same targets.
    const copied = await rolloverFiscalYear(admin, { fiscalYear: NEW_YEAR + 1, targets: "copy" });
    expect(copied.periods).toHaveLength(4);
    expect(copied.targetCount).toBe(8);
  });
});

describeEachDatabase("the first fiscal year of an empty database", ({ db }) => {
  it("is accepted with no year before it, and starts with the starting templates (version 1)", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const [component] = await db().insert(components).values({ code: "first-year", ordinal: 1, group: "enabler", nameTh: "องค์ประกอบ", nameEn: "Component", descriptionTh: "-", descriptionEn: "-" }).returning();
    // As `npm run setup` leaves it: a starting template that applies from the start, and no period at all.
    await db().insert(assessmentTemplates).values({ componentId: component!.id, version: 1, nameTh: "แบบประเมิน", nameEn: "Assessment", isStartingPoint: true });
    const input = { fiscalYear: 2570, targets: "copy" };
    const preview = await previewRollover(admin, input);
    expect(preview.periods.map((p) => p.code)).toEqual(["2570Q1", "2570Q2", "2570Q3", "2570Q4"]);
    expect(preview.targetCount).toBe(0);
    // Not "no form": the starting version is the one the year's forms use.
    expect(preview.templates).toEqual([{ componentCode: "first-year", nameTh: "องค์ประกอบ", nameEn: "Component", version: 1 }]);
    const done = await rolloverFiscalYear(admin, input);
    expect(done.templates).toEqual(preview.templates);
    expect(await db().select({ code: periods.code }).from(periods).orderBy(asc(periods.startsOn))).toEqual(preview.periods.map((p) => ({ code: p.code })));
  });
});

describeEachDatabase("template versions", ({ db }) => {
  it("applies a change to quarters not yet open only; a filled-in form keeps the items it was made with", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    const saved = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: w.complete, intent: "save" });
    const [submission] = await db().select().from(submissions).where(eq(submissions.id, saved.submissionId));
    expect(submission!.templateId).toBe(w.template.id);

    // The open quarter's form cannot change: the reason is given.
    const refused = await errorOf(addTemplateItem(w.actors.analyst, { kind: "question", componentCode: w.component.code, fromPeriod: w.period.code, questionTh: "ใหม่", answerType: "text" }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).code).toBe("template_quarter_open");
    await expect(updateTemplateItem(w.actors.admin, w.items.q1.id, { fromPeriod: w.period.code, active: false })).rejects.toMatchObject({ code: "template_quarter_open" });

    const [next] = await db()
      .insert(periods)
      .values({ code: "2642Q1", fiscalYear: 2642, quarter: 1, ...periodBounds(2642, 1), dueOn: defaultDueDate(2642, 1) })
      .returning();
    const added = await addTemplateItem(w.actors.analyst, { kind: "question", componentCode: w.component.code, fromPeriod: next!.code, questionTh: "มีแผนปีหน้าหรือไม่", answerType: "boolean" });
    await updateTemplateItem(w.actors.admin, w.items.q1.id, { fromPeriod: next!.code, active: false });

    const v2 = await getActiveTemplate(db(), w.component.id, next!.id);
    expect(v2).toMatchObject({ version: 2, effectiveFromPeriodId: next!.id });
    expect(added.templateId).toBe(v2!.id);
    const nextItems = (await listTemplateItems(db(), v2!.id, next!.id, w.agency.id)).map((i) => i.code);
    expect(nextItems).toEqual(["I1", "Q2", "Q3", added.code]);
    // The open quarter, and the form already saved in it, keep version 1 as it was.
    expect((await getActiveTemplate(db(), w.component.id, w.period.id))!.id).toBe(w.template.id);
    expect((await listTemplateItems(db(), submission!.templateId, w.period.id, w.agency.id)).map((i) => i.code)).toEqual(["I1", "Q1", "Q2", "Q3"]);
    const again = await saveSubmission(w.actors.officer, { ...base, version: saved.version, fields: w.complete, intent: "save" });
    expect(again.status).toBe("draft");
    const versions = (await db().select().from(auditLog).where(and(eq(auditLog.entityType, "assessment_template"), eq(auditLog.action, "template.add_item")))).map((e) => e.after);
    expect(versions.at(-1)).toMatchObject({ version: 2, fromPeriod: "2642Q1", newVersion: true });
  });
});

describeEachDatabase("quarters open and close by date; reopening", ({ db }) => {
  it("refuses agencies' work before a quarter opens and after it closes; an analyst reopens with a reason", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" as const };
    const today = todayInBangkok();
    await db().update(periods).set({ startsOn: addDays(today, 10), endsOn: addDays(today, 100) }).where(eq(periods.id, w.period.id));
    await expect(saveSubmission(w.actors.officer, base)).rejects.toMatchObject({ code: "period_upcoming" });

    // Past its closing day (due date + grace) the quarter is closed without anyone closing it.
    await db().update(periods).set({ startsOn: addDays(today, -100), endsOn: addDays(today, -40), dueOn: addDays(today, -25), closesOn: addDays(today, -1) }).where(eq(periods.id, w.period.id));
    await expect(saveSubmission(w.actors.officer, base)).rejects.toMatchObject({ code: "period_closed" });

    await expect(reopenPeriod(w.actors.officer, w.period.id, { reason: "x", closesOn: addDays(today, 7) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reopenPeriod(w.actors.executive, w.period.id, { reason: "x", closesOn: addDays(today, 7) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reopenPeriod(w.actors.analyst, w.period.id, { reason: "  ", closesOn: addDays(today, 7) })).rejects.toMatchObject({ fieldErrors: { reason: ["required"] } });
    await expect(reopenPeriod(w.actors.analyst, w.period.id, { reason: "ระบบขัดข้อง", closesOn: addDays(today, -2) })).rejects.toMatchObject({ fieldErrors: { closesOn: ["closes_in_past"] } });
    const reopened = await reopenPeriod(w.actors.analyst, w.period.id, { reason: "ระบบขัดข้องช่วงกำหนดส่ง", closesOn: addDays(today, 7) });
    expect(reopened).toMatchObject({ status: "open", closesOn: addDays(today, 7) });
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, "period.reopen"), eq(auditLog.entityId, String(w.period.id))));
    expect(entry).toMatchObject({ actorId: w.actors.analyst.id, after: { reason: "ระบบขัดข้องช่วงกำหนดส่ง" } });
    expect((await saveSubmission(w.actors.officer, base)).status).toBe("draft");
    await expect(reopenPeriod(w.actors.analyst, w.period.id, { reason: "again", closesOn: addDays(today, 9) })).rejects.toMatchObject({ code: "period_not_closed" });
  });

  it("reopens a quarter closed by hand", async () => {
    const w = await createAssessmentWorld(db(), { periodStatus: "closed" });
    await expect(saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" })).rejects.toMatchObject({ code: "period_closed" });
    await reopenPeriod(w.actors.admin, w.period.id, { reason: "หน่วยงานขอแก้ไข", closesOn: addDays(todayInBangkok(), 3) });
    const [row] = await db().select().from(periods).where(and(eq(periods.id, w.period.id), isNull(periods.closesOn)));
    expect(row).toBeUndefined();
  });
});

// An analyst sets the plausible range of a number or share item from a quarter not yet open: that
// quarter's form holds a value outside it for DGA's confirmation; the open quarter's form is unchanged.
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, periods } from "@/db/schema";
import { setTemplateItemBounds } from "@/lib/admin/templates";
import { getActiveTemplate, listTemplateItems, toFormItem } from "@/db/queries/assessment-items";
import { implausibility } from "@/core/assessments/form-schema";
import { ForbiddenError, ValidationError } from "@/core/errors";
import { defaultDueDate, periodBounds } from "@/core/fiscal/calendar";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";

const fieldsOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof ValidationError ? e.fieldErrors : e));

describeEachDatabase("the plausible range of a form item", ({ db }) => {
  it("applies from the chosen quarter on, holds a value outside it, and refuses a range that makes no sense", async () => {
    const w = await createAssessmentWorld(db());
    const [next] = await db()
      .insert(periods)
      .values({ code: "2643Q1", fiscalYear: 2643, quarter: 1, ...periodBounds(2643, 1), dueOn: defaultDueDate(2643, 1) })
      .returning();
    const itemsOf = async (periodId: number) => {
      const template = await getActiveTemplate(db(), w.component.id, periodId);
      return listTemplateItems(db(), template!.id, periodId, w.agency.id);
    };

    await setTemplateItemBounds(w.actors.analyst, w.items.i1.id, { fromPeriod: next!.code, plausibleMin: "0", plausibleMax: "1,000" });
    const i1 = (await itemsOf(next!.id)).find((i) => i.code === "I1")!;
    expect(toFormItem(i1)).toMatchObject({ plausibleMin: 0, plausibleMax: 1000 });
    expect(implausibility(toFormItem(i1), 1500)).toEqual({ code: "above_max", limit: 1000 });
    expect(implausibility(toFormItem(i1), 900)).toBeNull();
    // The open quarter's form keeps version 1, without a range.
    expect(toFormItem((await itemsOf(w.period.id)).find((i) => i.code === "I1")!)).toMatchObject({ plausibleMin: null, plausibleMax: null });
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, "template.set_bounds"), eq(auditLog.actorId, w.actors.analyst.id)));
    expect(entry!.after).toMatchObject({ code: "I1", plausibleMin: "0", plausibleMax: "1000", fromPeriod: "2643Q1", version: 2 });

    // Clearing a bound brings back the rule against the target and the previous quarter.
    await setTemplateItemBounds(w.actors.admin, w.items.i1.id, { fromPeriod: next!.code, plausibleMin: "", plausibleMax: "1000" });
    expect(toFormItem((await itemsOf(next!.id)).find((i) => i.code === "I1")!)).toMatchObject({ plausibleMin: null, plausibleMax: 1000 });

    const before = (await itemsOf(next!.id)).map((i) => [i.code, i.plausibleMin, i.plausibleMax]);
    expect(await fieldsOf(setTemplateItemBounds(w.actors.analyst, w.items.i1.id, { fromPeriod: next!.code, plausibleMin: "50", plausibleMax: "5" }))).toEqual({ plausibleMin: ["min_above_max"] });
    expect(await fieldsOf(setTemplateItemBounds(w.actors.analyst, w.items.i1.id, { fromPeriod: next!.code, plausibleMin: "ห้าสิบ" }))).toEqual({ plausibleMin: ["not_a_number"] });
    expect(await fieldsOf(setTemplateItemBounds(w.actors.analyst, w.items.q1.id, { fromPeriod: next!.code, plausibleMax: "120" }))).toEqual({ plausibleMax: ["percent_range"] });
    expect(await fieldsOf(setTemplateItemBounds(w.actors.analyst, w.items.q3.id, { fromPeriod: next!.code, plausibleMax: "5" }))).toEqual({ plausibleMin: ["bounds_numbers_only"] });
    await expect(setTemplateItemBounds(w.actors.analyst, w.items.i1.id, { fromPeriod: w.period.code, plausibleMax: "5" })).rejects.toMatchObject({ code: "template_quarter_open" });
    await expect(setTemplateItemBounds(w.actors.executive, w.items.i1.id, { fromPeriod: next!.code, plausibleMax: "5" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setTemplateItemBounds(w.actors.officer, w.items.i1.id, { fromPeriod: next!.code, plausibleMax: "5" })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await itemsOf(next!.id)).map((i) => [i.code, i.plausibleMin, i.plausibleMax])).toEqual(before);
  });
});

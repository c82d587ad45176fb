"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { previewRollover, rolloverFiscalYear } from "@/lib/admin/fiscal-year";
import { reopenPeriod } from "@/lib/admin/period-reopen";
import { createFormAction } from "@/lib/http/action";
import { publishOpenData, withdrawOpenData } from "@/lib/open-data/publish";

// The envelope only; the services validate every field (they are also what the tests call).
const rolloverForm = z.object({
  fiscalYear: z.string(),
  dueDays: z.string(),
  dueOn1: z.string().optional(),
  dueOn2: z.string().optional(),
  dueOn3: z.string().optional(),
  dueOn4: z.string().optional(),
  targets: z.string().optional(),
  factor: z.string().optional(),
});
type RolloverForm = z.infer<typeof rolloverForm>;

const toInput = (form: RolloverForm) => ({
  fiscalYear: form.fiscalYear,
  dueDays: form.dueDays,
  dueOn: { 1: form.dueOn1, 2: form.dueOn2, 3: form.dueOn3, 4: form.dueOn4 },
  targets: form.targets ?? "",
  factor: form.factor,
});

/** What the rollover would create, with the form as it was, so that the confirmation sends the same. */
export const previewRolloverAction = createFormAction({ permission: "admin.master_data", input: rolloverForm }, async (input, actor) => {
  const plan = await previewRollover(actor, toInput(input));
  return { plan, form: input };
});

export const rolloverAction = createFormAction({ permission: "admin.master_data", input: rolloverForm }, async (input, actor) => {
  const plan = await rolloverFiscalYear(actor, toInput(input));
  revalidatePath("/admin/periods");
  return { fiscalYear: plan.fiscalYear, targetCount: plan.targetCount };
});

export const reopenPeriodAction = createFormAction(
  { permission: "period.reopen", input: z.object({ periodId: recordId, reason: z.string(), closesOn: z.string() }) },
  async (input, actor) => {
    await reopenPeriod(actor, input.periodId, { reason: input.reason, closesOn: input.closesOn });
    revalidatePath("/admin/periods");
    return null;
  },
);

export const publishOpenDataAction = createFormAction({ permission: "opendata.publish", input: z.object({ periodId: recordId }) }, async (input, actor) => {
  const published = await publishOpenData(actor, input.periodId);
  revalidatePath("/admin/periods");
  return { period: published.period };
});

export const withdrawOpenDataAction = createFormAction(
  { permission: "opendata.withdraw", input: z.object({ periodId: recordId, reason: z.string() }) },
  async (input, actor) => {
    await withdrawOpenData(actor, input.periodId, { reason: input.reason });
    revalidatePath("/admin/periods");
    return null;
  },
);

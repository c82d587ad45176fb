"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { openCase, respondToCase, updateCase } from "@/lib/flags/cases";
import { bulkFollowUp } from "@/lib/flags/bulk";
import { openGroupCase, updateGroupCase } from "@/lib/flags/group-cases";
import { reevaluatePeriod } from "@/lib/facts/after-change";
import { createFormAction } from "@/lib/http/action";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

export const recomputeFlagsAction = createFormAction(
  { permission: "flags.manage", input: z.object({ periodId: recordId }) },
  async (input, actor) => {
    const summary = await reevaluatePeriod(actor, input.periodId);
    revalidatePath("/lagging");
    return summary;
  },
);

export const openCaseAction = createFormAction(
  {
    permission: "flags.manage",
    input: z.object({
      flagIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())),
      assigneeId: optional(z.string()),
      dueOn: optional(z.string()),
      plannedActions: optional(z.string()),
    }),
  },
  async (input, actor) => {
    const kase = await openCase(actor, input);
    revalidatePath("/lagging");
    return { caseId: kase.id };
  },
);

/** What an update of an agency case or a ministry/province case carries, besides which case it is. */
const CASE_UPDATE_FIELDS = {
  version: z.string(),
  status: optional(z.string()),
  assigneeId: optional(z.string()),
  dueOn: optional(z.string()),
  plannedActions: z.string().optional(),
  resolution: optional(z.string()),
  note: optional(z.string()),
};

export const updateCaseAction = createFormAction(
  {
    permission: "flags.manage",
    input: z.object({ caseId: z.string(), ...CASE_UPDATE_FIELDS }),
  },
  async (input, actor) => {
    const updated = await updateCase(actor, input);
    revalidatePath(`/cases/${updated.id}`);
    return { version: updated.version };
  },
);

export const respondToCaseAction = createFormAction(
  {
    permission: "flags.respond",
    input: z.object({ caseId: z.string(), explanation: z.string(), plannedBy: optional(z.string()) }),
  },
  async (input, actor) => {
    await respondToCase(actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return {};
  },
);

const listOf = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

/** A ministry's or province's case from the worklist's roll-up, one part per agency. */
export const openGroupCaseAction = createFormAction(
  {
    permission: "flags.manage",
    input: z.object({ periodId: z.string(), scope: z.string(), key: z.string(), assigneeId: optional(z.string()), dueOn: optional(z.string()), plannedActions: optional(z.string()) }),
  },
  async (input, actor) => {
    const opened = await openGroupCase(actor, input);
    revalidatePath("/lagging");
    return { groupId: opened.group.id, parts: opened.parts, flags: opened.flags };
  },
);

export const updateGroupCaseAction = createFormAction(
  {
    permission: "flags.manage",
    input: z.object({ groupId: z.string(), ...CASE_UPDATE_FIELDS }),
  },
  async (input, actor) => {
    const updated = await updateGroupCase(actor, input);
    revalidatePath(`/cases/group/${updated.id}`);
    return { version: updated.version };
  },
);

/** Assign, set a due date or waive the follow-up of the agencies ticked on the worklist. */
export const bulkFollowUpAction = createFormAction(
  {
    permission: "flags.manage",
    input: z.object({ periodId: z.string(), agencyIds: listOf, action: z.string(), assigneeId: optional(z.string()), dueOn: optional(z.string()), reason: optional(z.string()) }),
  },
  async (input, actor) => {
    const result = await bulkFollowUp(actor, input);
    revalidatePath("/lagging");
    return result;
  },
);

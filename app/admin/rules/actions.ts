"use server";

import { revalidatePath } from "next/cache";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { getDb } from "@/db/client";
import { flagRules } from "@/db/schema";
import { NotFoundError } from "@/core/errors";
import { paramsFromForm, updateRule } from "@/lib/flags/rule-admin";
import { updatePriorityWeights, weightsFromForm } from "@/lib/flags/priority-weights";
import { createFormAction } from "@/lib/http/action";

export const updateRuleAction = createFormAction(
  { permission: "flags.rules", input: z.looseObject({ ruleId: recordId, version: z.string(), severity: z.string(), active: z.string().optional() }) },
  async (input, actor) => {
    // The stored parameters give the shape (names, nesting, types) the form fields are read into.
    const [rule] = await getDb().select({ params: flagRules.params }).from(flagRules).where(eq(flagRules.id, input.ruleId));
    if (!rule) throw new NotFoundError("rule");
    const updated = await updateRule(actor, {
      ruleId: input.ruleId,
      version: input.version,
      severity: input.severity,
      active: input.active === "on",
      params: paramsFromForm(input, rule.params as Record<string, unknown>),
    });
    revalidatePath("/admin/rules");
    return { version: updated.version };
  },
);

/** The worklist's weights: a new version on every change (admins; checked again by the service). */
export const updatePriorityWeightsAction = createFormAction(
  { permission: "flags.rules", input: z.looseObject({ version: z.string() }) },
  async (input, actor) => {
    const saved = await updatePriorityWeights(actor, { version: input.version, weights: weightsFromForm(input) });
    revalidatePath("/admin/rules");
    revalidatePath("/lagging");
    return { version: saved.version };
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { COMPONENT_RULE_FIELDS, COMPONENT_RULE_MATCHES } from "@/core/enums";
import { createFormAction } from "@/lib/http/action";
import {
  applyComponentRules,
  createComponentRule,
  linkProjectComponent,
  mapAgencyAlias,
  rollbackImportBatch,
  saveMappingProfile,
  setComponentRuleActive,
} from "@/lib/emenscr/batch-service";

const id = recordId;

export const rollbackBatchAction = createFormAction({ permission: "import.run", input: z.object({ batchId: id }) }, async ({ batchId }, actor) => {
  const result = await rollbackImportBatch(actor, batchId);
  revalidatePath("/imports");
  return { batchId, ...result };
});

export const mapAgencyAliasAction = createFormAction(
  { permission: "import.run", input: z.object({ rawText: z.string().trim().min(1, "required").max(500), agencyId: id }) },
  async (input, actor) => mapAgencyAlias(actor, input),
);

const jsonMapping = z
  .string()
  .max(50_000)
  .transform((text, ctx) => {
    try {
      return z.record(z.string().max(300), z.string().max(50).nullable()).parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: "custom", message: "validation" });
      return z.NEVER;
    }
  });

export const saveMappingProfileAction = createFormAction(
  {
    permission: "import.run",
    input: z.object({
      name: z.string().trim().min(1, "required").max(100),
      mapping: jsonMapping.optional(),
      positions: jsonMapping.optional(),
      hasHeaderRow: z.enum(["true", "false"]).optional().transform((v) => (v === undefined ? undefined : v === "true")),
    }),
  },
  async (input, actor) => {
    const result = await saveMappingProfile(actor, input);
    revalidatePath("/imports");
    return result;
  },
);

export const createRuleAction = createFormAction(
  {
    permission: "import.run",
    input: z.object({ componentId: id, field: z.enum(COMPONENT_RULE_FIELDS), match: z.enum(COMPONENT_RULE_MATCHES), pattern: z.string().trim().min(1, "rule_pattern_empty").max(200, "rule_pattern_too_long") }),
  },
  async (input, actor) => {
    const result = await createComponentRule(actor, input);
    revalidatePath("/imports/rules");
    return result;
  },
);

export const toggleRuleAction = createFormAction(
  { permission: "import.run", input: z.object({ ruleId: id, active: z.enum(["true", "false"]).transform((v) => v === "true") }) },
  async (input, actor) => {
    await setComponentRuleActive(actor, input);
    revalidatePath("/imports/rules");
    return input;
  },
);

export const applyRulesAction = createFormAction({ permission: "import.run", input: z.object({}) }, async (_input, actor) => {
  const result = await applyComponentRules(actor);
  revalidatePath("/imports/rules");
  return result;
});

export const linkProjectAction = createFormAction(
  { permission: "import.run", input: z.object({ projectCode: z.string().trim().min(1, "required").max(100), componentId: id }) },
  async (input, actor) => {
    await linkProjectComponent(actor, input);
    return input;
  },
);

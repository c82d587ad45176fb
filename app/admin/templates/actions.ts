"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { addTemplateItem, setTemplateItemBounds, updateTemplateItem } from "@/lib/admin/templates";
import { createFormAction } from "@/lib/http/action";

export const addTemplateItemAction = createFormAction({ permission: "admin.templates", input: z.looseObject({ kind: z.enum(["indicator", "question"]) }) }, async (input, actor) => {
  const item = await addTemplateItem(actor, { ...input, required: input.required === "on", questionEn: input.questionEn || undefined });
  revalidatePath("/admin/templates");
  return { id: item.id };
});

export const updateTemplateItemAction = createFormAction(
  { permission: "admin.templates", input: z.object({ itemId: recordId, fromPeriod: z.string().optional(), field: z.enum(["required", "active"]), value: z.enum(["true", "false"]) }) },
  async (input, actor) => {
    await updateTemplateItem(actor, input.itemId, { fromPeriod: input.fromPeriod, [input.field]: input.value === "true" });
    revalidatePath("/admin/templates");
    return null;
  },
);

export const setItemBoundsAction = createFormAction(
  { permission: "admin.templates", input: z.object({ itemId: recordId, fromPeriod: z.string().optional(), plausibleMin: z.string().optional(), plausibleMax: z.string().optional() }) },
  async (input, actor) => {
    const { itemId, ...bounds } = input;
    await setTemplateItemBounds(actor, itemId, bounds);
    revalidatePath("/admin/templates");
    return null;
  },
);

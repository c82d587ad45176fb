"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { previewSroi, saveSroiYear } from "@/lib/sroi/admin";
import { createFormAction } from "@/lib/http/action";

/**
 * An agency's SROI inputs for a fiscal year: "preview" computes the ratio of the figures typed without
 * saving; "save" writes them (new year, or `assessmentId` to edit one) and re-derives ME-SROI. Field-level
 * validation lives in lib/sroi/admin.ts.
 */
export const saveSroiAction = createFormAction({ permission: "admin.catalogue", input: z.looseObject({ intent: z.enum(["save", "preview"]).default("save") }) }, async (input, actor) => {
  if (input.intent === "preview") return { saved: false, ...previewSroi(actor, input) };
  const saved = await saveSroiYear(actor, input);
  revalidatePath("/admin/sroi");
  revalidatePath("/indicators");
  revalidatePath("/", "layout");
  return { saved: true, ratio: saved.ratio, fiscalYear: saved.fiscalYear };
});

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { createIndicator, deleteIndicator, setIndicatorActive, startIndicatorVersion, updateIndicator } from "@/lib/admin/catalogue";
import { createFormAction } from "@/lib/http/action";

// Field-level validation lives in lib/admin/catalogue.ts; these check the envelope.
function refresh() {
  revalidatePath("/admin/indicators", "layout");
  revalidatePath("/indicators");
  revalidatePath("/platforms", "layout");
}

export const createIndicatorAction = createFormAction({ permission: "admin.catalogue", input: z.looseObject({}) }, async (input, actor) => {
  const created = await createIndicator(actor, input);
  refresh();
  return { code: created.code };
});

export const updateIndicatorAction = createFormAction({ permission: "admin.catalogue", input: z.looseObject({ indicatorId: recordId }) }, async (input, actor) => {
  await updateIndicator(actor, input.indicatorId, input);
  refresh();
  return null;
});

export const startIndicatorVersionAction = createFormAction({ permission: "admin.catalogue", input: z.looseObject({ indicatorId: recordId }) }, async (input, actor) => {
  const { version } = await startIndicatorVersion(actor, input.indicatorId, input);
  refresh();
  return { version: version.version };
});

export const setIndicatorActiveAction = createFormAction(
  { permission: "admin.catalogue", input: z.object({ indicatorId: recordId, active: z.enum(["true", "false"]) }) },
  async (input, actor) => {
    await setIndicatorActive(actor, input.indicatorId, input.active === "true");
    refresh();
    return null;
  },
);

export const deleteIndicatorAction = createFormAction({ permission: "admin.catalogue", input: z.object({ indicatorId: recordId }) }, async (input, actor) => {
  await deleteIndicator(actor, input.indicatorId);
  refresh();
  return null;
});

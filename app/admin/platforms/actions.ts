"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { deletePlatform, savePlatform } from "@/lib/admin/catalogue";
import { createFormAction } from "@/lib/http/action";

function refresh() {
  revalidatePath("/admin/platforms");
  revalidatePath("/platforms", "layout");
}

/** Creates a platform, or updates the one whose id the form carries. */
export const savePlatformAction = createFormAction({ permission: "admin.master_data", input: z.looseObject({ id: recordId.optional().or(z.literal("")) }) }, async (input, actor) => {
  const saved = await savePlatform(actor, input, typeof input.id === "number" ? input.id : undefined);
  refresh();
  return { code: saved.code };
});

export const deletePlatformAction = createFormAction({ permission: "admin.master_data", input: z.object({ platformId: recordId }) }, async (input, actor) => {
  await deletePlatform(actor, input.platformId);
  refresh();
  return null;
});

"use server";

import { revalidatePath } from "next/cache";
import { preferencesInput, savePreferences } from "@/lib/notifications/preferences";
import { createFormAction } from "@/lib/http/action";

export const savePreferencesAction = createFormAction({ permission: "dashboard.view", input: preferencesInput }, async (input, actor) => {
  const saved = await savePreferences(actor, input);
  revalidatePath("/settings/notifications");
  return saved;
});

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createFormAction } from "@/lib/http/action";
import { markAllNotificationsRead } from "@/lib/notifications/read-state";

/** Marks the caller's own notifications read. */
export const markAllReadAction = createFormAction({ permission: "dashboard.view", input: z.object({}) }, async (_input, actor) => {
  await markAllNotificationsRead(actor);
  revalidatePath("/notifications");
  return null;
});

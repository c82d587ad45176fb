"use server";

import { and, eq, isNull } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import { createFormAction } from "@/lib/http/action";

/** Marks the caller's own notifications read (the where clause is the scope: never someone else's). */
export const markAllReadAction = createFormAction({ permission: "dashboard.view", input: z.object({}) }, async (_input, actor) => {
  await getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  revalidatePath("/notifications");
  return null;
});

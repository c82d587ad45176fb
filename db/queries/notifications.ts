import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";

/** The caller's own notifications, newest first. */
export async function listNotifications(actor: Actor, limit = 100) {
  return getDb().select().from(notifications).where(eq(notifications.userId, actor.id)).orderBy(desc(notifications.id)).limit(limit);
}


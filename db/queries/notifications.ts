import "server-only";
import { and, desc, eq, isNull, count } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";

/** The caller's own notifications, newest first. */
export async function listNotifications(actor: Actor, limit = 100) {
  return getDb().select().from(notifications).where(eq(notifications.userId, actor.id)).orderBy(desc(notifications.id)).limit(limit);
}

export async function countUnreadNotifications(actor: Actor): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

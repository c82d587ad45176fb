import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { recordAudit } from "@/lib/audit/record";

/**
 * Marks the caller's own unread notifications read (the where clause is the scope: never someone
 * else's). Returns how many were marked; the audit entry is written only when some were.
 */
export async function markAllNotificationsRead(actor: Actor): Promise<number> {
  return getDb().transaction(async (tx) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (marked.length) {
      await recordAudit(tx, actor, { action: "notification.mark_all_read", entityType: "user", entityId: actor.id, after: { count: marked.length } });
    }
    return marked.length;
  });
}

import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { notificationPreferences } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { DEFAULT_DELIVERY_MODE, DELIVERY_MODES, NOTIFICATION_GROUPS, type DeliveryMode, type NotificationGroup } from "@/core/notifications/preferences";

/** One field per group, each one of the modes; a missing field is refused (the form always sends all). */
export const preferencesInput = z.object(Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [g, z.enum(DELIVERY_MODES, "invalid")])) as Record<NotificationGroup, z.ZodEnum<{ [K in DeliveryMode]: K }>>);

/** The user's choice for every group (defaults filled in). */
export async function getPreferences(userId: number): Promise<Record<NotificationGroup, DeliveryMode>> {
  const rows = await getDb().select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const stored = new Map(rows.map((r) => [r.group, r.mode]));
  return Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [g, stored.get(g) ?? DEFAULT_DELIVERY_MODE])) as Record<NotificationGroup, DeliveryMode>;
}

/** Saves the signed-in user's own choices (nobody sets another's). */
export async function savePreferences(actor: Actor, raw: unknown): Promise<Record<NotificationGroup, DeliveryMode>> {
  const input = preferencesInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const before = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.id));
    await tx
      .insert(notificationPreferences)
      .values(NOTIFICATION_GROUPS.map((group) => ({ userId: actor.id, group, mode: input[group] })))
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.group], set: { mode: sql`excluded.mode`, updatedAt: new Date() } });
    await recordAudit(tx, actor, { action: "notification_preferences.save", entityType: "user", entityId: actor.id, before: Object.fromEntries(before.map((b) => [b.group, b.mode])), after: input });
    return input;
  });
}

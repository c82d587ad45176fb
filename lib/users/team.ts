import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { lockManagedUser, requireUserAdminScope } from "@/db/queries/user-admin";
import { users } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { ConflictError, NotFoundError } from "@/core/errors";
import { recordAudit } from "@/lib/audit/record";

/**
 * Deactivates (or reactivates) an account within the actor's scope; its open sessions end at once
 * (sessionVersion). Accounts outside the scope are not found; nobody deactivates themselves.
 */
export async function setManagedUserActive(actor: Actor, userId: number, active: boolean): Promise<void> {
  requireUserAdminScope(actor);
  if (userId === actor.id) throw new ConflictError("cannot_deactivate_self");
  await getDb().transaction(async (tx) => {
    const user = await lockManagedUser(tx, actor, userId);
    if (!user) throw new NotFoundError("user");
    if (user.active === active) return;
    await tx
      .update(users)
      .set({ active, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await recordAudit(tx, actor, { action: active ? "user.activate" : "user.deactivate", entityType: "user", entityId: userId, before: { active: user.active }, after: { active } });
  });
}

import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";

/**
 * Signing out revokes the token, not just the cookie: the session version it carries is bumped, so a copy
 * of the token (another tab, a stolen cookie) is refused from then on by every page, action and route
 * (getActor compares versions). The version is per account, so this ends all of the account's sessions,
 * on every device. Only a token that is still current does anything: an old one changes nothing.
 * Returns whether it ended a session.
 */
export async function endSessions(userId: number, sessionVersion: number): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, userId), eq(users.sessionVersion, sessionVersion)))
      .returning();
    if (!user) return false;
    const actor = { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, agencyCode: null, locale: user.locale };
    await recordAudit(tx, actor, { action: "auth.sign_out", entityType: "user", entityId: user.id });
    return true;
  });
}

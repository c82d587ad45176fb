import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, users, type User } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";

export async function findActiveUserByEmail(email: string): Promise<User | undefined> {
  const [user] = await getDb()
    .select()
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(users.active, true)))
    .limit(1);
  return user;
}

/** For session checks only: loads a user without a caller (the caller is being established). */
export async function unsafeGetSessionUser(id: number) {
  const [row] = await getDb()
    .select({ user: users, agencyCode: agencies.code })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function listUsers(actor: Actor) {
  if (!can(actor, "admin.users")) throw new ForbiddenError();
  return getDb()
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      active: users.active,
      locale: users.locale,
      lastSignInAt: users.lastSignInAt,
      agencyCode: agencies.code,
      agencyNameTh: agencies.nameTh,
      agencyNameEn: agencies.nameEn,
    })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .orderBy(asc(users.role), asc(users.email));
}

/** Who a follow-up case can be assigned to: active DGA analysts and admins. */
export async function listAssignableUsers(actor: Actor) {
  if (!can(actor, "flags.manage")) throw new ForbiddenError();
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ["analyst", "admin"]), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/** A background job acting for the user who asked for it: the user as they are now, or null if gone or deactivated. */
export async function loadActiveActor(id: number): Promise<Actor | null> {
  const row = await unsafeGetSessionUser(id);
  return row ? actorOfUser(row) : null;
}

/** The actor a stored user acts as; null when the account is deactivated. */
export function actorOfUser({ user, agencyCode }: { user: User; agencyCode: string | null }): Actor | null {
  if (!user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, agencyCode, locale: user.locale };
}

import "server-only";
import { cache } from "react";
import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, users, type User } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";
import { escapeLike } from "./like";

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

/**
 * The same, read once per server render or action (React's cache): next-auth's session callback and
 * getActor both check the user of one request. Never kept beyond the request.
 */
export const getSessionUserOfRequest = cache(unsafeGetSessionUser);

export interface ListUsersOptions {
  /** Matched anywhere in the name or the e-mail address, literally. */
  query?: string;
}

/** Accounts whose name or e-mail contains the query, literally (undefined: no query). Shared by /admin/users and /team. */
export function userFilter(options: ListUsersOptions) {
  if (!options.query?.trim()) return undefined;
  const pattern = `%${escapeLike(options.query.trim())}%`;
  return or(ilike(users.name, pattern), ilike(users.email, pattern));
}

/** User accounts (administrators only), by role then e-mail; a window of them when given. */
export async function listUsers(actor: Actor, options: ListUsersOptions = {}, window?: { limit: number; offset: number }) {
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
    .where(userFilter(options))
    .orderBy(asc(users.role), asc(users.email), asc(users.id))
    .limit(window?.limit ?? Number.MAX_SAFE_INTEGER)
    .offset(window?.offset ?? 0);
}

/** The user accounts a page at a time (the page clamped to the last), with how many match in all. */
export async function pageUsers(actor: Actor, options: ListUsersOptions, requestedPage: number, pageSize: number) {
  if (!can(actor, "admin.users")) throw new ForbiddenError();
  const [counted] = await getDb().select({ n: count() }).from(users).where(userFilter(options));
  const total = counted?.n ?? 0;
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const rows = total ? await listUsers(actor, options, { limit: pageSize, offset: (page - 1) * pageSize }) : [];
  return { rows, total, page, pageSize };
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
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    agencyCode,
    locale: user.locale,
    province: user.province,
    managesUsers: user.managesUsers,
  };
}

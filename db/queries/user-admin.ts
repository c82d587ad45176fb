import "server-only";
import { and, asc, count, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { agencies, users, type User } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { grantableRoles, userAdminScope, userAdminRefusal, type AgencyPlace, type UserAdminScope } from "@/core/auth/user-admin";
import { ForbiddenError } from "@/core/errors";
import { userFilter, type ListUsersOptions } from "./users";

// Reads for delegated user administration (/team): the accounts within the caller's scope, as
// core/auth/user-admin.ts defines it, put into the query's where.

/** The caller's scope, or Forbidden: reviewers without the managesUsers right administer nothing. */
export function requireUserAdminScope(actor: Actor): UserAdminScope {
  const scope = userAdminScope(actor);
  if (!scope) throw new ForbiddenError();
  return scope;
}

/**
 * The ids of the agencies within a scope, resolved once per request (undefined: every agency), so that the
 * account query filters by a plain list instead of re-running the hierarchy walk.
 */
async function agencyIdsWithin(db: Queryable, scope: UserAdminScope): Promise<number[] | undefined> {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "agency":
      return [scope.agencyId];
    case "ministry": {
      const result = await db.execute<{ id: number }>(sql`with recursive below(id) as (
          select id from agencies where parent_id = ${scope.ministryId}
          union select a.id from agencies a join below b on a.parent_id = b.id
        ) select id from below`);
      return result.rows.map((r) => Number(r.id));
    }
    case "province": {
      const rows = await db
        .select({ id: agencies.id })
        .from(agencies)
        .where(and(sql`${agencies.type}::text = 'local_administration'`, eq(agencies.province, scope.province)));
      return rows.map((r) => r.id);
    }
  }
}

/** The where of "accounts this actor administers": grantable roles in agencies within scope. */
async function managedUsersWhere(db: Queryable, actor: Actor, scope: UserAdminScope): Promise<SQL | undefined> {
  const within = await agencyIdsWithin(db, scope);
  if (!within) return undefined;
  return and(inArray(users.role, [...grantableRoles(actor)]), sql`${users.agencyId} = any(${sql.param(within)}::int[])`);
}

export type ManagedUsersOptions = ListUsersOptions;

/**
 * The accounts the actor administers, a page at a time (the page clamped to the last), with how many match.
 * `invited`: the account has never chosen a password nor signed in (its invitation can be sent again).
 * One scan gives the page and the total (a window count); only a page past the end costs a second query.
 */
export async function pageManagedUsers(actor: Actor, options: ManagedUsersOptions, requestedPage: number, pageSize: number) {
  const scope = requireUserAdminScope(actor);
  const db = getDb();
  const where = and(await managedUsersWhere(db, actor, scope), userFilter(options));
  const pageOf = (page: number) =>
    db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        sso: users.sso,
        invited: sql<boolean>`(${users.passwordHash} is null and ${users.lastSignInAt} is null)`,
        lastSignInAt: users.lastSignInAt,
        agencyCode: agencies.code,
        agencyNameTh: agencies.nameTh,
        agencyNameEn: agencies.nameEn,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(users)
      .leftJoin(agencies, eq(agencies.id, users.agencyId))
      .where(where)
      .orderBy(asc(users.email), asc(users.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
  let page = Math.max(1, requestedPage);
  let found = await pageOf(page);
  let total = found[0]?.total ?? 0;
  if (!found.length && page > 1) {
    const [counted] = await db.select({ n: count() }).from(users).where(where);
    total = counted?.n ?? 0;
    page = Math.max(1, Math.ceil(total / pageSize));
    found = total ? await pageOf(page) : [];
  }
  const rows = found.map(({ total: _total, ...row }) => row);
  return { rows, total, page, pageSize };
}

/** An agency's place in the hierarchy (its ancestors through parentId), by code or id. */
export async function findAgencyPlace(db: Queryable, by: { code: string } | { id: number }): Promise<(AgencyPlace & { code: string; active: boolean }) | null> {
  const [agency] = await db
    .select({ id: agencies.id, code: agencies.code, type: agencies.type, province: agencies.province, active: agencies.active })
    .from(agencies)
    .where("code" in by ? eq(agencies.code, by.code) : eq(agencies.id, by.id));
  if (!agency) return null;
  const result = await db.execute<{ id: number }>(sql`with recursive above(id, parent_id, depth) as (
      select id, parent_id, 0 from agencies where id = ${agency.id}
      union all select a.id, a.parent_id, above.depth + 1 from agencies a join above on a.id = above.parent_id where above.depth < 50
    ) select id from above where depth > 0 order by depth`);
  return { ...agency, ancestorIds: result.rows.map((r) => Number(r.id)) };
}

/** Every agency's place, by id and by code: for checking a whole uploaded file at once. */
export async function loadAgencyPlaces(db: Queryable) {
  const rows = await db.select({ id: agencies.id, code: agencies.code, type: agencies.type, province: agencies.province, parentId: agencies.parentId, active: agencies.active }).from(agencies);
  const parentOf = new Map(rows.map((a) => [a.id, a.parentId]));
  const byId = new Map<number, AgencyPlace & { code: string; active: boolean }>();
  for (const a of rows) {
    const ancestorIds: number[] = [];
    for (let p = a.parentId, steps = 0; p !== null && p !== undefined && steps < 50; p = parentOf.get(p) ?? null, steps++) ancestorIds.push(p);
    byId.set(a.id, { id: a.id, code: a.code, type: a.type, province: a.province, active: a.active, ancestorIds });
  }
  return { byId, byCode: new Map([...byId.values()].map((a) => [a.code, a])) };
}

/**
 * A stored account the actor administers, locked for update inside the caller's transaction; null when
 * there is none or it lies outside the actor's scope (answered as not found, so its existence is not told).
 */
export async function lockManagedUser(tx: Queryable, actor: Actor, userId: number): Promise<User | null> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) return null;
  const agency = user.agencyId ? await findAgencyPlace(tx, { id: user.agencyId }) : null;
  const refusal = userAdminRefusal(actor, { role: user.role, agency, province: user.province, managesUsers: user.managesUsers });
  return refusal ? null : user;
}

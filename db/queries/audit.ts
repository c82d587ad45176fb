import "server-only";
import { and, count, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";
import { escapeLike } from "./like";

export interface ListAuditOptions {
  actor?: string;
  action?: string;
  entityType?: string;
  /** ISO dates, inclusive. */
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export async function listAuditEntries(caller: Actor, options: ListAuditOptions = {}) {
  if (!can(caller, "admin.audit")) throw new ForbiddenError();
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const page = Math.max(options.page ?? 1, 1);
  const filters: SQL[] = [];
  if (options.actor) filters.push(ilike(auditLog.actorLabel, `%${escapeLike(options.actor)}%`));
  if (options.action) filters.push(ilike(auditLog.action, `${escapeLike(options.action)}%`));
  if (options.entityType) filters.push(eq(auditLog.entityType, options.entityType));
  if (options.from) filters.push(gte(auditLog.at, new Date(`${options.from}T00:00:00+07:00`)));
  if (options.to) {
    const end = new Date(`${options.to}T00:00:00+07:00`);
    end.setUTCDate(end.getUTCDate() + 1);
    filters.push(lt(auditLog.at, end));
  }
  const where = filters.length ? and(...filters) : undefined;
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page, pageSize };
}

export async function listAuditEntityTypes(caller: Actor): Promise<string[]> {
  if (!can(caller, "admin.audit")) throw new ForbiddenError();
  const rows = await getDb().selectDistinct({ t: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType);
  return rows.map((r) => r.t);
}

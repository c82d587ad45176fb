import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, components } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/core/errors";

/** Every agency, inactive ones included (the public list hides them), for master-data administration. */
export async function listAgenciesForAdmin(actor: Actor, window?: { limit: number; offset: number }) {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  const parent = alias(agencies, "parent");
  return getDb()
    .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn, type: agencies.type, active: agencies.active, parentCode: parent.code })
    .from(agencies)
    .leftJoin(parent, eq(parent.id, agencies.parentId))
    .orderBy(asc(agencies.code))
    .limit(window?.limit ?? Number.MAX_SAFE_INTEGER)
    .offset(window?.offset ?? 0);
}

/** The administration's agency list a page at a time (the page clamped to the last), with how many in all. */
export async function pageAgenciesForAdmin(actor: Actor, requestedPage: number, pageSize: number) {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  const [counted] = await getDb().select({ n: count() }).from(agencies);
  const total = counted?.n ?? 0;
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const rows = await listAgenciesForAdmin(actor, { limit: pageSize, offset: (page - 1) * pageSize });
  return { rows, total, page, pageSize };
}

export async function getAgencyForAdmin(actor: Actor, code: string) {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  const db = getDb();
  const parent = alias(agencies, "parent");
  const [row] = await db.select({ agency: agencies, parentCode: parent.code, parentNameTh: parent.nameTh, parentNameEn: parent.nameEn }).from(agencies).leftJoin(parent, eq(parent.id, agencies.parentId)).where(eq(agencies.code, code));
  if (!row) throw new NotFoundError("agency");
  const tags = await db.select().from(agencyComponents).where(eq(agencyComponents.agencyId, row.agency.id));
  const all = await db.select().from(components).orderBy(asc(components.ordinal));
  return { ...row, components: all.map((c) => ({ code: c.code, nameTh: c.nameTh, nameEn: c.nameEn, dgaRole: tags.find((t) => t.componentId === c.id)?.dgaRole ?? null })) };
}

import "server-only";
import { asc, count, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { componentRules, components, importBatches, mappingProfiles, periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can, type Permission } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";

function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** Import history, newest first (DGA-wide data: import.view roles only). */
export async function listImportBatches(actor: Actor, limit = 50, offset = 0) {
  requirePermission(actor, "import.view");
  return getDb()
    .select({
      id: importBatches.id,
      fileName: importBatches.fileName,
      fileSha256: importBatches.fileSha256,
      format: importBatches.format,
      periodCode: periods.code,
      actorLabel: importBatches.actorLabel,
      status: importBatches.status,
      rowCount: importBatches.rowCount,
      insertedCount: importBatches.insertedCount,
      updatedCount: importBatches.updatedCount,
      unchangedCount: importBatches.unchangedCount,
      createdAt: importBatches.createdAt,
      rolledBackAt: importBatches.rolledBackAt,
    })
    .from(importBatches)
    .leftJoin(periods, eq(periods.id, importBatches.periodId))
    .orderBy(desc(importBatches.id))
    .limit(Math.min(Math.max(limit, 1), 200))
    .offset(Math.max(offset, 0));
}

/** The import history a page at a time, newest first (the page clamped to the last), with how many in all. */
export async function pageImportBatches(actor: Actor, requestedPage: number, pageSize: number) {
  requirePermission(actor, "import.view");
  const [counted] = await getDb().select({ n: count() }).from(importBatches);
  const total = counted?.n ?? 0;
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const rows = total ? await listImportBatches(actor, pageSize, (page - 1) * pageSize) : [];
  return { rows, total, page, pageSize };
}

export async function listMappingProfiles(actor: Actor) {
  requirePermission(actor, "import.run");
  return getDb().select({ id: mappingProfiles.id, name: mappingProfiles.name, mapping: mappingProfiles.mapping }).from(mappingProfiles).orderBy(asc(mappingProfiles.name));
}

/** Every agency, for mapping an unmatched name once (importers work DGA-wide). */
export async function listImportPeriods(actor: Actor) {
  requirePermission(actor, "import.run");
  return getDb().select({ code: periods.code, status: periods.status }).from(periods).orderBy(desc(periods.code));
}

export async function listComponentRules(actor: Actor) {
  requirePermission(actor, "import.run");
  return getDb()
    .select({
      id: componentRules.id,
      field: componentRules.field,
      match: componentRules.match,
      pattern: componentRules.pattern,
      active: componentRules.active,
      componentCode: components.code,
      componentNameTh: components.nameTh,
      componentNameEn: components.nameEn,
    })
    .from(componentRules)
    .innerJoin(components, eq(components.id, componentRules.componentId))
    .orderBy(asc(components.ordinal), asc(componentRules.id));
}

export async function listComponentChoices() {
  return getDb().select({ id: components.id, code: components.code, nameTh: components.nameTh, nameEn: components.nameEn }).from(components).orderBy(asc(components.ordinal));
}

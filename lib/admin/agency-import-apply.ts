import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { agencies, agencyComponents, type Agency } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import type { AgencyType, DgaRole } from "@/core/enums";
import { recordAuditMany, type AuditOptions } from "@/lib/audit/record";
import type { PreviewRow } from "@/lib/import/table";

const BATCH = 1000;

/** An agency as a file row wants it stored. */
export interface Desired {
  code: string;
  nameTh: string;
  nameEn: string;
  abbrTh: string | null;
  abbrEn: string | null;
  type: AgencyType;
  parentCode: string | null;
  province: string | null;
  active: boolean;
}

/** The agencies and their component tags as stored now. */
export interface StoredAgencies {
  existing: Agency[];
  byCode: Map<string, Agency>;
  codeById: Map<number, string>;
  rolesOf: Map<number, Map<number, DgaRole>>;
}

/** One row of the file, checked and compared with what is stored. */
export interface PlannedAgency {
  preview: PreviewRow;
  desired: Desired;
  before?: Agency;
  roles: Map<number, DgaRole | null>;
  roleChanges: { componentId: number; role: DgaRole | null }[];
  agencyChanged: boolean;
}

/** Writes a checked agency file: the agencies, their parents, their component tags, one audit entry per change. */
export async function applyAgencyPlan(tx: Transaction, actor: Actor, planned: readonly PlannedAgency[], stored: StoredAgencies) {
  const writes = planned.filter((p) => p.agencyChanged);
  const idOf = await writeAgencies(tx, writes, stored);
  await linkNewParents(tx, writes, stored, idOf);
  const tagWrites = planned.flatMap((p) => p.roleChanges.map((r) => ({ agencyId: idOf.get(p.desired.code)!, ...r })));
  await writeComponentTags(tx, tagWrites);
  await recordAuditMany(tx, actor, auditEntries(planned, idOf));
  return { agencies: writes.length, tags: tagWrites.length };
}

/** Inserts or updates the agencies; returns the id of every agency by code. */
async function writeAgencies(tx: Transaction, writes: readonly PlannedAgency[], stored: StoredAgencies): Promise<Map<string, number>> {
  const idOf = new Map(stored.existing.map((a) => [a.code, a.id]));
  for (let i = 0; i < writes.length; i += BATCH) {
    const written = await tx
      .insert(agencies)
      .values(
        writes.slice(i, i + BATCH).map(({ desired: d }) => ({
          code: d.code,
          nameTh: d.nameTh,
          nameEn: d.nameEn,
          abbrTh: d.abbrTh,
          abbrEn: d.abbrEn,
          type: d.type,
          province: d.province,
          active: d.active,
          // Parents new in this file get their id once every row is written.
          parentId: d.parentCode ? (idOf.get(d.parentCode) ?? null) : null,
        })),
      )
      .onConflictDoUpdate({
        target: agencies.code,
        set: {
          nameTh: sql`excluded.name_th`,
          nameEn: sql`excluded.name_en`,
          abbrTh: sql`excluded.abbr_th`,
          abbrEn: sql`excluded.abbr_en`,
          type: sql`excluded.type`,
          province: sql`excluded.province`,
          active: sql`excluded.active`,
          parentId: sql`excluded.parent_id`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: agencies.id, code: agencies.code });
    for (const w of written) idOf.set(w.code, w.id);
  }
  return idOf;
}

/** One statement per parent that is new in this file (a new ministry with its thousands of local offices). */
async function linkNewParents(tx: Transaction, writes: readonly PlannedAgency[], stored: StoredAgencies, idOf: Map<string, number>) {
  const childrenOfNewParent = new Map<string, string[]>();
  for (const { desired } of writes) {
    if (desired.parentCode && !stored.byCode.has(desired.parentCode)) childrenOfNewParent.set(desired.parentCode, [...(childrenOfNewParent.get(desired.parentCode) ?? []), desired.code]);
  }
  for (const [parentCode, codes] of childrenOfNewParent) {
    for (let i = 0; i < codes.length; i += BATCH) await tx.update(agencies).set({ parentId: idOf.get(parentCode)! }).where(inArray(agencies.code, codes.slice(i, i + BATCH)));
  }
}

async function writeComponentTags(tx: Transaction, tagWrites: readonly { agencyId: number; componentId: number; role: DgaRole | null }[]) {
  const removed = tagWrites.filter((t) => t.role === null);
  for (const t of removed) await tx.delete(agencyComponents).where(and(eq(agencyComponents.agencyId, t.agencyId), eq(agencyComponents.componentId, t.componentId)));
  const set = tagWrites.filter((t): t is typeof t & { role: DgaRole } => t.role !== null);
  for (let i = 0; i < set.length; i += BATCH) {
    await tx
      .insert(agencyComponents)
      .values(set.slice(i, i + BATCH).map((t) => ({ agencyId: t.agencyId, componentId: t.componentId, dgaRole: t.role })))
      .onConflictDoUpdate({ target: [agencyComponents.agencyId, agencyComponents.componentId], set: { dgaRole: sql`excluded.dga_role`, updatedAt: sql`now()` } });
  }
}

function auditEntries(planned: readonly PlannedAgency[], idOf: Map<string, number>): AuditOptions[] {
  return planned
    .filter((p) => p.preview.change === "new" || p.preview.change === "changed")
    .map((p) => ({
      action: p.preview.change === "new" ? "agency.create" : "agency.update",
      entityType: "agency",
      entityId: idOf.get(p.desired.code)!,
      before: p.before ? Object.fromEntries(p.preview.changes.map((c) => [c.field, c.before])) : undefined,
      after: { ...Object.fromEntries(p.preview.changes.map((c) => [c.field, c.after])), code: p.desired.code, via: "import" },
    }));
}

import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, components } from "@/db/schema";
import { toFieldErrors } from "@/core/assessments/form-schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { AGENCY_TYPES, DGA_ROLES } from "@/core/enums";
import { ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { normaliseText } from "@/core/parse/values";

const text = (max: number) => z.string().transform(normaliseText).pipe(z.string().max(max, { message: "too_long" }));
const optional = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => normaliseText(v ?? ""))
    .pipe(z.string().max(max, { message: "too_long" }))
    .transform((v) => v || null);

export const agencyInput = z.object({
  // Codes are text: leading zeros matter ("03002").
  code: text(20).pipe(z.string().regex(/^[0-9A-Za-z._-]+$/, { message: "invalid_code" })),
  nameTh: text(300).pipe(z.string().min(1, { message: "required" })),
  nameEn: text(300).pipe(z.string().min(1, { message: "required" })),
  abbrTh: optional(50),
  abbrEn: optional(50),
  type: z.enum(AGENCY_TYPES, { message: "required" }),
  parentCode: optional(20),
  province: optional(100),
});

/** Creates an agency, or updates the one with `id`; the parent is referenced by code. */
export async function saveAgency(actor: Actor, input: unknown, id?: number) {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  const parsed = agencyInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const { parentCode, ...data } = parsed.data;
  return getDb().transaction(async (tx) => {
    let parentId: number | null = null;
    if (parentCode) {
      const [parent] = await tx.select().from(agencies).where(eq(agencies.code, parentCode));
      if (!parent || parent.id === id) throw new ValidationError({ parentCode: ["unknown_agency"] });
      parentId = parent.id;
    }
    const [clash] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(id ? and(eq(agencies.code, data.code), ne(agencies.id, id)) : eq(agencies.code, data.code));
    if (clash) throw new ValidationError({ code: ["code_taken"] });
    if (id) {
      const [before] = await tx.select().from(agencies).where(eq(agencies.id, id)).for("update");
      if (!before) throw new NotFoundError("agency");
      const [after] = await tx.update(agencies).set({ ...data, parentId }).where(eq(agencies.id, id)).returning();
      await recordAudit(tx, actor, { action: "agency.update", entityType: "agency", entityId: id, before, after });
      return after!;
    }
    const [created] = await tx.insert(agencies).values({ ...data, parentId }).returning();
    await recordAudit(tx, actor, { action: "agency.create", entityType: "agency", entityId: created!.id, after: created });
    return created!;
  });
}

/** Deactivated agencies drop out of expected submissions and reminders; their history stays. */
export async function setAgencyActive(actor: Actor, agencyId: number, active: boolean) {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(agencies).where(eq(agencies.id, agencyId)).for("update");
    if (!before) throw new NotFoundError("agency");
    await tx.update(agencies).set({ active }).where(eq(agencies.id, agencyId));
    await recordAudit(tx, actor, { action: active ? "agency.activate" : "agency.deactivate", entityType: "agency", entityId: agencyId, before: { active: before.active }, after: { active } });
  });
}

export const componentTagInput = z.object({ componentCode: z.string().min(1), dgaRole: z.enum([...DGA_ROLES, "none"]) });

/** Tags an agency with a component and DGA's role toward it ("none" removes the tag). */
export async function setAgencyComponent(actor: Actor, agencyId: number, input: unknown) {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  const parsed = componentTagInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const { componentCode, dgaRole } = parsed.data;
  return getDb().transaction(async (tx) => {
    const [component] = await tx.select().from(components).where(eq(components.code, componentCode));
    const [agency] = await tx.select().from(agencies).where(eq(agencies.id, agencyId));
    if (!component || !agency) throw new NotFoundError("agency");
    const [before] = await tx.select().from(agencyComponents).where(and(eq(agencyComponents.agencyId, agencyId), eq(agencyComponents.componentId, component.id)));
    if (dgaRole === "none") await tx.delete(agencyComponents).where(and(eq(agencyComponents.agencyId, agencyId), eq(agencyComponents.componentId, component.id)));
    else
      await tx
        .insert(agencyComponents)
        .values({ agencyId, componentId: component.id, dgaRole })
        .onConflictDoUpdate({ target: [agencyComponents.agencyId, agencyComponents.componentId], set: { dgaRole } });
    await recordAudit(tx, actor, { action: "agency.tag_component", entityType: "agency", entityId: agencyId, before: { component: componentCode, dgaRole: before?.dgaRole ?? null }, after: { component: componentCode, dgaRole: dgaRole === "none" ? null : dgaRole } });
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { askTags, dgaUnits } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { parseKeywordList } from "@/core/asks/tags";
import { ForbiddenError } from "@/core/errors";

// The administrators' lists: ask tags (with the keywords that suggest them) and DGA's units. Saved by code:
// an existing code is edited, a new one added; nothing is deleted (confirmed tags and routed requests keep
// their meaning), an entry is deactivated instead.

const code = z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, "invalid_code");
const name = z.string().trim().min(1, "required").max(200, "too_long");
const active = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

export const saveTagInput = z.object({ code, nameTh: name, nameEn: name, keywords: z.string().max(4000, "too_long").default(""), active });
export const saveUnitInput = z.object({ code, nameTh: name, nameEn: name, active });

export async function saveAskTag(actor: Actor, raw: unknown) {
  if (!can(actor, "asks.admin")) throw new ForbiddenError();
  const input = saveTagInput.parse(raw);
  const values = { nameTh: input.nameTh, nameEn: input.nameEn, keywords: parseKeywordList(input.keywords), active: input.active };
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(askTags).where(eq(askTags.code, input.code));
    const [saved] = before
      ? await tx.update(askTags).set(values).where(eq(askTags.id, before.id)).returning()
      : await tx.insert(askTags).values({ code: input.code, ...values, ordinal: 100 }).returning();
    await recordAudit(tx, actor, { action: before ? "ask_tag.update" : "ask_tag.create", entityType: "ask_tag", entityId: saved!.id, before: before ?? null, after: saved });
    return saved!;
  });
}

export async function saveDgaUnit(actor: Actor, raw: unknown) {
  if (!can(actor, "asks.admin")) throw new ForbiddenError();
  const input = saveUnitInput.parse(raw);
  const values = { nameTh: input.nameTh, nameEn: input.nameEn, active: input.active };
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(dgaUnits).where(eq(dgaUnits.code, input.code));
    const [saved] = before ? await tx.update(dgaUnits).set(values).where(eq(dgaUnits.id, before.id)).returning() : await tx.insert(dgaUnits).values({ code: input.code, ...values }).returning();
    await recordAudit(tx, actor, { action: before ? "dga_unit.update" : "dga_unit.create", entityType: "dga_unit", entityId: saved!.id, before: before ?? null, after: saved });
    return saved!;
  });
}

import "server-only";
import { and, count, eq, max } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { assessmentItems, assessmentTemplates, components, indicators, type LevelDescriptor } from "@/db/schema";
import { ANSWER_TYPES } from "@/core/assessments/enums";
import { toFieldErrors } from "@/core/assessments/form-schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";

/** A new level question starts with a neutral five-step scale that admins then reword. */
export const DEFAULT_LEVELS: LevelDescriptor[] = [1, 2, 3, 4, 5].map((level) => ({ level, th: `ระดับ ${level}`, en: `Level ${level}` }));

export const addItemInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("indicator"), componentCode: z.string().min(1), indicatorCode: z.string().min(1, { message: "required" }), required: z.boolean().default(true) }),
  z.object({
    kind: z.literal("question"),
    componentCode: z.string().min(1),
    questionTh: z.string().trim().min(1, { message: "required" }).max(500, { message: "too_long" }),
    questionEn: z.string().trim().max(500, { message: "too_long" }).optional(),
    answerType: z.enum(ANSWER_TYPES, { message: "required" }),
    required: z.boolean().default(true),
  }),
]);

/** Adds an indicator of the component, or a question, at the end of the component's template. */
export async function addTemplateItem(actor: Actor, input: unknown) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  const parsed = addItemInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const data = parsed.data;
  return getDb().transaction(async (tx) => {
    const [component] = await tx.select().from(components).where(eq(components.code, data.componentCode));
    if (!component) throw new NotFoundError("component");
    const [template] = await tx
      .insert(assessmentTemplates)
      .values({ componentId: component.id, nameTh: `แบบประเมินตนเอง ${component.nameTh}`, nameEn: `Self-assessment: ${component.nameEn}` })
      .onConflictDoUpdate({ target: assessmentTemplates.componentId, set: { active: true } })
      .returning();
    const [{ last } = { last: 0 }] = await tx.select({ last: max(assessmentItems.ordinal) }).from(assessmentItems).where(eq(assessmentItems.templateId, template!.id));
    let values: typeof assessmentItems.$inferInsert;
    if (data.kind === "indicator") {
      // Only the component's own indicators: a form is per component.
      const [indicator] = await tx.select().from(indicators).where(and(eq(indicators.code, data.indicatorCode), eq(indicators.componentId, component.id)));
      if (!indicator) throw new ValidationError({ indicatorCode: ["unknown_indicator"] });
      values = { templateId: template!.id, code: indicator.code, ordinal: (last ?? 0) + 1, kind: "indicator", indicatorId: indicator.id, answerType: indicator.valueType, required: data.required, levelDescriptors: indicator.valueType === "level" ? DEFAULT_LEVELS : null };
    } else {
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(assessmentItems).where(and(eq(assessmentItems.templateId, template!.id), eq(assessmentItems.kind, "question")));
      values = {
        templateId: template!.id,
        code: `${component.code}.q${n + 1}`,
        ordinal: (last ?? 0) + 1,
        kind: "question",
        questionTh: data.questionTh,
        questionEn: data.questionEn || null,
        answerType: data.answerType,
        required: data.required,
        levelDescriptors: data.answerType === "level" ? DEFAULT_LEVELS : null,
      };
    }
    // The same indicator twice would ask for one figure twice (whatever the item codes say).
    const [existing] = await tx
      .select()
      .from(assessmentItems)
      .where(and(eq(assessmentItems.templateId, template!.id), values.indicatorId ? eq(assessmentItems.indicatorId, values.indicatorId) : eq(assessmentItems.code, values.code)));
    if (existing) throw new ValidationError({ indicatorCode: ["already_in_template"] });
    const [item] = await tx.insert(assessmentItems).values(values).returning();
    await recordAudit(tx, actor, { action: "template.add_item", entityType: "assessment_template", entityId: template!.id, after: { itemId: item!.id, code: item!.code, kind: item!.kind, answerType: item!.answerType, required: item!.required } });
    return item!;
  });
}

/**
 * Marks an item required/optional or (de)activates it. Items are never deleted: past submissions keep
 * their answers, and a deactivated item simply leaves the form.
 */
export async function updateTemplateItem(actor: Actor, itemId: number, patch: { required?: boolean; active?: boolean }) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(assessmentItems).where(eq(assessmentItems.id, itemId)).for("update");
    if (!before) throw new NotFoundError("item");
    const set = { ...(patch.required === undefined ? {} : { required: patch.required }), ...(patch.active === undefined ? {} : { active: patch.active }) };
    const [after] = await tx.update(assessmentItems).set(set).where(eq(assessmentItems.id, itemId)).returning();
    await recordAudit(tx, actor, { action: "template.update_item", entityType: "assessment_template", entityId: before.templateId, before: { itemId, required: before.required, active: before.active }, after: { itemId, ...set } });
    return after!;
  });
}

import "server-only";
import { and, count, eq, gte, max } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { assessmentItems, assessmentTemplates, components, indicators, periods, submissions, type AssessmentTemplate, type LevelDescriptor } from "@/db/schema";
import type { Transaction } from "@/db/client";
import { getActiveTemplate } from "@/db/queries/assessment-items";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { ANSWER_TYPES } from "@/core/assessments/enums";
import { toFieldErrors } from "@/core/assessments/form-schema";
import { parseNumber } from "@/core/parse/values";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";

/** A new level question starts with a neutral five-step scale that admins then reword. */
export const DEFAULT_LEVELS: LevelDescriptor[] = [1, 2, 3, 4, 5].map((level) => ({ level, th: `ระดับ ${level}`, en: `Level ${level}` }));

const fromPeriod = z.string({ message: "required" }).trim().regex(/^\d{4}Q[1-4]$/, { message: "unknown_period" });

export const addItemInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("indicator"), componentCode: z.string().min(1), fromPeriod, indicatorCode: z.string().min(1, { message: "required" }), required: z.boolean().default(true) }),
  z.object({
    kind: z.literal("question"),
    componentCode: z.string().min(1),
    fromPeriod,
    questionTh: z.string().trim().min(1, { message: "required" }).max(500, { message: "too_long" }),
    questionEn: z.string().trim().max(500, { message: "too_long" }).optional(),
    answerType: z.enum(ANSWER_TYPES, { message: "required" }),
    required: z.boolean().default(true),
  }),
]);

/**
 * The template version a change from quarter `periodCode` on goes into. A change applies only to quarters
 * not yet open: a quarter that has begun may hold forms being filled in, and a form is bound to the version
 * it was created under. The quarter's own version is edited in place when it starts there (nobody has used
 * it yet); otherwise a new version effective from that quarter is made as a copy of the one in force.
 * Returns the version and, for a copy, the new item id of each copied item's code.
 */
async function versionForChange(tx: Transaction, componentId: number, periodCode: string): Promise<AssessmentTemplate & { created: boolean }> {
  const [period] = await tx.select().from(periods).where(eq(periods.code, periodCode)).limit(1);
  if (!period) throw new ValidationError({ fromPeriod: ["unknown_period"] });
  if (period.startsOn <= todayInBangkok()) throw new ConflictError("template_quarter_open");
  // Forms already started for this quarter or a later one (possible only by hand in the database or a
  // quarter reopened early) would silently change meaning: refuse instead.
  const [used] = await tx
    .select({ id: submissions.id })
    .from(submissions)
    .innerJoin(periods, eq(periods.id, submissions.periodId))
    .where(and(eq(submissions.componentId, componentId), gte(periods.startsOn, period.startsOn)))
    .limit(1);
  if (used) throw new ConflictError("template_in_use");
  // Versions of one component are numbered in order: serialise concurrent changes on the component's row.
  await tx.select({ id: components.id }).from(components).where(eq(components.id, componentId)).for("update");
  const current = await getActiveTemplate(tx, componentId, period.id);
  if (current?.effectiveFromPeriodId === period.id) return { ...current, created: false };
  const [{ last } = { last: 0 }] = await tx.select({ last: max(assessmentTemplates.version) }).from(assessmentTemplates).where(eq(assessmentTemplates.componentId, componentId));
  const [component] = await tx.select().from(components).where(eq(components.id, componentId));
  const [created] = await tx
    .insert(assessmentTemplates)
    .values({
      componentId,
      version: (last ?? 0) + 1,
      effectiveFromPeriodId: period.id,
      nameTh: current?.nameTh ?? `แบบประเมินตนเอง ${component!.nameTh}`,
      nameEn: current?.nameEn ?? `Self-assessment: ${component!.nameEn}`,
    })
    .returning();
  if (current) {
    const items = await tx.select().from(assessmentItems).where(eq(assessmentItems.templateId, current.id));
    if (items.length) {
      await tx.insert(assessmentItems).values(
        items.map(({ id: _id, createdAt: _c, updatedAt: _u, ...item }) => ({ ...item, templateId: created!.id })),
      );
    }
  }
  return { ...created!, created: true };
}

/** Adds an indicator of the component, or a question, at the end of the form from quarter `fromPeriod` on. */
export async function addTemplateItem(actor: Actor, input: unknown) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  const parsed = addItemInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const data = parsed.data;
  return getDb().transaction(async (tx) => {
    const [component] = await tx.select().from(components).where(eq(components.code, data.componentCode));
    if (!component) throw new NotFoundError("component");
    const template = await versionForChange(tx, component.id, data.fromPeriod);
    const [{ last } = { last: 0 }] = await tx.select({ last: max(assessmentItems.ordinal) }).from(assessmentItems).where(eq(assessmentItems.templateId, template.id));
    let values: typeof assessmentItems.$inferInsert;
    if (data.kind === "indicator") {
      // Only the component's own indicators: a form is per component.
      const [indicator] = await tx.select().from(indicators).where(and(eq(indicators.code, data.indicatorCode), eq(indicators.componentId, component.id)));
      if (!indicator) throw new ValidationError({ indicatorCode: ["unknown_indicator"] });
      values = { templateId: template.id, code: indicator.code, ordinal: (last ?? 0) + 1, kind: "indicator", indicatorId: indicator.id, answerType: indicator.valueType, required: data.required, levelDescriptors: indicator.valueType === "level" ? DEFAULT_LEVELS : null };
    } else {
      const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(assessmentItems).where(and(eq(assessmentItems.templateId, template.id), eq(assessmentItems.kind, "question")));
      values = {
        templateId: template.id,
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
      .where(and(eq(assessmentItems.templateId, template.id), values.indicatorId ? eq(assessmentItems.indicatorId, values.indicatorId) : eq(assessmentItems.code, values.code)));
    if (existing) throw new ValidationError({ indicatorCode: ["already_in_template"] });
    const [item] = await tx.insert(assessmentItems).values(values).returning();
    await recordAudit(tx, actor, {
      action: "template.add_item",
      entityType: "assessment_template",
      entityId: template.id,
      after: { itemId: item!.id, code: item!.code, kind: item!.kind, answerType: item!.answerType, required: item!.required, version: template.version, fromPeriod: data.fromPeriod, newVersion: template.created },
    });
    return item!;
  });
}

export const updateItemInput = z.object({ fromPeriod, required: z.boolean().optional(), active: z.boolean().optional() });

/**
 * Marks an item required/optional or (de)activates it from quarter `fromPeriod` on. Items are never
 * deleted: past submissions keep their answers, and a deactivated item simply leaves later forms.
 */
export async function updateTemplateItem(actor: Actor, itemId: number, input: unknown) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  const parsed = updateItemInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const { fromPeriod: periodCode, ...patch } = parsed.data;
  return getDb().transaction(async (tx) => {
    const [given] = await tx
      .select({ code: assessmentItems.code, componentId: assessmentTemplates.componentId })
      .from(assessmentItems)
      .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessmentItems.templateId))
      .where(eq(assessmentItems.id, itemId));
    if (!given) throw new NotFoundError("item");
    const template = await versionForChange(tx, given.componentId, periodCode);
    // The item as it stands in the version being changed (a fresh copy when the version is new).
    const [before] = await tx
      .select()
      .from(assessmentItems)
      .where(and(eq(assessmentItems.templateId, template.id), eq(assessmentItems.code, given.code)))
      .for("update");
    if (!before) throw new NotFoundError("item");
    const set = { ...(patch.required === undefined ? {} : { required: patch.required }), ...(patch.active === undefined ? {} : { active: patch.active }) };
    const [after] = await tx.update(assessmentItems).set(set).where(eq(assessmentItems.id, before.id)).returning();
    await recordAudit(tx, actor, {
      action: "template.update_item",
      entityType: "assessment_template",
      entityId: template.id,
      before: { itemId: before.id, required: before.required, active: before.active },
      after: { itemId: before.id, ...set, version: template.version, fromPeriod: periodCode, newVersion: template.created },
    });
    return after!;
  });
}

const bound = z
  .string()
  .trim()
  .optional()
  .transform((text, ctx) => {
    if (!text) return null;
    const parsed = parseNumber(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: "not_a_number" });
      return z.NEVER;
    }
    return parsed.value;
  });

export const itemBoundsInput = z.object({ fromPeriod, plausibleMin: bound, plausibleMax: bound });

/**
 * Sets the range of values a number or share item may plausibly hold, from quarter `fromPeriod` on (a new
 * template version when needed). A value outside it is held until a DGA analyst confirms it; blank bounds
 * fall back to the rule against the target and the previous quarter (core/assessments/form-schema.ts).
 */
export async function setTemplateItemBounds(actor: Actor, itemId: number, input: unknown) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  const parsed = itemBoundsInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const { fromPeriod: periodCode, plausibleMin, plausibleMax } = parsed.data;
  if (plausibleMin !== null && plausibleMax !== null && plausibleMin > plausibleMax) throw new ValidationError({ plausibleMin: ["min_above_max"] });
  return getDb().transaction(async (tx) => {
    const [given] = await tx
      .select({ code: assessmentItems.code, answerType: assessmentItems.answerType, componentId: assessmentTemplates.componentId })
      .from(assessmentItems)
      .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, assessmentItems.templateId))
      .where(eq(assessmentItems.id, itemId));
    if (!given) throw new NotFoundError("item");
    if (given.answerType !== "number" && given.answerType !== "percent") throw new ValidationError({ plausibleMin: ["bounds_numbers_only"] });
    if (given.answerType === "percent") {
      for (const [field, value] of [["plausibleMin", plausibleMin], ["plausibleMax", plausibleMax]] as const) {
        if (value !== null && (value < 0 || value > 100)) throw new ValidationError({ [field]: ["percent_range"] });
      }
    }
    const template = await versionForChange(tx, given.componentId, periodCode);
    const [before] = await tx
      .select()
      .from(assessmentItems)
      .where(and(eq(assessmentItems.templateId, template.id), eq(assessmentItems.code, given.code)))
      .for("update");
    if (!before) throw new NotFoundError("item");
    const set = { plausibleMin: plausibleMin === null ? null : String(plausibleMin), plausibleMax: plausibleMax === null ? null : String(plausibleMax) };
    const [after] = await tx.update(assessmentItems).set(set).where(eq(assessmentItems.id, before.id)).returning();
    await recordAudit(tx, actor, {
      action: "template.set_bounds",
      entityType: "assessment_template",
      entityId: template.id,
      before: { itemId: before.id, code: before.code, plausibleMin: before.plausibleMin, plausibleMax: before.plausibleMax },
      after: { itemId: before.id, code: before.code, ...set, version: template.version, fromPeriod: periodCode, newVersion: template.created },
    });
    return after!;
  });
}

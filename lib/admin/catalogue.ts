import "server-only";
import { parse, require } from "./service-guards";
import { and, asc, count, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "@/db/client";
import { agencies, assessmentItems, componentElements, components, indicatorFacts, indicators, indicatorVersions, periods, services, targets } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { AGGREGATIONS, INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES, INDICATOR_SOURCES, SERVICE_CHANNELS, SERVICE_STATUSES, VALUE_TYPES } from "@/core/enums";
import { ConflictError, NotFoundError, ValidationError } from "@/core/errors";
import { normaliseText } from "@/core/parse/values";
import { todayInBangkok } from "@/core/fiscal/calendar";

// The catalogue administered in the app: indicators (with their dictionary fields and versioned
// definitions), the platforms and services registry, and the components' and elements' words.
// Every change is audited in its own transaction; nothing is half-saved.


const text = (max: number) => z.string({ message: "required" }).transform(normaliseText).pipe(z.string().min(1, { message: "required" }).max(max, { message: "too_long" }));
const optional = (max: number) =>
  z
    .string()
    .optional()
    .nullable()
    .transform((v) => normaliseText(v ?? ""))
    .pipe(z.string().max(max, { message: "too_long" }))
    .transform((v) => v || null);
const optionalNumber = z
  .string()
  .optional()
  .nullable()
  .transform((v) => (v ?? "").trim().replaceAll(",", ""))
  .pipe(z.string().regex(/^(-?\d+(\.\d+)?)?$/, { message: "invalid_number" }))
  .transform((v) => v || null);
const optionalYear = z
  .string()
  .optional()
  .nullable()
  .transform((v) => (v ?? "").trim())
  .pipe(z.string().regex(/^(2[45]\d\d)?$/, { message: "invalid_year" }))
  .transform((v) => (v ? Number(v) : null));
const code = z
  .string({ message: "required" })
  .trim()
  .pipe(z.string().min(1, { message: "required" }).max(40, { message: "too_long" }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: "invalid_code" }));

/** The dictionary fields an edit may change in place: none of them changes what a past figure means. */
const dictionaryFields = {
  nameTh: text(300),
  nameEn: text(300),
  componentCode: z.string({ message: "required" }).trim().min(1, { message: "required" }),
  serviceCode: optional(60),
  weight: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim() || "1")
    .pipe(z.string().regex(/^\d{1,3}(\.\d{1,3})?$/, { message: "invalid_number" })),
  formulaTh: optional(2000),
  formulaEn: optional(2000),
  baselineValue: optionalNumber,
  baselineYear: optionalYear,
  dataOwnerCode: optional(20),
  frequency: z.enum(INDICATOR_FREQUENCIES, { message: "required" }).default("quarterly"),
  dataSourceTh: optional(1000),
  dataSourceEn: optional(1000),
  thresholdsTh: optional(1000),
  thresholdsEn: optional(1000),
};

/** The versioned fields: a change to any of them starts a new version from a given quarter. */
const definitionFields = {
  definitionTh: text(4000),
  definitionEn: text(4000),
  unitTh: text(100),
  unitEn: text(100),
  direction: z.enum(INDICATOR_DIRECTIONS, { message: "required" }),
  aggregation: z.enum(AGGREGATIONS, { message: "required" }),
};

export const createIndicatorInput = z.object({
  code,
  ...dictionaryFields,
  ...definitionFields,
  valueType: z.enum(VALUE_TYPES, { message: "required" }),
  source: z.enum(INDICATOR_SOURCES, { message: "required" }).default("self_assessment"),
});
export const updateIndicatorInput = z.object(dictionaryFields);
export const indicatorVersionInput = z.object({ ...definitionFields, effectiveFrom: z.string({ message: "required" }).trim().min(1, { message: "required" }), note: optional(1000) });

type Dictionary = z.infer<typeof updateIndicatorInput>;

/** The catalogue's references by code, resolved in the transaction (an unknown one is the user's error). */
async function resolveDictionary(tx: Queryable, data: Dictionary) {
  const [component] = await tx.select({ id: components.id }).from(components).where(eq(components.code, data.componentCode));
  if (!component) throw new ValidationError({ componentCode: ["unknown_component"] });
  let serviceId: number | null = null;
  if (data.serviceCode) {
    const [service] = await tx.select({ id: services.id, componentId: services.componentId }).from(services).where(eq(services.code, data.serviceCode));
    if (!service) throw new ValidationError({ serviceCode: ["unknown_platform"] });
    serviceId = service.id;
  }
  let dataOwnerAgencyId: number | null = null;
  if (data.dataOwnerCode) {
    const [owner] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, data.dataOwnerCode));
    if (!owner) throw new ValidationError({ dataOwnerCode: ["unknown_agency"] });
    dataOwnerAgencyId = owner.id;
  }
  const { componentCode: _c, serviceCode: _s, dataOwnerCode: _o, ...rest } = data;
  void _c;
  void _s;
  void _o;
  return { ...rest, componentId: component.id, serviceId, dataOwnerAgencyId };
}

/** Creates an indicator with its first version (effective from the start). */
export async function createIndicator(actor: Actor, input: unknown) {
  require(actor, "admin.catalogue");
  const data = parse(createIndicatorInput, input);
  return getDb().transaction(async (tx) => {
    const [clash] = await tx.select({ id: indicators.id }).from(indicators).where(sql`lower(${indicators.code}) = lower(${data.code})`);
    if (clash) throw new ValidationError({ code: ["code_taken"] });
    const resolved = await resolveDictionary(tx, data);
    const [{ n }] = (await tx.select({ n: count() }).from(indicators).where(eq(indicators.componentId, resolved.componentId))) as [{ n: number }];
    const [created] = await tx
      .insert(indicators)
      .values({
        ...resolved,
        code: data.code,
        valueType: data.valueType,
        source: data.source,
        ordinal: Number(n) + 1,
        definitionTh: data.definitionTh,
        definitionEn: data.definitionEn,
        unitTh: data.unitTh,
        unitEn: data.unitEn,
        direction: data.direction,
        aggregation: data.aggregation,
      })
      .returning();
    await tx.insert(indicatorVersions).values({ indicatorId: created!.id, version: 1, effectiveFromPeriodId: null, ...pickDefinition(created!) });
    await recordAudit(tx, actor, { action: "indicator.create", entityType: "indicator", entityId: created!.id, after: describeIndicator(created!) });
    return created!;
  });
}

/** Edits the dictionary fields in place (names, component, platform, formula, baseline, owner, …). */
export async function updateIndicator(actor: Actor, indicatorId: number, input: unknown) {
  require(actor, "admin.catalogue");
  const data = parse(updateIndicatorInput, input);
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).for("update");
    if (!before) throw new NotFoundError("indicator");
    const resolved = await resolveDictionary(tx, data);
    const [after] = await tx.update(indicators).set(resolved).where(eq(indicators.id, indicatorId)).returning();
    await recordAudit(tx, actor, { action: "indicator.update", entityType: "indicator", entityId: indicatorId, before: describeIndicator(before), after: describeIndicator(after!) });
    return after!;
  });
}

/**
 * A new definition (definition, unit, direction, aggregation) from a given quarter on; the quarters
 * before keep theirs. Refused when it would rewrite figures already made: the quarter began and is closed, or
 * the indicator already has figures in it or after it. Changing to or from "latest" is refused too:
 * it changes who owes the figure (the platform's owner, or every contributing agency).
 */
export async function startIndicatorVersion(actor: Actor, indicatorId: number, input: unknown) {
  require(actor, "admin.catalogue");
  const data = parse(indicatorVersionInput, input);
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).for("update");
    if (!before) throw new NotFoundError("indicator");
    const [from] = await tx.select().from(periods).where(eq(periods.code, data.effectiveFrom));
    if (!from) throw new ValidationError({ effectiveFrom: ["unknown_period"] });
    const definition = { definitionTh: data.definitionTh, definitionEn: data.definitionEn, unitTh: data.unitTh, unitEn: data.unitEn, direction: data.direction, aggregation: data.aggregation };
    const current = pickDefinition(before);
    if (JSON.stringify(definition) === JSON.stringify(current)) throw new ValidationError({ definitionTh: ["definition_unchanged"] });
    if ((data.aggregation === "latest") !== (before.aggregation === "latest")) throw new ValidationError({ aggregation: ["aggregation_changes_owers"] });
    // A quarter closed after it began holds final figures; one not begun yet is only not open yet.
    if (from.status === "closed" && from.startsOn <= todayInBangkok()) throw new ValidationError({ effectiveFrom: ["period_closed"] });
    const versions = await tx
      .select({ version: indicatorVersions.version, startsOn: periods.startsOn })
      .from(indicatorVersions)
      .leftJoin(periods, eq(periods.id, indicatorVersions.effectiveFromPeriodId))
      .where(eq(indicatorVersions.indicatorId, indicatorId))
      .orderBy(desc(indicatorVersions.version));
    if (versions.some((v) => v.startsOn !== null && v.startsOn >= from.startsOn)) throw new ValidationError({ effectiveFrom: ["version_from_later"] });
    const [made] = await tx
      .select({ n: count() })
      .from(indicatorFacts)
      .innerJoin(periods, eq(periods.id, indicatorFacts.periodId))
      .where(and(eq(indicatorFacts.indicatorId, indicatorId), gte(periods.startsOn, from.startsOn)));
    if (Number(made!.n) > 0) throw new ValidationError({ effectiveFrom: ["would_rewrite_figures"] });
    // An indicator still on its seeded definition gets that definition written down as version 1 first.
    if (!versions.length) await tx.insert(indicatorVersions).values({ indicatorId, version: 1, effectiveFromPeriodId: null, ...current });
    const version = (versions[0]?.version ?? 1) + 1;
    const [created] = await tx.insert(indicatorVersions).values({ indicatorId, version, effectiveFromPeriodId: from.id, ...definition, note: data.note }).returning();
    // The row carries the newest definition: what figures will be made under from now on.
    const [after] = await tx.update(indicators).set(definition).where(eq(indicators.id, indicatorId)).returning();
    await recordAudit(tx, actor, {
      action: "indicator.new_version",
      entityType: "indicator",
      entityId: indicatorId,
      before: { code: before.code, ...current },
      after: { code: before.code, version, effectiveFrom: from.code, ...definition, note: data.note },
    });
    return { indicator: after!, version: created! };
  });
}

/** Retires (or reinstates) an indicator: kept with its figures and targets, no longer owed or shown. */
export async function setIndicatorActive(actor: Actor, indicatorId: number, active: boolean) {
  require(actor, "admin.catalogue");
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).for("update");
    if (!before) throw new NotFoundError("indicator");
    await tx.update(indicators).set({ active }).where(eq(indicators.id, indicatorId));
    await recordAudit(tx, actor, { action: active ? "indicator.reinstate" : "indicator.retire", entityType: "indicator", entityId: indicatorId, before: { code: before.code, active: before.active }, after: { code: before.code, active } });
  });
}

/** What an indicator is used by: figures, targets, assessment items. */
async function indicatorUse(tx: Queryable, indicatorIds: number[]) {
  if (!indicatorIds.length) return { facts: 0, targets: 0, items: 0 };
  const [[facts], [targetRows], [items]] = await Promise.all([
    tx.select({ n: count() }).from(indicatorFacts).where(inArray(indicatorFacts.indicatorId, indicatorIds)),
    tx.select({ n: count() }).from(targets).where(inArray(targets.indicatorId, indicatorIds)),
    tx.select({ n: count() }).from(assessmentItems).where(inArray(assessmentItems.indicatorId, indicatorIds)),
  ]);
  return { facts: Number(facts!.n), targets: Number(targetRows!.n), items: Number(items!.n) };
}

/** Deletes an indicator nothing uses yet (a mistake just made); one with figures or targets is retired instead. */
export async function deleteIndicator(actor: Actor, indicatorId: number) {
  require(actor, "admin.catalogue");
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).for("update");
    if (!before) throw new NotFoundError("indicator");
    const use = await indicatorUse(tx, [indicatorId]);
    if (use.facts || use.targets) throw new ConflictError("has_figures_retire");
    if (use.items) throw new ConflictError("indicator_in_template");
    await tx.delete(indicatorVersions).where(eq(indicatorVersions.indicatorId, indicatorId));
    await tx.delete(indicators).where(eq(indicators.id, indicatorId));
    await recordAudit(tx, actor, { action: "indicator.delete", entityType: "indicator", entityId: indicatorId, before: describeIndicator(before) });
  });
}

function pickDefinition(i: typeof indicators.$inferSelect) {
  return { definitionTh: i.definitionTh, definitionEn: i.definitionEn, unitTh: i.unitTh, unitEn: i.unitEn, direction: i.direction, aggregation: i.aggregation };
}

/** What the audit log keeps of an indicator: its code and names first, so an entry names it. */
function describeIndicator(i: typeof indicators.$inferSelect) {
  const { createdAt: _c, updatedAt: _u, ...rest } = i;
  void _c;
  void _u;
  return rest;
}

// ───────────────────────────── platforms and services ─────────────────────────────

export const platformInput = z.object({
  code: z
    .string({ message: "required" })
    .trim()
    .pipe(z.string().min(1, { message: "required" }).max(60, { message: "too_long" }).regex(/^[a-z0-9][a-z0-9._-]*$/, { message: "invalid_code" })),
  nameTh: text(300),
  nameEn: text(300),
  descriptionTh: optional(2000),
  descriptionEn: optional(2000),
  url: optional(500).pipe(z.string().regex(/^https?:\/\/\S+$/, { message: "invalid_url" }).nullable()),
  ownerAgencyCode: z.string({ message: "required" }).trim().min(1, { message: "required" }),
  channel: z.enum(SERVICE_CHANNELS, { message: "required" }),
  componentCode: z.string({ message: "required" }).trim().min(1, { message: "required" }),
  elementCode: optional(60),
  status: z.enum(SERVICE_STATUSES, { message: "required" }).default("active"),
});

/** Creates a platform, or updates the one with `id`; owner, component and element are referenced by code. */
export async function savePlatform(actor: Actor, input: unknown, id?: number) {
  require(actor, "admin.master_data");
  const { ownerAgencyCode, componentCode, elementCode, ...data } = parse(platformInput, input);
  return getDb().transaction(async (tx) => {
    const [owner] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, ownerAgencyCode));
    if (!owner) throw new ValidationError({ ownerAgencyCode: ["unknown_agency"] });
    const [component] = await tx.select({ id: components.id }).from(components).where(eq(components.code, componentCode));
    if (!component) throw new ValidationError({ componentCode: ["unknown_component"] });
    let elementId: number | null = null;
    if (elementCode) {
      const [element] = await tx.select().from(componentElements).where(eq(componentElements.code, elementCode));
      if (!element || element.componentId !== component.id) throw new ValidationError({ elementCode: ["element_not_of_component"] });
      elementId = element.id;
    }
    const [clash] = await tx
      .select({ id: services.id, code: services.code })
      .from(services)
      .where(and(id ? ne(services.id, id) : undefined, sql`(${services.code} = ${data.code} or (${services.componentId} = ${component.id} and ${services.nameEn} = ${data.nameEn}))`));
    if (clash) throw new ValidationError(clash.code === data.code ? { code: ["code_taken"] } : { nameEn: ["name_taken"] });
    const values = { ...data, ownerAgencyId: owner.id, componentId: component.id, elementId };
    if (id) {
      const [before] = await tx.select().from(services).where(eq(services.id, id)).for("update");
      if (!before) throw new NotFoundError("platform");
      const [after] = await tx.update(services).set(values).where(eq(services.id, id)).returning();
      await recordAudit(tx, actor, { action: "platform.update", entityType: "platform", entityId: id, before: withoutTimes(before), after: withoutTimes(after!) });
      return after!;
    }
    const [created] = await tx.insert(services).values(values).returning();
    await recordAudit(tx, actor, { action: "platform.create", entityType: "platform", entityId: created!.id, after: withoutTimes(created!) });
    return created!;
  });
}

/** Deletes a platform nothing refers to; one whose indicators have figures is retired instead. */
export async function deletePlatform(actor: Actor, id: number) {
  require(actor, "admin.master_data");
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(services).where(eq(services.id, id)).for("update");
    if (!before) throw new NotFoundError("platform");
    const kpis = await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.serviceId, id));
    const use = await indicatorUse(tx, kpis.map((k) => k.id));
    if (use.facts || use.targets) throw new ConflictError("has_figures_retire");
    if (kpis.length) throw new ConflictError("platform_has_indicators");
    await tx.delete(services).where(eq(services.id, id));
    await recordAudit(tx, actor, { action: "platform.delete", entityType: "platform", entityId: id, before: withoutTimes(before) });
  });
}

function withoutTimes<T extends { createdAt: Date; updatedAt: Date }>(row: T) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  void _c;
  void _u;
  return rest;
}

// ───────────────────────────── components and elements ─────────────────────────────

export const componentWordsInput = z.object({ nameTh: text(300), nameEn: text(300), descriptionTh: optional(4000), descriptionEn: optional(4000) });

/** A component's or an element's names and descriptions in Thai and English (a component needs both descriptions). */
export async function updateComponentWords(actor: Actor, kind: "component" | "element", codeValue: string, input: unknown) {
  require(actor, "admin.master_data");
  const data = parse(componentWordsInput, input);
  return getDb().transaction(async (tx) => {
    if (kind === "component") {
      if (!data.descriptionTh || !data.descriptionEn) throw new ValidationError({ [data.descriptionTh ? "descriptionEn" : "descriptionTh"]: ["required"] });
      const [before] = await tx.select().from(components).where(eq(components.code, codeValue)).for("update");
      if (!before) throw new NotFoundError("component");
      const words = { nameTh: data.nameTh, nameEn: data.nameEn, descriptionTh: data.descriptionTh, descriptionEn: data.descriptionEn };
      await tx.update(components).set(words).where(eq(components.id, before.id));
      await recordAudit(tx, actor, { action: "component.update", entityType: "component", entityId: before.id, before: { code: before.code, nameTh: before.nameTh, nameEn: before.nameEn, descriptionTh: before.descriptionTh, descriptionEn: before.descriptionEn }, after: { code: before.code, ...words } });
      return;
    }
    const [before] = await tx.select().from(componentElements).where(eq(componentElements.code, codeValue)).for("update");
    if (!before) throw new NotFoundError("element");
    await tx.update(componentElements).set(data).where(eq(componentElements.id, before.id));
    await recordAudit(tx, actor, { action: "element.update", entityType: "element", entityId: before.id, before: { code: before.code, nameTh: before.nameTh, nameEn: before.nameEn, descriptionTh: before.descriptionTh, descriptionEn: before.descriptionEn }, after: { code: before.code, ...data } });
  });
}

// ───────────────────────────── reads for the admin pages ─────────────────────────────

/** Every indicator (retired ones too) with its component and platform, for the admin list. */
export async function listCatalogueIndicators() {
  return getDb()
    .select({
      id: indicators.id,
      code: indicators.code,
      nameTh: indicators.nameTh,
      nameEn: indicators.nameEn,
      active: indicators.active,
      direction: indicators.direction,
      aggregation: indicators.aggregation,
      componentCode: components.code,
      serviceCode: services.code,
    })
    .from(indicators)
    .innerJoin(components, eq(components.id, indicators.componentId))
    .leftJoin(services, eq(services.id, indicators.serviceId))
    .orderBy(asc(components.ordinal), asc(indicators.ordinal), asc(indicators.code));
}

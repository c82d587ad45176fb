import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { agencies, askTags, componentElements, components, dgaUnits, flagRules, flagRuleVersions, indicators, services } from "@/db/schema";
import { DEFAULT_ASK_TAGS } from "@/core/asks/tags";
import { DGA_UNITS } from "./data/dga-units";
import { parseRuleParams } from "@/core/flags/rules";
import { COMPONENTS } from "./data/components";
import { INDICATORS } from "./data/indicators";
import { DEFAULT_RULES } from "./data/rules";
import { SERVICES } from "./data/services";
import { loadStartingTemplates } from "./templates";
import { loadDefaultReviewChains } from "@/lib/assessments/review-chains";
import { AGENCY_TYPES } from "@/core/enums";

/**
 * The reference catalogue: the seven components with their elements and DGA's role toward each, the platforms
 * and services the source document names, the starting indicator catalogue, the default flag rules and the
 * starting self-assessment templates and the review chain of each agency type. No agencies, users, periods, targets or figures.
 *
 * One definition for production and the demo:
 * - "fill" (`npm run setup`): creates what is missing and never touches a row that exists, so a second run
 *   changes nothing and an administrator's later edits survive;
 * - "refresh" (the demo seed): also rewrites existing rows from the data modules (rules excepted: they are
 *   inserted once, later versions are the administrators').
 */
export type ReferenceLoadMode = "fill" | "refresh";

export const REFERENCE_KINDS = ["components", "elements", "services", "indicators", "rules", "templates", "reviewChains", "askTags", "dgaUnits"] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];
export type ReferenceCounts = Record<ReferenceKind, number>;

export interface ReferenceLoadResult {
  /** Rows created by this run. */
  created: ReferenceCounts;
  /** Rows the catalogue defines (the size of the full catalogue). */
  defined: ReferenceCounts;
  /** Ids by code, for the demo seed's own rows. */
  componentIds: Map<string, number>;
  serviceIds: Map<string, number>;
  indicatorIds: Map<string, number>;
}

/** What the full catalogue holds, without a database. */
export function referenceCatalogueSize(): ReferenceCounts {
  return {
    components: COMPONENTS.length,
    elements: COMPONENTS.reduce((n, c) => n + c.elements.length, 0),
    services: SERVICES.length,
    indicators: INDICATORS.length,
    rules: DEFAULT_RULES.length,
    templates: COMPONENTS.length,
    reviewChains: AGENCY_TYPES.length,
    askTags: DEFAULT_ASK_TAGS.length,
    dgaUnits: DGA_UNITS.length,
  };
}

export async function loadReferenceCatalogue(tx: Transaction, mode: ReferenceLoadMode): Promise<ReferenceLoadResult> {
  const created: ReferenceCounts = { components: 0, elements: 0, services: 0, indicators: 0, rules: 0, templates: 0, reviewChains: 0, askTags: 0, dgaUnits: 0 };
  const componentIds = new Map<string, number>();
  const elementIds = new Map<string, number>();

  for (const c of COMPONENTS) {
    const { elements, ...fields } = c;
    const row = await upsert(tx, components, components.code, fields, mode, () => created.components++);
    componentIds.set(c.code, row.id);
    for (const [index, e] of elements.entries()) {
      const el = await upsert(tx, componentElements, componentElements.code, { ...e, componentId: row.id, ordinal: index + 1 }, mode, () => created.elements++);
      elementIds.set(e.code, el.id);
    }
  }

  // A platform's owner is linked when that agency exists (the demo); setup runs before any agency does.
  const ownerCodes = [...new Set(SERVICES.map((s) => s.ownerAgencyCode))];
  const owners = new Map((await tx.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, ownerCodes))).map((a) => [a.code, a.id]));
  const serviceIds = new Map<string, number>();
  for (const s of SERVICES) {
    const values = {
      code: s.code,
      componentId: required(componentIds, s.component, `component of ${s.code}`),
      elementId: s.element ? required(elementIds, s.element, `element of ${s.code}`) : null,
      ownerAgencyId: owners.get(s.ownerAgencyCode) ?? null,
      channel: s.channel,
      nameTh: s.nameTh,
      nameEn: s.nameEn,
      descriptionTh: s.descriptionTh ?? null,
      descriptionEn: s.descriptionEn ?? null,
      url: s.url ?? null,
    };
    const row = await upsert(tx, services, services.code, values, mode, () => created.services++);
    serviceIds.set(s.code, row.id);
  }

  const indicatorIds = new Map<string, number>();
  for (const [index, i] of INDICATORS.entries()) {
    const values = {
      code: i.code,
      componentId: required(componentIds, i.component, `component of ${i.code}`),
      serviceId: i.serviceCode ? required(serviceIds, i.serviceCode, `service of ${i.code}`) : null,
      ordinal: index + 1,
      nameTh: i.nameTh,
      nameEn: i.nameEn,
      definitionTh: i.definitionTh,
      definitionEn: i.definitionEn,
      unitTh: i.unitTh,
      unitEn: i.unitEn,
      direction: i.direction,
      valueType: i.valueType,
      aggregation: i.aggregation,
      weight: String(i.weight),
      source: i.source,
    };
    const row = await upsert(tx, indicators, indicators.code, values, mode, () => created.indicators++);
    indicatorIds.set(i.code, row.id);
  }

  // Rules are inserted once in either mode; later edits (new versions) belong to the administrators.
  const existingRules = new Set((await tx.select({ code: flagRules.code }).from(flagRules)).map((r) => r.code));
  for (const r of DEFAULT_RULES) {
    if (existingRules.has(r.code)) continue;
    const params = parseRuleParams(r.kind, r.params);
    const [row] = await tx
      .insert(flagRules)
      .values({ ...r, params })
      .onConflictDoNothing({ target: flagRules.code })
      .returning({ id: flagRules.id });
    if (row) {
      await tx.insert(flagRuleVersions).values({ ruleId: row.id, version: 1, severity: r.severity, params, active: true });
      created.rules++;
    }
  }

  created.templates = await loadStartingTemplates(tx, mode);
  created.reviewChains = await loadDefaultReviewChains(tx, mode);
  // Tags and units are inserted once in either mode, as rules: the lists are the administrators' after that.
  const existingTags = new Set((await tx.select({ code: askTags.code }).from(askTags)).map((r) => r.code));
  const newTags = DEFAULT_ASK_TAGS.filter((t) => !existingTags.has(t.code)).map((t) => ({ ...t, keywords: [...t.keywords], ordinal: DEFAULT_ASK_TAGS.indexOf(t) }));
  if (newTags.length) created.askTags = (await tx.insert(askTags).values(newTags).onConflictDoNothing().returning({ id: askTags.id })).length;
  const existingUnits = new Set((await tx.select({ code: dgaUnits.code }).from(dgaUnits)).map((r) => r.code));
  const newUnits = DGA_UNITS.filter((u) => !existingUnits.has(u.code));
  if (newUnits.length) created.dgaUnits = (await tx.insert(dgaUnits).values([...newUnits]).onConflictDoNothing().returning({ id: dgaUnits.id })).length;
  return { created, defined: referenceCatalogueSize(), componentIds, serviceIds, indicatorIds };
}

type CodedTable = typeof components | typeof componentElements | typeof services | typeof indicators;

/**
 * Inserts by code; an existing row is rewritten ("refresh") or left alone ("fill"). Returns the row's id. "fill"
 * looks before it inserts: a conflicting insert would still take a number from the identity sequence, and a
 * repeated setup must leave the database exactly as it was.
 */
async function upsert<T extends CodedTable>(
  tx: Transaction,
  table: T,
  codeColumn: T["code"],
  values: T["$inferInsert"] & { code: string },
  mode: ReferenceLoadMode,
  onCreated: () => void,
): Promise<{ id: number }> {
  const coded = table as CodedTable;
  const [existing] = await tx.select({ id: coded.id }).from(coded).where(eq(codeColumn, values.code));
  if (existing) {
    if (mode === "refresh") await tx.update(coded).set({ ...values, code: undefined } as never).where(eq(codeColumn, values.code));
    return existing;
  }
  const [inserted] = await tx.insert(coded).values(values as never).returning({ id: coded.id });
  onCreated();
  return inserted!;
}

function required(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`The reference catalogue is inconsistent: unknown code "${key}" (${what}).`);
  return id;
}

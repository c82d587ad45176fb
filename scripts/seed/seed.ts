import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  agencies,
  agencyComponents,
  indicatorFacts,
  appMeta,
  flagRules,
  flagRuleVersions,
  componentElements,
  components,
  indicators,
  periods,
  services,
  targets,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { hashPassword } from "@/lib/auth/passwords";
import { defaultDueDate, formatPeriodCode, periodBounds, type FiscalQuarter } from "@/core/fiscal/calendar";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { AGENCIES } from "./data/agencies";
import { generateDemoFacts } from "./data/facts";
import { COMPONENTS } from "./data/components";
import { INDICATORS } from "./data/indicators";
import { SERVICES } from "./data/services";
import { SROI } from "./data/sroi";
import { DEMO_PASSWORD, DEMO_USERS } from "./data/users";
import { DEFAULT_RULES } from "./data/rules";
import { parseRuleParams } from "@/core/flags/rules";
import { DEMO_SUBMISSION_KEYS, seedDemoSubmissions, seedTemplates } from "./assessments";
import { saveSroiAssessment } from "@/lib/sroi/save-assessment";
import { SROI_INDICATOR_CODE } from "@/core/sroi/source-ref";

export const DEMO_FISCAL_YEARS = [2569, 2570] as const;
/** The demo is set in FY 2570 Q1: earlier quarters are closed, the current one open. */
export const DEMO_OPEN_PERIOD = "2570Q1";
export const DEMO_SEED_VERSION = 1;

export interface SeedSummary {
  components: number;
  elements: number;
  agencies: number;
  services: number;
  indicators: number;
  targets: number;
  periods: number;
  users: number;
  facts: number;
}

/**
 * Loads the demo data. Idempotent: everything is keyed by stable codes and upserted, so running it
 * again refreshes reference data without duplicating rows; existing user accounts are left alone.
 */
export async function seedDemoData(db: Database): Promise<SeedSummary> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary = await db.transaction(async (tx) => {
    const componentIds = new Map<string, number>();
    const elementIds = new Map<string, number>();
    for (const c of COMPONENTS) {
      const { elements, ...fields } = c;
      const [row] = await tx
        .insert(components)
        .values(fields)
        .onConflictDoUpdate({ target: components.code, set: { ...fields, code: undefined } })
        .returning({ id: components.id });
      componentIds.set(c.code, row!.id);
      for (const [index, e] of elements.entries()) {
        const values = { ...e, componentId: row!.id, ordinal: index + 1 };
        const [el] = await tx
          .insert(componentElements)
          .values(values)
          .onConflictDoUpdate({ target: componentElements.code, set: { ...values, code: undefined } })
          .returning({ id: componentElements.id });
        elementIds.set(e.code, el!.id);
      }
    }

    const agencyIds = new Map<string, number>();
    for (const a of AGENCIES) {
      const values = {
        code: a.code,
        nameTh: a.nameTh,
        nameEn: a.nameEn,
        abbrTh: a.abbrTh ?? null,
        abbrEn: a.abbrEn ?? null,
        type: a.type,
        parentId: a.parentCode ? required(agencyIds, a.parentCode, `parent of ${a.code}`) : null,
        province: a.province ?? null,
      };
      const [row] = await tx
        .insert(agencies)
        .values(values)
        .onConflictDoUpdate({ target: agencies.code, set: { ...values, code: undefined } })
        .returning({ id: agencies.id });
      agencyIds.set(a.code, row!.id);
      for (const link of a.components ?? []) {
        const componentId = required(componentIds, link.component, `component of ${a.code}`);
        await tx
          .insert(agencyComponents)
          .values({ agencyId: row!.id, componentId, dgaRole: link.dgaRole })
          .onConflictDoUpdate({ target: [agencyComponents.agencyId, agencyComponents.componentId], set: { dgaRole: link.dgaRole } });
      }
    }

    const serviceIds = new Map<string, number>();
    for (const s of SERVICES) {
      const values = {
        code: s.code,
        componentId: required(componentIds, s.component, `component of ${s.code}`),
        elementId: s.element ? required(elementIds, s.element, `element of ${s.code}`) : null,
        ownerAgencyId: required(agencyIds, s.ownerAgencyCode, `owner of ${s.code}`),
        channel: s.channel,
        nameTh: s.nameTh,
        nameEn: s.nameEn,
        descriptionTh: s.descriptionTh ?? null,
        descriptionEn: s.descriptionEn ?? null,
        url: s.url ?? null,
      };
      const [row] = await tx
        .insert(services)
        .values(values)
        .onConflictDoUpdate({ target: services.code, set: { ...values, code: undefined } })
        .returning({ id: services.id });
      serviceIds.set(s.code, row!.id);
    }

    const periodIds = new Map<string, number>();
    for (const fiscalYear of DEMO_FISCAL_YEARS) {
      for (const quarter of [1, 2, 3, 4] as const) {
        const code = formatPeriodCode(fiscalYear, quarter);
        const { startsOn, endsOn } = periodBounds(fiscalYear, quarter);
        const values = {
          code,
          fiscalYear,
          quarter,
          startsOn,
          endsOn,
          dueOn: defaultDueDate(fiscalYear, quarter),
          status: code === DEMO_OPEN_PERIOD ? ("open" as const) : ("closed" as const),
        };
        const [row] = await tx
          .insert(periods)
          .values(values)
          .onConflictDoUpdate({ target: periods.code, set: { ...values, code: undefined } })
          .returning({ id: periods.id });
        periodIds.set(code, row!.id);
      }
    }

    let targetCount = 0;
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
      const [row] = await tx
        .insert(indicators)
        .values(values)
        .onConflictDoUpdate({ target: indicators.code, set: { ...values, code: undefined } })
        .returning({ id: indicators.id });
      indicatorIds.set(i.code, row!.id);
      for (const [fy, quarters] of Object.entries(i.nationalTargets)) {
        for (const [q, value] of quarters.entries()) {
          const periodId = periodIds.get(formatPeriodCode(Number(fy), (q + 1) as FiscalQuarter));
          if (!periodId) continue;
          await tx
            .insert(targets)
            .values({ indicatorId: row!.id, periodId, agencyId: null, value: String(value) })
            .onConflictDoUpdate({
              target: [targets.indicatorId, targets.periodId, targets.agencyId],
              set: { value: String(value) },
            });
          targetCount++;
        }
      }
    }

    // Demo facts: upserted on the fact identity, so a re-run refreshes values instead of duplicating. Not
    // for what has a real source in the demo: the figures of a demo submission (its agency × period ×
    // component's self-assessment indicators) and ME-SROI, derived from the SROI inputs below.
    const serviceOwners = new Map(SERVICES.map((s) => [s.code, s.ownerAgencyCode]));
    const indicatorSpec = new Map(INDICATORS.map((i) => [i.code, i]));
    const hasRealSource = (f: { indicatorCode: string; agencyCode: string; periodCode: string }) => {
      const spec = indicatorSpec.get(f.indicatorCode)!;
      if (spec.code === SROI_INDICATOR_CODE) return true;
      return spec.source === "self_assessment" && DEMO_SUBMISSION_KEYS.has(`${f.agencyCode}|${f.periodCode}|${spec.component}`);
    };
    const factRows = generateDemoFacts(AGENCIES, INDICATORS, serviceOwners).filter((f) => !hasRealSource(f)).map((f) => ({
      indicatorId: required(indicatorIds, f.indicatorCode, "fact indicator"),
      agencyId: required(agencyIds, f.agencyCode, "fact agency"),
      periodId: required(periodIds, f.periodCode, "fact period"),
      value: String(f.value),
      weight: f.weight === null ? null : String(f.weight),
      source: "demo_seed" as const,
      state: f.state,
      sourceRef: `demo:${f.agencyCode}/${f.indicatorCode}/${f.periodCode}`,
      recordedAt: new Date(f.recordedAt),
    }));
    for (let start = 0; start < factRows.length; start += 500) {
      await tx
        .insert(indicatorFacts)
        .values(factRows.slice(start, start + 500))
        .onConflictDoUpdate({
          target: [indicatorFacts.indicatorId, indicatorFacts.agencyId, indicatorFacts.periodId, indicatorFacts.source],
          set: {
            value: sql`excluded.value`,
            weight: sql`excluded.weight`,
            state: sql`excluded.state`,
            sourceRef: sql`excluded.source_ref`,
            recordedAt: sql`excluded.recorded_at`,
          },
        });
    }
    // Demo facts an earlier version of the seed made and this one does not (a re-seed of an older demo).
    await tx.delete(indicatorFacts).where(and(eq(indicatorFacts.source, "demo_seed"), sql`${indicatorFacts.sourceRef} <> all(${sql.param(factRows.map((f) => f.sourceRef))}::text[])`));

    // SROI inputs, and the ME-SROI figures derived from them, through the one service that writes both.
    for (const s of SROI) {
      await saveSroiAssessment(tx, { ...s, agencyId: required(agencyIds, s.agencyCode, "SROI agency") });
    }

    for (const u of DEMO_USERS) {
      await tx
        .insert(users)
        .values({
          email: u.email.toLowerCase(),
          name: u.name,
          role: u.role,
          agencyId: u.agencyCode ? required(agencyIds, u.agencyCode, `agency of ${u.email}`) : null,
          locale: u.locale,
          passwordHash,
        })
        .onConflictDoNothing();
    }

    // Rules are inserted once; later edits by admins (new versions) are never overwritten by a re-seed.
    for (const r of DEFAULT_RULES) {
      const params = parseRuleParams(r.kind, r.params);
      const [row] = await tx
        .insert(flagRules)
        .values({ ...r, params })
        .onConflictDoNothing({ target: flagRules.code })
        .returning({ id: flagRules.id });
      if (row) await tx.insert(flagRuleVersions).values({ ruleId: row.id, version: 1, severity: r.severity, params, active: true });
    }
    // Self-assessment templates and demo submissions (after users: demo events name their actors).
    await seedTemplates(tx);
    await seedDemoSubmissions(tx);

    await tx
      .insert(appMeta)
      .values({ key: "demo_seed", value: { version: DEMO_SEED_VERSION } })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: { version: DEMO_SEED_VERSION }, updatedAt: sql`now()` } });

    const summary: SeedSummary = {
      components: COMPONENTS.length,
      elements: elementIds.size,
      agencies: agencyIds.size,
      services: serviceIds.size,
      indicators: INDICATORS.length,
      targets: targetCount,
      periods: periodIds.size,
      users: DEMO_USERS.length,
      facts: factRows.length,
    };
    await recordAudit(tx, SYSTEM_ACTOR, { action: "seed.demo", entityType: "database", after: summary });
    return summary;
  });
  await refreshDashboardRollups(db);
  return summary;
}

function required(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Demo data is inconsistent: unknown code "${key}" (${what}).`);
  return id;
}

import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  agencies,
  agencyComponents,
  indicatorFacts,
  appMeta,
  periods,
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
import { INDICATORS } from "@/lib/reference/data/indicators";
import { SERVICES } from "@/lib/reference/data/services";
import { SROI } from "./data/sroi";
import { DEMO_PASSWORD, DEMO_USERS } from "./data/users";
import { DEMO_SUBMISSION_KEYS, seedDemoSubmissions } from "./assessments";
import { loadReferenceCatalogue } from "@/lib/reference/load";
import { PRODUCTION_SETUP_KEY } from "@/lib/setup/setup";
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
  // The reverse of setup's refusal: demo accounts with a published password never enter a production database.
  const [production] = await db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, PRODUCTION_SETUP_KEY));
  if (production) throw new Error("This database was set up for production (npm run setup): the demo data is not loaded into it.");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const summary = await db.transaction(async (tx) => {
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
    }

    // The reference catalogue, through the same loader as `npm run setup` (platform owners link to the agencies above).
    const reference = await loadReferenceCatalogue(tx, "refresh");
    const { componentIds, indicatorIds } = reference;
    for (const a of AGENCIES) {
      for (const link of a.components ?? []) {
        const componentId = required(componentIds, link.component, `component of ${a.code}`);
        await tx
          .insert(agencyComponents)
          .values({ agencyId: required(agencyIds, a.code, "agency"), componentId, dgaRole: link.dgaRole })
          .onConflictDoUpdate({ target: [agencyComponents.agencyId, agencyComponents.componentId], set: { dgaRole: link.dgaRole } });
      }
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
    for (const i of INDICATORS) {
      const indicatorId = required(indicatorIds, i.code, "indicator");
      for (const [fy, quarters] of Object.entries(i.nationalTargets)) {
        for (const [q, value] of quarters.entries()) {
          const periodId = periodIds.get(formatPeriodCode(Number(fy), (q + 1) as FiscalQuarter));
          if (!periodId) continue;
          await tx
            .insert(targets)
            .values({ indicatorId, periodId, agencyId: null, value: String(value) })
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
          province: u.province ?? null,
          locale: u.locale,
          passwordHash,
        })
        .onConflictDoNothing();
    }

    // Demo submissions (after users: demo events name their actors; the templates came with the catalogue).
    await seedDemoSubmissions(tx);

    await tx
      .insert(appMeta)
      .values({ key: "demo_seed", value: { version: DEMO_SEED_VERSION } })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: { version: DEMO_SEED_VERSION }, updatedAt: sql`now()` } });

    const summary: SeedSummary = {
      components: reference.defined.components,
      elements: reference.defined.elements,
      agencies: agencyIds.size,
      services: reference.defined.services,
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

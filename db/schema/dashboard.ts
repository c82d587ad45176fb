import { bigint, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencyTypeEnum } from "./enums";

// Pre-aggregation of the fact layer for the dashboards. At national scale (≈8,000 agencies × 40
// indicators × 8 quarters ≈ 2.5 M facts) aggregating raw facts for every overview costs seconds; these
// tables hold the additive parts (counts, sums, status counts) per small group, so a dashboard query
// reads hundreds of rows instead of millions. They are derived data only: lib/facts/derive/rollups.ts
// rebuilds them from indicator_facts (per period) and is the only writer. Every service that writes facts
// calls it after committing; `refreshedAt` lets the UI say how fresh the figures are.
// No foreign keys on purpose: the rows are copies keyed by ids that the facts (which do hold foreign keys)
// already guarantee, and checking three constraints per row tripled the refresh time at national scale.

/**
 * Each agency's ministry (nearest ancestor of type ministry) and type, the two dashboard filters, and its
 * province: the rollups are grouped by all three, so one local administration's refresh sums the ~100 of its
 * province, not the ~7,450 of the country.
 */
export const dashboardAgencyDims = pgTable(
  "dashboard_agency_dims",
  {
    agencyId: integer().primaryKey(),
    ministryId: integer(),
    agencyType: agencyTypeEnum().notNull(),
    province: text(),
  },
  (t) => [index().on(t.ministryId, t.agencyType)],
);

/**
 * Approved facts per indicator × period × ministry × agency type × province, as additive parts: the national
 * figure (or a filtered one) is the combination of the matching groups (core/scoring/aggregate.ts).
 * Only the "effective" fact of an agency counts: its most recently recorded approved fact, whatever the
 * source, so that an agency reporting through two streams is not counted twice.
 */
export const dashboardIndicatorRollups = pgTable(
  "dashboard_indicator_rollups",
  {
    periodId: integer().notNull(),
    indicatorId: integer().notNull(),
    ministryId: integer(),
    agencyType: agencyTypeEnum().notNull(),
    /** A group within the ministry × type (dashboard_agency_dims); no filter reads it on its own. */
    province: text(),
    /** Agencies with an approved fact. */
    factCount: integer().notNull(),
    valueSum: numeric({ precision: 30, scale: 6 }).notNull(),
    weightSum: numeric({ precision: 30, scale: 6 }).notNull(),
    weightedSum: numeric({ precision: 40, scale: 6 }).notNull(),
    latestValue: numeric({ precision: 20, scale: 4 }),
    latestAt: timestamp({ withTimezone: true }),
    latestFactId: bigint({ mode: "number" }),
    /** Agencies expected to report this indicator (see EXPECTED_FACTS_SQL). */
    expectedCount: integer().notNull(),
    /** Facts still waiting for approval: not counted, shown beside the figure. */
    provisionalCount: integer().notNull(),
    /** Agencies' own status against their own (or pro-rated national) target. */
    greenCount: integer().notNull(),
    amberCount: integer().notNull(),
    redCount: integer().notNull(),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("dashboard_indicator_rollups_group").on(t.periodId, t.indicatorId, t.ministryId, t.agencyType, t.province).nullsNotDistinct(),
    index().on(t.indicatorId),
  ],
);
export type DashboardIndicatorRollup = typeof dashboardIndicatorRollups.$inferSelect;

/**
 * One row per period × contributing agency × component: what was expected of the agency, what arrived
 * (on time, passing validation) and how its figures stand. Lagging counts and the data-quality score
 * read this table.
 */
export const dashboardAgencyComponents = pgTable(
  "dashboard_agency_components",
  {
    periodId: integer().notNull(),
    componentId: integer().notNull(),
    agencyId: integer().notNull(),
    ministryId: integer(),
    agencyType: agencyTypeEnum().notNull(),
    expectedCount: integer().notNull(),
    presentCount: integer().notNull(),
    onTimeCount: integer().notNull(),
    validCount: integer().notNull(),
    greenCount: integer().notNull(),
    amberCount: integer().notNull(),
    redCount: integer().notNull(),
    /** Weighted mean of capped attainment (0–100) over the agency's figures that have a target. */
    score: numeric({ precision: 10, scale: 4 }),
    refreshedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.componentId, t.agencyId] }),
    index().on(t.agencyId, t.periodId),
    index().on(t.componentId),
  ],
);
export type DashboardAgencyComponent = typeof dashboardAgencyComponents.$inferSelect;

/**
 * Each agency's effective figure (its latest approved fact) per period × indicator, scored against the
 * target the agency is held to: its own target, else the national one (pro-rated for sums). Component
 * pages (distribution, best and worst) and agency profiles read it; `factId` is the fact that counted.
 */
export const dashboardAgencyFigures = pgTable(
  "dashboard_agency_figures",
  {
    periodId: integer().notNull(),
    indicatorId: integer().notNull(),
    agencyId: integer().notNull(),
    factId: bigint({ mode: "number" }).notNull(),
    value: numeric({ precision: 20, scale: 4 }).notNull(),
    /** The fact's weight (1 when it has none), for weighted means. */
    weight: numeric({ precision: 20, scale: 4 }).notNull(),
    target: numeric({ precision: 24, scale: 6 }),
    attainment: numeric({ precision: 20, scale: 6 }),
    /** green / amber / red; null without a target. */
    status: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.periodId, t.indicatorId, t.agencyId] }),
    index().on(t.periodId, t.indicatorId, t.attainment),
    index().on(t.agencyId, t.periodId),
  ],
);
export type DashboardAgencyFigure = typeof dashboardAgencyFigures.$inferSelect;

/** Why an agency's effective fact counts in no aggregate (see lib/facts/derive/rollups.ts). */
export const UNCOUNTED_REASONS = ["not_owed", "invalid", "unconfirmed"] as const;
export type UncountedReason = (typeof UNCOUNTED_REASONS)[number];

/**
 * Each agency's effective fact that is NOT counted, with the reason: the agency does not owe the
 * indicator, the value is impossible for its type (a negative count, a share over 100 %), or it is
 * waiting for an analyst's confirmation. Kept apart from dashboard_agency_figures so that no reader of
 * the counted figures can include them by mistake; completeness counts them as present, the trace
 * dialog and the agency profile show why they don't count.
 */
export const dashboardUncountedFigures = pgTable(
  "dashboard_uncounted_figures",
  {
    periodId: integer().notNull(),
    indicatorId: integer().notNull(),
    agencyId: integer().notNull(),
    factId: bigint({ mode: "number" }).notNull(),
    value: numeric({ precision: 20, scale: 4 }).notNull(),
    reason: text({ enum: UNCOUNTED_REASONS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.indicatorId, t.agencyId] }), index().on(t.agencyId, t.periodId)],
);
export type DashboardUncountedFigure = typeof dashboardUncountedFigures.$inferSelect;

/**
 * Changes to facts not yet worked into the derived tables, written after each change commits: the
 * derived-refresh job of a period claims them all at once (so a burst of approvals costs one refresh)
 * and rebuilds only the agencies named, or the whole period where a row names no agency.
 */
export const derivedChanges = pgTable(
  "derived_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer().notNull(),
    /** Null: the whole period (an import, a target, a catalogue change). */
    agencyId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.periodId)],
);

/**
 * How many times each period's derived rows have been rewritten: bumped by every refresh in the same
 * transaction as the rows, so a cached dashboard read keyed by it is never older than the last committed
 * refresh (lib/facts/read/cache.ts).
 */
export const derivedVersions = pgTable("derived_versions", {
  periodId: integer().primaryKey(),
  version: bigint({ mode: "number" }).notNull().default(0),
  /** When it last moved: with the version, tells apart two databases whose counters agree (tests). */
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The version of one component's derived rows in one period (its indicators' agency figures, rollups and
 * uncounted figures, and its agency × component rows), moved by a refresh only when they changed, in the
 * transaction that rewrote them: reads of one component are keyed by it, so an approval in another
 * component leaves them cached (lib/facts/read/cache.ts).
 */
export const derivedComponentVersions = pgTable(
  "derived_component_versions",
  {
    periodId: integer().notNull(),
    componentId: integer().notNull(),
    version: bigint({ mode: "number" }).notNull().default(0),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.componentId] })],
);

/**
 * Versions of source data that cached reads depend on directly rather than through the derived rows:
 * "emenscr" moves with every write to the eMENSCR projects, progress and component links, in the writing
 * transaction (db/queries/data-versions.ts), so the budget panels are cached until the data changes; "flags"
 * moves with every statement that writes the flags (a trigger, drizzle/0034), for the open-flag counts.
 */
export const dataVersions = pgTable("data_versions", {
  name: text().primaryKey(),
  version: bigint({ mode: "number" }).notNull().default(0),
  changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

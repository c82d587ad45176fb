import { boolean, check, date, index, integer, numeric, pgTable, pgView, text, unique } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamps } from "./_columns";
import { agencies, components, services } from "./ecosystem";
import {
  aggregationEnum,
  indicatorDirectionEnum,
  indicatorFrequencyEnum,
  indicatorSourceEnum,
  periodStatusEnum,
  valueTypeEnum,
} from "./enums";

/** A quarterly reporting period of the Thai fiscal year, e.g. 2570Q1 = 1 Oct 2026 – 31 Dec 2026. */
export const periods = pgTable(
  "periods",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    /** Buddhist-era fiscal year, named by the year in which it ends. */
    fiscalYear: integer().notNull(),
    quarter: integer().notNull(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
    /** Submissions after this date are accepted but marked late. */
    dueOn: date({ mode: "string" }).notNull(),
    status: periodStatusEnum().notNull().default("open"),
    /**
     * The quarter stops accepting agencies' work after this day (the due date plus a grace period); null:
     * it closes only by hand. Before `startsOn` an open quarter is upcoming (core/fiscal/period-phase.ts).
     */
    closesOn: date({ mode: "string" }),
    ...timestamps,
  },
  (t) => [
    unique().on(t.fiscalYear, t.quarter),
    check("periods_quarter_range", sql`${t.quarter} between 1 and 4`),
    check("periods_dates_ordered", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);
export type Period = typeof periods.$inferSelect;
export type NewPeriod = typeof periods.$inferInsert;

export const indicators = pgTable(
  "indicators",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    serviceId: integer().references(() => services.id),
    ordinal: integer().notNull().default(0),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    definitionTh: text().notNull(),
    definitionEn: text().notNull(),
    unitTh: text().notNull(),
    unitEn: text().notNull(),
    direction: indicatorDirectionEnum().notNull().default("higher"),
    valueType: valueTypeEnum().notNull(),
    aggregation: aggregationEnum().notNull().default("mean"),
    weight: numeric({ precision: 6, scale: 3 }).notNull().default("1"),
    source: indicatorSourceEnum().notNull(),
    /** False once retired: kept with its figures and targets, no longer owed or shown on the dashboards. */
    active: boolean().notNull().default(true),
    // The data dictionary (not versioned: none of these changes what a past figure means).
    formulaTh: text(),
    formulaEn: text(),
    baselineValue: numeric({ precision: 20, scale: 4 }),
    /** Buddhist-era fiscal year of the baseline. */
    baselineYear: integer(),
    /** The agency that answers for the figure's data (often the platform's owner). */
    dataOwnerAgencyId: integer().references(() => agencies.id),
    frequency: indicatorFrequencyEnum().notNull().default("quarterly"),
    /** Where the data comes from, in words (the system, survey or register). */
    dataSourceTh: text(),
    dataSourceEn: text(),
    /** The thresholds read against, in words (e.g. "on track at 90 % of target or better"). */
    thresholdsTh: text(),
    thresholdsEn: text(),
    ...timestamps,
  },
  (t) => [index().on(t.componentId), index().on(t.serviceId)],
);
export type Indicator = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;

/** Target of an indicator for a period; a null agency is the national target. */
export const targets = pgTable(
  "targets",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    agencyId: integer().references(() => agencies.id),
    value: numeric({ precision: 20, scale: 4 }).notNull(),
    ...timestamps,
  },
  (t) => [
    unique("targets_indicator_period_agency").on(t.indicatorId, t.periodId, t.agencyId).nullsNotDistinct(),
    index().on(t.periodId),
    index().on(t.agencyId),
  ],
);
export type Target = typeof targets.$inferSelect;
export type NewTarget = typeof targets.$inferInsert;

/**
 * The definition an indicator's figures are made under, from a quarter on. The indicators row keeps the
 * identity and carries the newest version's fields (what figures will be made under); a period's figures
 * read the version effective for that period (indicator_period_definitions). An indicator with no version
 * rows has one definition, its row's. Version 1 of an indicator is effective from the start (null period).
 */
export const indicatorVersions = pgTable(
  "indicator_versions",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    version: integer().notNull(),
    /** The first quarter made under this definition; null: from the start. */
    effectiveFromPeriodId: integer().references(() => periods.id),
    definitionTh: text().notNull(),
    definitionEn: text().notNull(),
    unitTh: text().notNull(),
    unitEn: text().notNull(),
    direction: indicatorDirectionEnum().notNull(),
    aggregation: aggregationEnum().notNull(),
    /** Why the definition changed, in the author's words. */
    note: text(),
    ...timestamps,
  },
  (t) => [
    unique("indicator_versions_indicator_version").on(t.indicatorId, t.version),
    unique("indicator_versions_indicator_from").on(t.indicatorId, t.effectiveFromPeriodId).nullsNotDistinct(),
  ],
);
export type IndicatorVersion = typeof indicatorVersions.$inferSelect;

/**
 * Every indicator × period with the definition its figures are made under: the version whose first
 * quarter starts last on or before the period's start, else the indicators row.
 */
export const indicatorPeriodDefinitions = pgView("indicator_period_definitions", {
  indicatorId: integer("indicator_id").notNull(),
  periodId: integer("period_id").notNull(),
  version: integer().notNull(),
  definitionTh: text("definition_th").notNull(),
  definitionEn: text("definition_en").notNull(),
  unitTh: text("unit_th").notNull(),
  unitEn: text("unit_en").notNull(),
  direction: indicatorDirectionEnum().notNull(),
  aggregation: aggregationEnum().notNull(),
}).as(sql`
  select i.id as indicator_id, p.id as period_id, coalesce(v.version, 1) as version,
    coalesce(v.definition_th, i.definition_th) as definition_th, coalesce(v.definition_en, i.definition_en) as definition_en,
    coalesce(v.unit_th, i.unit_th) as unit_th, coalesce(v.unit_en, i.unit_en) as unit_en,
    coalesce(v.direction, i.direction) as direction, coalesce(v.aggregation, i.aggregation) as aggregation
  from indicators i cross join periods p
  left join lateral (
    select v.* from indicator_versions v left join periods vp on vp.id = v.effective_from_period_id
    where v.indicator_id = i.id and (vp.id is null or vp.starts_on <= p.starts_on)
    order by vp.starts_on desc nulls last limit 1
  ) v on true`);

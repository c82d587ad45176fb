import { boolean, check, date, index, integer, numeric, pgTable, text, unique } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamps } from "./_columns";
import { agencies, components, services } from "./ecosystem";
import {
  aggregationEnum,
  indicatorDirectionEnum,
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
    active: boolean().notNull().default(true),
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

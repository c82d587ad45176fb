import { index, integer, numeric, pgTable, text, unique } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { agencies } from "./ecosystem";

/**
 * Social return on investment of one agency for one fiscal year. The ratio is never stored: it is
 * computed from the investment and the outcome lines below, so every figure can be explained.
 */
export const sroiAssessments = pgTable(
  "sroi_assessments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    fiscalYear: integer().notNull(),
    /** Present value of the investment, baht. */
    investment: numeric({ precision: 20, scale: 2 }).notNull(),
    /** Annual discount rate for outcomes lasting several years, as a fraction (0.035 = 3.5 %). */
    discountRate: numeric({ precision: 6, scale: 4 }).notNull(),
    noteTh: text(),
    noteEn: text(),
    ...timestamps,
  },
  (t) => [unique().on(t.agencyId, t.fiscalYear)],
);
export type SroiAssessment = typeof sroiAssessments.$inferSelect;
export type NewSroiAssessment = typeof sroiAssessments.$inferInsert;

/** One monetised outcome: quantity × financial proxy, less deadweight, attribution, displacement, drop-off. */
export const sroiOutcomes = pgTable(
  "sroi_outcomes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assessmentId: integer()
      .notNull()
      .references(() => sroiAssessments.id, { onDelete: "cascade" }),
    ordinal: integer().notNull(),
    stakeholderTh: text().notNull(),
    stakeholderEn: text().notNull(),
    outcomeTh: text().notNull(),
    outcomeEn: text().notNull(),
    quantity: numeric({ precision: 20, scale: 2 }).notNull(),
    /** Baht per unit of outcome per year. */
    financialProxy: numeric({ precision: 20, scale: 2 }).notNull(),
    /** Fractions 0–1. */
    deadweight: numeric({ precision: 5, scale: 4 }).notNull(),
    attribution: numeric({ precision: 5, scale: 4 }).notNull(),
    displacement: numeric({ precision: 5, scale: 4 }).notNull(),
    dropOff: numeric({ precision: 5, scale: 4 }).notNull(),
    durationYears: integer().notNull(),
    ...timestamps,
  },
  (t) => [index().on(t.assessmentId)],
);
export type SroiOutcome = typeof sroiOutcomes.$inferSelect;
export type NewSroiOutcome = typeof sroiOutcomes.$inferInsert;

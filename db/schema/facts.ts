import { bigint, boolean, index, integer, numeric, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { agencies } from "./ecosystem";
import { users } from "./users";
import { factSourceEnum, factStateEnum } from "./enums";
import { indicators, periods } from "./indicators";

/**
 * The fact layer: one figure per agency × period × indicator × source, whatever produced it. Dashboards,
 * lagging rules and reports read only this table (through lib/facts/read), so a number means the same thing
 * everywhere. Every fact points back to the exact row it came from (provenance):
 *  - self_assessment: the submission value (sourceId = submission value id),
 *  - emenscr: the import batch and the row number in the imported file,
 *  - derived: the computation (sourceRef names it, e.g. "sroi:assessment/3"),
 *  - demo_seed: generated demo data, shown as such.
 * The services that write submissions and imports keep it in step, in the same transaction.
 */
export const indicatorFacts = pgTable(
  "indicator_facts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    value: numeric({ precision: 20, scale: 4 }).notNull(),
    /**
     * Weight of this figure in a weighted mean across agencies (weighted_mean indicators): the budget in
     * baht for disbursement and progress, the number of respondents for satisfaction, the number of
     * services for service shares. Null counts as 1, so a weighted mean without weights is a plain mean.
     */
    weight: numeric({ precision: 20, scale: 4 }),
    source: factSourceEnum().notNull(),
    state: factStateEnum().notNull(),
    /** Id of the source row in its own table (submission value, eMENSCR progress row). */
    sourceId: bigint({ mode: "number" }),
    /** Import batch for eMENSCR facts. */
    importBatchId: integer(),
    /** 1-based row number in the imported file, as the analyst sees it in Excel. */
    sourceRow: integer(),
    /** Free-form pointer for derived facts ("sroi:assessment/3"). */
    sourceRef: text(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The writer found the value implausible (outside the item's range, far off the target, a jump from the
     * previous period): kept, but counted in no aggregate until a DGA analyst confirms it.
     */
    needsConfirmation: boolean().notNull().default(false),
    /** Set by the analyst's confirmation; cleared when the value changes. */
    confirmedAt: timestamp({ withTimezone: true }),
    confirmedById: integer().references(() => users.id),
  },
  (t) => [
    unique("indicator_facts_identity").on(t.indicatorId, t.agencyId, t.periodId, t.source),
    index("indicator_facts_period_indicator_idx").on(t.periodId, t.indicatorId),
    index("indicator_facts_agency_period_idx").on(t.agencyId, t.periodId),
    // A fact from its source record: a submission's values (the assessment form, approvals), an import's rows.
    index("indicator_facts_source_record_idx").on(t.source, t.sourceId),
  ],
);
export type IndicatorFact = typeof indicatorFacts.$inferSelect;
export type NewIndicatorFact = typeof indicatorFacts.$inferInsert;

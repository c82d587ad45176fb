// The measures Lamnam shows, each with one meaning: every page, report and API names a figure by its
// measure id, and its words (name, definition) live in messages/*.json under measures.<id>. Two measures
// never share a name (tests/unit/measures.test.ts). Where each is computed is named here, once.

export type MeasureUnit = "count" | "percent" | "points";

export interface Measure {
  unit: MeasureUnit;
  /** The rows it counts, for the reader who traces a figure (and for the next engineer). */
  rows: string;
}

export const MEASURES = {
  component_score: { unit: "points", rows: "dashboard_agency_components.score: weighted mean of attainment capped at 100, over the agency's counted figures with a target" },
  attainment: { unit: "percent", rows: "dashboard_agency_figures.attainment: value ÷ the target the agency is held to (inverted for lower-is-better)" },
  lagging_agencies: { unit: "count", rows: "dashboard_agency_components: agencies with a figure below target, or owing figures after the due date" },
  figures_owed: { unit: "count", rows: "EXPECTED_FACTS_SQL (db/queries/owed-figures.ts): agency × indicator of the components it contributes to" },
  figures_received: { unit: "count", rows: "owed figures with an approved fact from any source, counted or held" },
  figures_on_time: { unit: "count", rows: "received figures recorded before the end of the due date (Bangkok)" },
  figures_counted: { unit: "count", rows: "dashboard_agency_figures: received figures that are owed, possible for their type, and confirmed when unusual" },
  figures_pending: { unit: "count", rows: "indicator_facts in state provisional: submitted, waiting for DGA's approval" },
  data_quality: { unit: "points", rows: "core/scoring/data-quality.ts: received ÷ owed × on time ÷ received × counted ÷ received × 100" },
  forms_owed: { unit: "count", rows: "agency × component self-assessments due for the quarter" },
  forms_submitted: { unit: "count", rows: "self-assessments that reached DGA (submitted, returned or approved)" },
  forms_on_time: { unit: "count", rows: "self-assessments first submitted by the due date" },
  forms_approved: { unit: "count", rows: "self-assessments approved by DGA" },
} as const satisfies Record<string, Measure>;

export type MeasureId = keyof typeof MEASURES;
export const MEASURE_IDS = Object.keys(MEASURES) as MeasureId[];

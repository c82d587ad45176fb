// The open dataset of one quarter: one flat record per scope (the nation, each ministry) × component,
// and per scope × indicator, holding only approved aggregates — the figures the quarterly report's KPI
// section shows for that scope. Per-agency figures are not published (see README "Open data").
// The record's keys are the CSV's columns, in order, and the data dictionary names each of them.
import { createTranslator } from "use-intl/core";
import type { IndicatorDirection, Locale, ValueType } from "@/core/enums";
import type { Status } from "@/core/scoring";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

export const OPEN_DATA_SCOPE_LEVELS = ["national", "ministry"] as const;
export type OpenDataScopeLevel = (typeof OPEN_DATA_SCOPE_LEVELS)[number];
export const OPEN_DATA_RECORD_TYPES = ["component", "indicator"] as const;
export type OpenDataRecordType = (typeof OPEN_DATA_RECORD_TYPES)[number];
export const OPEN_DATA_FORMATS = ["csv", "json"] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

export interface OpenDataRecord {
  fiscal_year: number;
  quarter: number;
  period: string;
  scope_level: OpenDataScopeLevel;
  scope_code: string | null;
  scope_name_th: string;
  scope_name_en: string;
  component_code: string;
  component_name_th: string;
  component_name_en: string;
  record_type: OpenDataRecordType;
  indicator_code: string | null;
  indicator_name_th: string | null;
  indicator_name_en: string | null;
  unit_th: string | null;
  unit_en: string | null;
  direction: IndicatorDirection | null;
  value_type: ValueType | "score";
  value: number | null;
  target: number | null;
  attainment_percent: number | null;
  status: Status;
  status_th: string;
  status_en: string;
  reporting_agencies: number | null;
  expected_agencies: number | null;
}

export type OpenDataField = keyof OpenDataRecord;

/** The columns, in the CSV's order, with their type (Frictionless Table Schema's names) and unit. */
export const OPEN_DATA_FIELDS: readonly { name: OpenDataField; type: "integer" | "number" | "string"; unit?: "points_or_indicator" | "indicator" | "percent" | "agencies" }[] = [
  { name: "fiscal_year", type: "integer" },
  { name: "quarter", type: "integer" },
  { name: "period", type: "string" },
  { name: "scope_level", type: "string" },
  { name: "scope_code", type: "string" },
  { name: "scope_name_th", type: "string" },
  { name: "scope_name_en", type: "string" },
  { name: "component_code", type: "string" },
  { name: "component_name_th", type: "string" },
  { name: "component_name_en", type: "string" },
  { name: "record_type", type: "string" },
  { name: "indicator_code", type: "string" },
  { name: "indicator_name_th", type: "string" },
  { name: "indicator_name_en", type: "string" },
  { name: "unit_th", type: "string" },
  { name: "unit_en", type: "string" },
  { name: "direction", type: "string" },
  { name: "value_type", type: "string" },
  { name: "value", type: "number", unit: "points_or_indicator" },
  { name: "target", type: "number", unit: "indicator" },
  { name: "attainment_percent", type: "number", unit: "percent" },
  { name: "status", type: "string" },
  { name: "status_th", type: "string" },
  { name: "status_en", type: "string" },
  { name: "reporting_agencies", type: "integer", unit: "agencies" },
  { name: "expected_agencies", type: "integer", unit: "agencies" },
];

export interface OpenDataset {
  version: 1;
  period: { code: string; fiscalYear: number; quarter: number; startsOn: string; endsOn: string };
  /** When the figures were collected (the publication), and the latest change to the data they read. */
  collectedAt: string;
  dataAsOf: string | null;
  records: OpenDataRecord[];
}

const MESSAGES = { th, en } as const;

export function openDataTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "openData" });
}

/** The status words of the dashboards, so the published "status_th"/"status_en" read as on screen. */
export function statusTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "dashboard.status" });
}

export interface DictionaryEntry {
  name: OpenDataField;
  type: "integer" | "number" | "string";
  description_th: string;
  description_en: string;
  unit_th: string | null;
  unit_en: string | null;
}

/** The data dictionary: every column's name, type, description and unit in Thai and English. */
export function openDataDictionary(): DictionaryEntry[] {
  const tTh = openDataTranslator("th");
  const tEn = openDataTranslator("en");
  return OPEN_DATA_FIELDS.map((f) => ({
    name: f.name,
    type: f.type,
    description_th: tTh(`fields.${f.name}`),
    description_en: tEn(`fields.${f.name}`),
    unit_th: f.unit ? tTh(`units.${f.unit}`) : null,
    unit_en: f.unit ? tEn(`units.${f.unit}`) : null,
  }));
}

/** "Q4.csv" → quarter 4, csv; anything else names no resource (null). */
export function parseOpenDataFile(file: string): { quarter: number; format: OpenDataFormat | "package" } | null {
  const match = /^Q([1-4])(?:\.(csv|json)|-(package)\.json)$/.exec(file);
  if (!match) return null;
  return { quarter: Number(match[1]), format: (match[2] ?? match[3]) as OpenDataFormat | "package" };
}

/** A Buddhist-era fiscal year in a URL segment ("2569"); anything else names nothing. */
export function parseFiscalYear(raw: string): number | null {
  return /^25\d\d$/.test(raw) ? Number(raw) : null;
}

/** Where a quarter's resources are published, relative to the site. */
export function openDataPath(fiscalYear: number, quarter: number, format: OpenDataFormat | "package"): string {
  return `/open-data/${fiscalYear}/Q${quarter}${format === "package" ? "-package.json" : `.${format}`}`;
}

// The unit money is written in. Some exports state budgets in million (or thousand) baht — in the
// header ("งบประมาณ (ล้านบาท)", "Budget (million baht)") or in a title row ("หน่วย: ล้านบาท") — and the
// importer stores baht. And the unit is sometimes wrong or missing: budgets of 12.5 with no unit stated,
// or a column labelled "million baht" holding baht. Those are not guessed: the preview warns and the
// analyst states the unit. Pure: no database.

import { normaliseText } from "@/core/parse/values";

export const AMOUNT_UNITS = ["baht", "thousand_baht", "million_baht"] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];
export const AMOUNT_UNIT_SCALE: Record<AmountUnit, number> = { baht: 1, thousand_baht: 1_000, million_baht: 1_000_000 };

export function isAmountUnit(value: unknown): value is AmountUnit {
  return typeof value === "string" && (AMOUNT_UNITS as readonly string[]).includes(value);
}

/** Money columns, whose unit is read and scaled. */
export const MONEY_FIELDS = ["budget", "disbursed", "spent"] as const;
export type MoneyField = (typeof MONEY_FIELDS)[number];

/** Where a column's unit came from: its header, a title row above the header, the analyst, or nothing (baht). */
export type AmountUnitSource = "header" | "title" | "stated" | "default";
export interface ColumnUnit {
  unit: AmountUnit;
  source: AmountUnitSource;
}

// Longest first: "ล้านบาท" before "บาท". "ลบ." is the usual Thai abbreviation of ล้านบาท.
const UNIT_WORDS: [RegExp, AmountUnit][] = [
  [/ล้าน\s*บาท|ลบ\.|million\s*(?:of\s*)?baht|baht\s*million|thb\s*(?:mn|million|m)\b|(?:mn|million)\s*thb|\bmillions?\b|ล้าน/iu, "million_baht"],
  [/พัน\s*บาท|thousand\s*(?:of\s*)?baht|baht\s*thousand|thb\s*(?:'?000|thousand|k)\b|'000|\bthousands?\b/iu, "thousand_baht"],
  [/บาท|\bbaht\b|\bthb\b|฿/iu, "baht"],
];

function unitIn(text: string): AmountUnit | null {
  for (const [pattern, unit] of UNIT_WORDS) if (pattern.test(text)) return unit;
  return null;
}

/**
 * The unit a header states in brackets or at its end: "วงเงินงบประมาณ (ล้านบาท)", "Budget (THB million)",
 * "งบประมาณ ล้านบาท", "Budget, million baht". Null when it states none.
 */
export function headerUnit(header: string): AmountUnit | null {
  const text = normaliseText(header);
  const bracket = /[([]([^)\]]*)[)\]]\s*$/u.exec(text);
  if (bracket) return unitIn(bracket[1]!);
  const trailing = /(?:^|[\s,:：/-])((?:ล้าน|พัน)?\s*บาท|ลบ\.|(?:million|thousand)?\s*baht|thb(?:\s*(?:million|thousand|mn|'000))?)$/iu.exec(text);
  return trailing ? unitIn(trailing[1]!) : null;
}

/** The header without its stated unit, for recognising the field: "งบประมาณ (ล้านบาท)" → "งบประมาณ". */
export function withoutHeaderUnit(header: string): string {
  return normaliseText(header)
    .replace(/\s*[([][^)\]]*[)\]]\s*$/u, "")
    .replace(/[\s,:：/-]+((?:ล้าน|พัน)?\s*บาท|ลบ\.|(?:million|thousand)?\s*baht|thb(?:\s*(?:million|thousand|mn|'000))?)$/iu, "");
}

/** "หน่วย: ล้านบาท", "(หน่วย : ล้านบาท)", "Unit: million baht", "Amounts in million baht" in a title row. */
export function titleUnit(cells: readonly unknown[]): AmountUnit | null {
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    // "หน่วยงาน: …" (agency) also starts with หน่วย: only the words right after it count.
    for (const match of normaliseText(cell).matchAll(/(?:หน่วย(?:นับ)?|\bunits?\b|\bamounts?\s+in\b)\s*[:：]?\s*([^,;()]{1,25})/giu)) {
      const unit = unitIn(match[1]!);
      if (unit) return unit;
    }
  }
  return null;
}

/** Budgets below this (in baht) are not real projects' budgets: the figures are in larger units. */
export const SMALLEST_PLAUSIBLE_BUDGET = 1_000;
/** A project's median budget above this (100 billion baht) means the unit was applied to baht. */
export const LARGEST_PLAUSIBLE_MEDIAN_BUDGET = 1e11;
/** An agency's budgets this many times smaller or larger than its earlier imports' are in another unit. */
export const UNIT_JUMP = 1_000;

export interface AgencyBudgets {
  agencyId: number;
  agencyName: string;
  /** Median budget of the agency's rows in this file, in baht as they would be stored. */
  fileMedian: number;
  /** Median budget of the agency's projects already stored (earlier imports), if any. */
  earlierMedian: number | null;
}

export type AmountUnitWarning =
  | { kind: "look_like_millions"; fileMedian: number; agencies: AgencyBudgets[] }
  | { kind: "look_like_baht"; fileMedian: number; unit: AmountUnit; agencies: AgencyBudgets[] };

/**
 * Whether the budgets, as they would be stored, are in a believable unit. Without a stated or detected
 * unit, budgets under 1,000 baht (across the file, or for an agency whose earlier imports are in the
 * millions) look like millions. With million or thousand baht read from the file, budgets that become
 * absurdly large (or 1,000× an agency's earlier imports) look like baht under a wrong label.
 * A unit the analyst stated is never second-guessed.
 */
export function assessAmountUnit(options: { source: AmountUnitSource; unit: AmountUnit; fileMedian: number | null; agencies: readonly AgencyBudgets[] }): AmountUnitWarning | null {
  const { source, unit, fileMedian, agencies } = options;
  if (source === "stated" || fileMedian === null) return null;
  if (unit === "baht") {
    const small = agencies.filter((a) => a.fileMedian < SMALLEST_PLAUSIBLE_BUDGET && a.earlierMedian !== null && a.earlierMedian >= a.fileMedian * UNIT_JUMP);
    if (fileMedian < SMALLEST_PLAUSIBLE_BUDGET || small.length > 0) return { kind: "look_like_millions", fileMedian, agencies: small };
    return null;
  }
  const large = agencies.filter((a) => a.earlierMedian !== null && a.earlierMedian > 0 && a.fileMedian >= a.earlierMedian * UNIT_JUMP);
  if (fileMedian > LARGEST_PLAUSIBLE_MEDIAN_BUDGET || large.length > 0) return { kind: "look_like_baht", fileMedian, unit, agencies: large };
  return null;
}

/** Median of the values (they are reordered). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

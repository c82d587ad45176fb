// The one validation of a submission form, used by the browser (instant feedback) and by the server
// (authoritative). Built per template because the fields are the template's items. No server imports.

import { z } from "zod";
import { MAX_STORED_MAGNITUDE, normaliseText, parseBoolean, parseNumber } from "@/core/parse/values";
import type { AnswerType } from "./enums";
import { NARRATIVE_FIELDS } from "./enums";

export interface FormItem {
  id: number;
  code: string;
  answerType: AnswerType;
  required: boolean;
  plausibleMin: number | null;
  plausibleMax: number | null;
  /** The target the agency is held to this period, for the plausibility check. */
  target: number | null;
  /** The agency's counted figure of the previous quarter, for the jump check. */
  previous: number | null;
}

export type ValidationMode = "draft" | "complete";

export interface ParsedAnswer {
  numericValue: number | null;
  levelValue: number | null;
  booleanValue: boolean | null;
  textValue: string | null;
}

export interface ParsedForm {
  answers: Map<number, ParsedAnswer>;
  notes: Map<number, string>;
  reasons: Map<number, string>;
  narrative: Record<(typeof NARRATIVE_FIELDS)[number], string | null>;
}

export const MAX_TEXT = 4000;
export const MAX_NOTE = 1000;

export const valueKey = (id: number) => `value.${id}`;
export const noteKey = (id: number) => `note.${id}`;
export const reasonKey = (id: number) => `reason.${id}`;

const EMPTY: ParsedAnswer = { numericValue: null, levelValue: null, booleanValue: null, textValue: null };

/**
 * An item's answer field depends only on its answer type, whether it is required and the mode: built once per
 * combination and shared by every form (building a form's fields took ~3 ms a save; zod schemas do not change).
 */
const answerFields = new Map<string, z.ZodType>();

function answerField(item: FormItem, mode: ValidationMode): z.ZodType {
  const key = `${item.answerType}:${item.required}:${mode}`;
  let field = answerFields.get(key);
  if (!field) answerFields.set(key, (field = buildAnswerField(item.answerType, item.required, mode)));
  return field;
}

function buildAnswerField(answerType: FormItem["answerType"], required: boolean, mode: ValidationMode) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): ParsedAnswer | null => {
      const text = normaliseText(raw ?? "");
      if (!text) {
        if (mode === "complete" && required) ctx.addIssue({ code: "custom", message: "required" });
        return null;
      }
      switch (answerType) {
        case "number":
        case "percent": {
          const parsed = parseNumber(text.replace(/\s*(%|ร้อยละ)\s*/g, ""));
          if (!parsed.ok) {
            ctx.addIssue({ code: "custom", message: "not_a_number" });
            return null;
          }
          if (parsed.value < 0) {
            ctx.addIssue({ code: "custom", message: answerType === "percent" ? "percent_range" : "negative" });
            return null;
          }
          if (answerType === "percent" && parsed.value > 100) {
            ctx.addIssue({ code: "custom", message: "percent_range" });
            return null;
          }
          if (parsed.value >= MAX_STORED_MAGNITUDE) {
            ctx.addIssue({ code: "custom", message: "too_large" });
            return null;
          }
          return { ...EMPTY, numericValue: parsed.value };
        }
        case "level": {
          const parsed = parseNumber(text);
          if (!parsed.ok || !Number.isInteger(parsed.value) || parsed.value < 1 || parsed.value > 5) {
            ctx.addIssue({ code: "custom", message: "level_range" });
            return null;
          }
          return { ...EMPTY, levelValue: parsed.value };
        }
        case "boolean": {
          const parsed = parseBoolean(text);
          if (!parsed.ok) {
            ctx.addIssue({ code: "custom", message: "not_a_boolean" });
            return null;
          }
          return { ...EMPTY, booleanValue: parsed.value };
        }
        case "text":
          if (text.length > MAX_TEXT) {
            ctx.addIssue({ code: "custom", message: "too_long" });
            return null;
          }
          return { ...EMPTY, textValue: text };
      }
    });
}

const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((raw) => normaliseText(raw ?? "") || null)
    .refine((v) => v === null || v.length <= max, { message: "too_long" });

const NOTE_FIELD = optionalText(MAX_NOTE);
const NARRATIVE_FIELD = optionalText(MAX_TEXT);
const REQUIRED_NARRATIVE_FIELD = NARRATIVE_FIELD.refine((v) => v !== null, { message: "required" });

/**
 * The schema of a form built from a template. Draft mode accepts gaps but never garbage (text in a
 * number field is an error even in a draft: it could not be stored); complete mode also requires
 * every required item and the progress narrative.
 */
export function buildFormSchema(items: readonly FormItem[], mode: ValidationMode) {
  const shape: Record<string, z.ZodType> = {};
  for (const item of items) {
    shape[valueKey(item.id)] = answerField(item, mode);
    shape[noteKey(item.id)] = NOTE_FIELD;
    shape[reasonKey(item.id)] = NOTE_FIELD;
  }
  for (const field of NARRATIVE_FIELDS) shape[field] = mode === "complete" && field === "progress" ? REQUIRED_NARRATIVE_FIELD : NARRATIVE_FIELD;
  return z
    .object(shape)
    .superRefine((data, ctx) => {
      if (mode !== "complete") return;
      // Submitting an implausible value takes a reason: the reviewer reads it before confirming the value.
      const record = data as Record<string, unknown>;
      for (const item of items) {
        const answer = record[valueKey(item.id)] as ParsedAnswer | null;
        if (isImplausible(item, answer?.numericValue ?? null) && !record[reasonKey(item.id)]) {
          ctx.addIssue({ code: "custom", path: [reasonKey(item.id)], message: "implausible_reason_required" });
        }
      }
    })
    .transform((data): ParsedForm => {
    const record = data as Record<string, unknown>;
    const answers = new Map<number, ParsedAnswer>();
    const notes = new Map<number, string>();
    const reasons = new Map<number, string>();
    for (const item of items) {
      const answer = record[valueKey(item.id)] as ParsedAnswer | null;
      if (answer) answers.set(item.id, answer);
      const note = record[noteKey(item.id)] as string | null;
      if (note) notes.set(item.id, note);
      const reason = record[reasonKey(item.id)] as string | null;
      if (reason) reasons.set(item.id, reason);
    }
    return {
      answers,
      notes,
      reasons,
      narrative: {
        progress: record.progress as string | null,
        problems: record.problems as string | null,
        support: record.support as string | null,
      },
    };
  });
}

/** How far a figure may move from the quarter before without a reason: percentage points for shares, a factor for counts. */
export const JUMP_RULE = { percentPoints: 30, factor: 4 } as const;
/** Without a stated range, a figure more than this many times its target looks like a unit slip (baht typed as millions). */
export const TARGET_FACTOR = 5;

export type Implausibility =
  | { code: "below_min"; limit: number }
  | { code: "above_max"; limit: number }
  | { code: "far_above_target"; limit: number }
  | { code: "jump"; previous: number };

/**
 * Why a number looks implausible, or null: outside the item's stated range; without one, more than
 * TARGET_FACTOR times the target; or a jump from the previous quarter beyond JUMP_RULE. Such a value is
 * kept, but it needs a reason to be submitted and an analyst's confirmation to count.
 */
export function implausibility(item: FormItem, value: number | null): Implausibility | null {
  if (value === null || (item.answerType !== "number" && item.answerType !== "percent")) return null;
  if (item.plausibleMin !== null && value < item.plausibleMin) return { code: "below_min", limit: item.plausibleMin };
  if (item.plausibleMax !== null && value > item.plausibleMax) return { code: "above_max", limit: item.plausibleMax };
  if (item.plausibleMin === null && item.plausibleMax === null && item.target !== null && item.target > 0 && value > item.target * TARGET_FACTOR) {
    return { code: "far_above_target", limit: item.target * TARGET_FACTOR };
  }
  const previous = item.previous;
  if (previous !== null) {
    const jumped =
      item.answerType === "percent"
        ? Math.abs(value - previous) > JUMP_RULE.percentPoints
        : previous > 0 && (value > previous * JUMP_RULE.factor || value < previous / JUMP_RULE.factor);
    if (jumped) return { code: "jump", previous };
  }
  return null;
}

export function isImplausible(item: FormItem, value: number | null): boolean {
  return implausibility(item, value) !== null;
}

/** Stored answer back to the text a form field shows (and that the schema parses again). */
export function answerToText(answer: Partial<ParsedAnswer> | undefined | null): string {
  if (!answer) return "";
  if (answer.numericValue !== null && answer.numericValue !== undefined) return String(answer.numericValue);
  if (answer.levelValue !== null && answer.levelValue !== undefined) return String(answer.levelValue);
  if (answer.booleanValue !== null && answer.booleanValue !== undefined) return answer.booleanValue ? "yes" : "no";
  return answer.textValue ?? "";
}

export { toFieldErrors } from "@/core/errors/field-errors";

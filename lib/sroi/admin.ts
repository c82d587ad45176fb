import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies, sroiAssessments, sroiOutcomes } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from "@/core/fiscal/calendar";
import { MAX_STORED_MAGNITUDE, normaliseText, parseNumber } from "@/core/parse/values";
import { calculateSroi, MAX_DURATION_YEARS } from "@/core/sroi/calculate";
import { recordAudit } from "@/lib/audit/record";
import { afterFactsChanged } from "@/lib/facts/after-change";
import { saveSroiAssessment, type SroiAssessmentInput } from "@/lib/sroi/save-assessment";

// SROI administered in the app (admins and analysts): an agency's investment and outcome lines with their
// financial proxies for a fiscal year. The ratio is computed by core/sroi, never typed; saving goes through
// saveSroiAssessment, which re-derives the dashboard indicator ME-SROI in the same transaction. Every
// field is checked before anything is written, and a refusal writes nothing.

/** The fields of one outcome line, as the form names them: `line.<i>.<field>`. */
export const SROI_LINE_FIELDS = ["stakeholderTh", "stakeholderEn", "outcomeTh", "outcomeEn", "quantity", "financialProxy", "deadweight", "attribution", "displacement", "dropOff", "durationYears"] as const;
const PERCENT_FIELDS = ["deadweight", "attribution", "displacement", "dropOff"] as const;
const MAX_LINES = 50;

type Outcome = SroiAssessmentInput["outcomes"][number];
export interface SroiForm {
  investment: number;
  discountRate: number;
  noteTh: string | null;
  noteEn: string | null;
  outcomes: Outcome[];
}

type Errors = Record<string, string[]>;
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** A number typed in the form ("1,000,000", Thai digits): null with the error code when it is not one. */
function amount(raw: unknown, errors: Errors, field: string, { positive = false } = {}): number {
  const text = normaliseText(str(raw));
  if (!text) return fail(errors, field, "required");
  const parsed = parseNumber(text);
  if (!parsed.ok) return fail(errors, field, "invalid_number");
  if (Math.abs(parsed.value) >= MAX_STORED_MAGNITUDE) return fail(errors, field, "too_large");
  if (parsed.value < 0 || (positive && parsed.value === 0)) return fail(errors, field, positive ? "positive_amount" : "negative_amount");
  return Math.round(parsed.value * 100) / 100;
}

/** A percentage 0–100 as typed ("20" for 20 %), returned as the fraction the calculation takes. */
function percent(raw: unknown, errors: Errors, field: string): number {
  const text = normaliseText(str(raw)).replace(/%$/, "").trim();
  if (!text) return fail(errors, field, "required");
  const parsed = parseNumber(text);
  if (!parsed.ok) return fail(errors, field, "invalid_number");
  if (parsed.value < 0 || parsed.value > 100) return fail(errors, field, "percent_range");
  return Math.round(parsed.value * 100) / 10_000;
}

function words(raw: unknown, errors: Errors, field: string, { required = true, max = 500 } = {}): string {
  const text = normaliseText(str(raw));
  if (required && !text) fail(errors, field, "required");
  else if (text.length > max) fail(errors, field, "too_long");
  return text;
}

function fail(errors: Errors, field: string, code: string): number {
  (errors[field] ??= []).push(code);
  return Number.NaN;
}

/**
 * Reads the form: the investment, the discount rate (%), notes and the outcome lines `line.<i>.*`; a line
 * left entirely blank is no line. Throws ValidationError naming every field at fault.
 */
export function parseSroiForm(input: Record<string, unknown>): SroiForm {
  const errors: Errors = {};
  const investment = amount(input.investment, errors, "investment", { positive: true });
  const discountRate = percent(input.discountRate, errors, "discountRate");
  const noteTh = words(input.noteTh, errors, "noteTh", { required: false, max: 2000 }) || null;
  const noteEn = words(input.noteEn, errors, "noteEn", { required: false, max: 2000 }) || null;
  const indexes = new Set<number>();
  for (const key of Object.keys(input)) {
    const m = /^line\.(\d{1,3})\./.exec(key);
    if (m && Number(m[1]) < MAX_LINES) indexes.add(Number(m[1]));
  }
  const outcomes: Outcome[] = [];
  for (const i of [...indexes].sort((a, b) => a - b)) {
    const raw = (f: string) => input[`line.${i}.${f}`];
    if (SROI_LINE_FIELDS.every((f) => !normaliseText(str(raw(f))))) continue;
    const name = (f: string) => `line.${i}.${f}`;
    const durationText = normaliseText(str(raw("durationYears")));
    const duration = Number(durationText);
    if (!durationText) fail(errors, name("durationYears"), "required");
    else if (!/^\d{1,3}$/.test(durationText) || duration < 1 || duration > MAX_DURATION_YEARS) fail(errors, name("durationYears"), "duration_range");
    const [deadweight, attribution, displacement, dropOff] = PERCENT_FIELDS.map((f) => percent(raw(f), errors, name(f)));
    outcomes.push({
      stakeholderTh: words(raw("stakeholderTh"), errors, name("stakeholderTh")),
      stakeholderEn: words(raw("stakeholderEn"), errors, name("stakeholderEn")),
      outcomeTh: words(raw("outcomeTh"), errors, name("outcomeTh")),
      outcomeEn: words(raw("outcomeEn"), errors, name("outcomeEn")),
      quantity: amount(raw("quantity"), errors, name("quantity")),
      financialProxy: amount(raw("financialProxy"), errors, name("financialProxy")),
      deadweight: deadweight!,
      attribution: attribution!,
      displacement: displacement!,
      dropOff: dropOff!,
      durationYears: duration,
    });
  }
  if (!outcomes.length && !Object.keys(errors).some((k) => k.startsWith("line."))) fail(errors, "line.0.outcomeTh", "sroi_needs_outcome");
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { investment, discountRate, noteTh, noteEn, outcomes };
}

function fiscalYearOf(raw: unknown): number {
  const text = normaliseText(str(raw));
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) throw new ValidationError({ fiscalYear: [text ? "invalid_year" : "required"] });
  return year;
}

function require(actor: Actor) {
  if (!can(actor, "admin.catalogue")) throw new ForbiddenError();
}

/** The ratio the form's figures give, computed on the server without saving anything. */
export function previewSroi(actor: Actor, input: Record<string, unknown>): { ratio: number; totalPresentValue: number } {
  require(actor);
  const form = parseSroiForm(input);
  const { ratio, totalPresentValue } = calculateSroi(form);
  return { ratio, totalPresentValue };
}

const describe = (agencyCode: string, fiscalYear: number, form: SroiForm, ratio: number) => ({
  agencyCode,
  fiscalYear,
  investment: form.investment,
  discountRate: form.discountRate,
  outcomes: form.outcomes.map((o) => ({ outcomeEn: o.outcomeEn, quantity: o.quantity, financialProxy: o.financialProxy })),
  ratio: Math.round(ratio * 10_000) / 10_000,
});

/**
 * Creates (no `assessmentId`: `agencyCode` and `fiscalYear` name it; an existing agency × year is refused)
 * or replaces an assessment's inputs, then refreshes the dashboards for the quarters whose ME-SROI changed.
 */
export async function saveSroiYear(actor: Actor, input: Record<string, unknown>): Promise<{ id: number; fiscalYear: number; ratio: number }> {
  require(actor);
  const assessmentId = input.assessmentId === undefined ? null : Number(input.assessmentId);
  if (assessmentId !== null && (!Number.isSafeInteger(assessmentId) || assessmentId <= 0)) throw new ValidationError({ assessmentId: ["invalid"] });
  const fiscalYear = assessmentId === null ? fiscalYearOf(input.fiscalYear) : null;
  const form = parseSroiForm(input);
  const { ratio } = calculateSroi(form);
  const saved = await getDb().transaction(async (tx) => {
    let target: { agencyId: number; agencyCode: string; fiscalYear: number; before: unknown };
    if (assessmentId !== null) {
      const [row] = await tx
        .select({ id: sroiAssessments.id, agencyId: sroiAssessments.agencyId, agencyCode: agencies.code, fiscalYear: sroiAssessments.fiscalYear, investment: sroiAssessments.investment, discountRate: sroiAssessments.discountRate })
        .from(sroiAssessments)
        .innerJoin(agencies, eq(agencies.id, sroiAssessments.agencyId))
        .where(eq(sroiAssessments.id, assessmentId))
        .for("update", { of: sroiAssessments });
      if (!row) throw new NotFoundError("sroi_assessment");
      const lines = await tx.select({ outcomeEn: sroiOutcomes.outcomeEn, quantity: sroiOutcomes.quantity, financialProxy: sroiOutcomes.financialProxy }).from(sroiOutcomes).where(eq(sroiOutcomes.assessmentId, row.id)).orderBy(sroiOutcomes.ordinal);
      target = {
        agencyId: row.agencyId,
        agencyCode: row.agencyCode,
        fiscalYear: row.fiscalYear,
        before: { agencyCode: row.agencyCode, fiscalYear: row.fiscalYear, investment: Number(row.investment), discountRate: Number(row.discountRate), outcomes: lines.map((l) => ({ outcomeEn: l.outcomeEn, quantity: Number(l.quantity), financialProxy: Number(l.financialProxy) })) },
      };
    } else {
      const code = normaliseText(str(input.agencyCode));
      if (!code) throw new ValidationError({ agencyCode: ["required"] });
      const [agency] = await tx.select({ id: agencies.id, code: agencies.code }).from(agencies).where(eq(agencies.code, code)).limit(1);
      if (!agency) throw new ValidationError({ agencyCode: ["unknown_agency"] });
      const [clash] = await tx.select({ id: sroiAssessments.id }).from(sroiAssessments).where(and(eq(sroiAssessments.agencyId, agency.id), eq(sroiAssessments.fiscalYear, fiscalYear!))).limit(1);
      if (clash) throw new ValidationError({ fiscalYear: ["sroi_year_taken"] });
      target = { agencyId: agency.id, agencyCode: agency.code, fiscalYear: fiscalYear!, before: undefined };
    }
    const result = await saveSroiAssessment(tx, { agencyId: target.agencyId, fiscalYear: target.fiscalYear, ...form });
    await recordAudit(tx, actor, {
      action: assessmentId === null ? "sroi.create" : "sroi.update",
      entityType: "sroi_assessment",
      entityId: result.id,
      before: target.before,
      after: describe(target.agencyCode, target.fiscalYear, form, ratio),
    });
    return { ...result, agencyId: target.agencyId, fiscalYear: target.fiscalYear };
  });
  await afterFactsChanged(actor, { periodIds: saved.periodIds, agencyIds: [saved.agencyId] });
  return { id: saved.id, fiscalYear: saved.fiscalYear, ratio };
}

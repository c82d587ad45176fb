import "server-only";
import { and, asc, eq, gte, lte, max, min, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "@/db/client";
import { assessmentTemplates, components, indicators, periods, targets } from "@/db/schema";
import { effectiveTemplateIdSql } from "@/db/queries/assessment-items";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, ValidationError } from "@/core/errors";
import { addDays, fiscalYearBounds, formatPeriodCode, isIsoDate, MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, periodBounds, type FiscalQuarter, type IsoDate } from "@/core/fiscal/calendar";
import { DEFAULT_CLOSE_AFTER_DUE_DAYS } from "@/core/fiscal/period-phase";
import { toFieldErrors } from "@/core/assessments/form-schema";

// The fiscal-year rollover: the four quarters of the next year, its targets carried forward from the
// year before (copied, scaled, or left for the target upload) and the template versions in force, shown
// as a preview and then created in one transaction. Quarters always follow the calendar (1 Oct–31 Dec,
// 1 Jan–31 Mar, 1 Apr–30 Jun, 1 Jul–30 Sep); the year must follow the last one without a gap or overlap.

export const TARGET_MODES = ["copy", "scale", "none"] as const;
export type TargetMode = (typeof TARGET_MODES)[number];
const QUARTERS = [1, 2, 3, 4] as const satisfies readonly FiscalQuarter[];
const MAX_DUE_DAYS = 120;

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isIsoDate(v), { message: "invalid_date" });

export const rolloverInput = z
  .object({
    fiscalYear: z.coerce.number({ message: "invalid_fiscal_year" }).int({ message: "invalid_fiscal_year" }).min(MIN_FISCAL_YEAR, { message: "invalid_fiscal_year" }).max(MAX_FISCAL_YEAR, { message: "invalid_fiscal_year" }),
    /** The rule: each quarter is due this many days after it ends... */
    dueDays: z.coerce.number({ message: "invalid_days" }).int({ message: "invalid_days" }).min(0, { message: "invalid_days" }).max(MAX_DUE_DAYS, { message: "invalid_days" }).default(15),
    /** ...unless a quarter's due date is given here. */
    dueOn: z.object({ 1: optionalDate, 2: optionalDate, 3: optionalDate, 4: optionalDate }).partial().default({}),
    targets: z.enum(TARGET_MODES, { message: "required" }).default("copy"),
    factor: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
  })
  .superRefine((value, ctx) => {
    if (value.targets !== "scale") return;
    const factor = value.factor === undefined ? Number.NaN : Number(value.factor);
    if (!/^\d+(\.\d+)?$/.test(value.factor ?? "") || !(factor > 0) || !Number.isFinite(factor)) ctx.addIssue({ code: "custom", path: ["factor"], message: "factor_not_positive" });
  });
export type RolloverInput = z.input<typeof rolloverInput>;

export interface RolloverPlan {
  fiscalYear: number;
  sourceYear: number;
  periods: { code: string; quarter: FiscalQuarter; startsOn: IsoDate; endsOn: IsoDate; dueOn: IsoDate; closesOn: IsoDate }[];
  targetMode: TargetMode;
  factor: string | null;
  /** Per indicator: how many targets will be created (national and per agency). */
  targets: { indicatorCode: string; nameTh: string; nameEn: string; national: number; agencies: number }[];
  targetCount: number;
  /** The template version each component's form will have in the new year. */
  templates: { componentCode: string; nameTh: string; nameEn: string; version: number | null }[];
}

function parse(input: unknown) {
  const result = rolloverInput.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}

/** The next fiscal year to create: the one after the last that has periods (or the current one). */
export async function nextFiscalYear(db: Queryable = getDb()): Promise<number | null> {
  const [{ last } = { last: null }] = await db.select({ last: max(periods.fiscalYear) }).from(periods);
  return last === null ? null : last + 1;
}

/** What a rollover would create; refuses the same bad input as the rollover itself. */
async function plan(db: Queryable, data: z.infer<typeof rolloverInput>): Promise<RolloverPlan> {
  const errors: Record<string, string[]> = {};
  const year = data.fiscalYear;
  const bounds = fiscalYearBounds(year);
  const [existing] = await db.select({ id: periods.id }).from(periods).where(eq(periods.fiscalYear, year)).limit(1);
  if (existing) errors.fiscalYear = ["fiscal_year_exists"];
  else {
    const overlapping = await db
      .select({ code: periods.code })
      .from(periods)
      .where(and(lte(periods.startsOn, bounds.endsOn), gte(periods.endsOn, bounds.startsOn)))
      .limit(1);
    const [{ lastEnd } = { lastEnd: null }] = await db.select({ lastEnd: max(periods.endsOn) }).from(periods).where(lte(periods.endsOn, bounds.startsOn));
    const [{ nextStart } = { nextStart: null }] = await db.select({ nextStart: min(periods.startsOn) }).from(periods).where(gte(periods.startsOn, bounds.endsOn));
    if (overlapping.length) errors.fiscalYear = ["periods_overlap"];
    // The year must adjoin the periods around it: no days fall between two years.
    else if ((lastEnd !== null && addDays(lastEnd, 1) !== bounds.startsOn) || (lastEnd === null && nextStart !== null && nextStart !== addDays(bounds.endsOn, 1))) errors.fiscalYear = ["fiscal_year_gap"];
  }
  const planned = QUARTERS.map((quarter) => {
    const { startsOn, endsOn } = periodBounds(year, quarter);
    const dueOn = data.dueOn[quarter] ?? addDays(endsOn, data.dueDays);
    if (dueOn < endsOn) errors[`dueOn.${quarter}`] = ["due_before_end"];
    return { code: formatPeriodCode(year, quarter), quarter, startsOn, endsOn, dueOn, closesOn: addDays(dueOn, DEFAULT_CLOSE_AFTER_DUE_DAYS) };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);

  const sourceYear = year - 1;
  const targetRows =
    data.targets === "none"
      ? []
      : await db
          .select({
            indicatorCode: indicators.code,
            nameTh: indicators.nameTh,
            nameEn: indicators.nameEn,
            national: sql<number>`count(*) filter (where ${targets.agencyId} is null)`.mapWith(Number),
            agencies: sql<number>`count(*) filter (where ${targets.agencyId} is not null)`.mapWith(Number),
          })
          .from(targets)
          .innerJoin(periods, eq(periods.id, targets.periodId))
          // A retired indicator is not carried into a year that no longer measures it.
          .innerJoin(indicators, and(eq(indicators.id, targets.indicatorId), eq(indicators.active, true)))
          .where(eq(periods.fiscalYear, sourceYear))
          .groupBy(indicators.code, indicators.nameTh, indicators.nameEn, indicators.ordinal)
          .orderBy(asc(indicators.ordinal), asc(indicators.code));
  const componentRows = await db.select().from(components).orderBy(asc(components.ordinal));
  // The form in force on the new year's first day is what the new year starts with: the version of the old
  // year's last quarter, or (the first year of a new database) the starting version that applies from the
  // start. A version made for a quarter of the new year cannot exist yet: its periods do not.
  const templates = await Promise.all(
    componentRows.map(async (c) => {
      const [version] = await db.select({ version: assessmentTemplates.version }).from(assessmentTemplates).where(eq(assessmentTemplates.id, effectiveTemplateIdSql(sql`${c.id}`, sql`${bounds.startsOn}::date`)));
      return { componentCode: c.code, nameTh: c.nameTh, nameEn: c.nameEn, version: version?.version ?? null };
    }),
  );
  return {
    fiscalYear: year,
    sourceYear,
    periods: planned,
    targetMode: data.targets,
    factor: data.targets === "scale" ? data.factor! : null,
    targets: targetRows,
    targetCount: targetRows.reduce((sum, r) => sum + r.national + r.agencies, 0),
    templates,
  };
}

/** The preview shown before confirming: exactly what `rolloverFiscalYear` with the same input creates. */
export async function previewRollover(actor: Actor, input: unknown): Promise<RolloverPlan> {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  return plan(getDb(), parse(input));
}

/** Creates the fiscal year: its four quarters and the carried-forward targets, audited, all or nothing. */
export async function rolloverFiscalYear(actor: Actor, input: unknown): Promise<RolloverPlan> {
  if (!can(actor, "admin.master_data")) throw new ForbiddenError();
  const data = parse(input);
  try {
    return await getDb().transaction(async (tx) => {
      // One rollover at a time: the second waits, then finds the year and refuses.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lamnam.fiscal_year_rollover'))`);
      const planned = await plan(tx, data);
      const created = await tx
        .insert(periods)
        .values(planned.periods.map((p) => ({ code: p.code, fiscalYear: planned.fiscalYear, quarter: p.quarter, startsOn: p.startsOn, endsOn: p.endsOn, dueOn: p.dueOn, closesOn: p.closesOn, status: "open" as const })))
        .returning({ id: periods.id, quarter: periods.quarter });
      let targetCount = 0;
      if (planned.targetMode !== "none") {
        const factor = planned.targetMode === "scale" ? planned.factor! : "1";
        const sources = await tx.select({ id: periods.id, quarter: periods.quarter }).from(periods).where(eq(periods.fiscalYear, planned.sourceYear));
        for (const source of sources) {
          const target = created.find((c) => c.quarter === source.quarter)!;
          const inserted = await tx.execute(sql`
            insert into ${targets} (indicator_id, period_id, agency_id, value)
            select t.indicator_id, ${target.id}, t.agency_id, round(t.value * ${factor}::numeric, 4)
            from ${targets} t join ${indicators} i on i.id = t.indicator_id and i.active
            where t.period_id = ${source.id}`);
          targetCount += Number((inserted as { affectedRows?: number; rowCount?: number }).affectedRows ?? (inserted as { rowCount?: number }).rowCount ?? 0);
        }
      }
      await recordAudit(tx, actor, {
        action: "fiscal_year.rollover",
        entityType: "fiscal_year",
        entityId: planned.fiscalYear,
        after: {
          periods: planned.periods.map((p) => ({ code: p.code, dueOn: p.dueOn, closesOn: p.closesOn })),
          targets: planned.targetMode,
          factor: planned.factor,
          targetCount,
          templates: planned.templates.filter((t) => t.version !== null).map((t) => `${t.componentCode} v${t.version}`),
        },
      });
      return { ...planned, targetCount };
    });
  } catch (error) {
    // Two rollovers racing past the check: the unique (fiscal year, quarter) refuses the second.
    if ((error as { code?: string }).code === "23505" || (error as { cause?: { code?: string } }).cause?.code === "23505") throw new ValidationError({ fiscalYear: ["fiscal_year_exists"] });
    throw error;
  }
}

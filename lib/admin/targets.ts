import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable, type Transaction } from "@/db/client";
import { agencies, indicators, periods, targets, type Indicator } from "@/db/schema";
import { recordAudit, recordAuditMany } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/core/assessments/form-schema";
import { afterFactsChanged } from "@/lib/facts/after-change";
import { shownValue, type PreviewRow, type RowProblem } from "@/lib/import/table";
import { parseTargetValue } from "./target-values";
import { runTableImport, type TableImporter, type TableImportOptions } from "./table-import";

export const targetInput = z.object({
  indicatorCode: z.string().trim().min(1, { message: "required" }),
  periodCode: z.string().trim().min(1, { message: "required" }),
  /** Blank: the national target. */
  agencyCode: z.string().trim().optional().transform((v) => v || null),
  /** Blank: remove the target. */
  value: z.string().trim(),
});

const targetKey = (indicatorId: number, periodId: number, agencyId: number | null) => `${indicatorId}:${periodId}:${agencyId ?? "national"}`;
const agencyCondition = (agencyId: number | null) => (agencyId === null ? isNull(targets.agencyId) : eq(targets.agencyId, agencyId));

/**
 * Sets (or, with a blank value, removes) one target of an indicator for a period, national or for one
 * agency. Flags and dashboards of the period are re-evaluated afterwards: a target moves what "lagging" means.
 */
export async function setTarget(actor: Actor, input: unknown) {
  if (!can(actor, "admin.templates")) throw new ForbiddenError();
  const parsed = targetInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const data = parsed.data;
  const result = await getDb().transaction(async (tx) => {
    // Codes come from the form's own lists; one that names nothing is the field's error, as in the upload.
    const [indicator] = await tx.select().from(indicators).where(eq(indicators.code, data.indicatorCode));
    if (!indicator) throw new ValidationError({ indicatorCode: ["unknown_indicator"] });
    // A retired indicator is owed by no agency: a target for it would be a figure nobody reports.
    if (!indicator.active) throw new ValidationError({ indicatorCode: ["retired_indicator"] });
    const [period] = await tx.select().from(periods).where(eq(periods.code, data.periodCode));
    if (!period) throw new ValidationError({ periodCode: ["unknown_period"] });
    let agencyId: number | null = null;
    if (data.agencyCode) {
      const [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, data.agencyCode));
      if (!agency) throw new ValidationError({ agencyCode: ["unknown_agency"] });
      agencyId = agency.id;
    }
    const where = and(eq(targets.indicatorId, indicator.id), eq(targets.periodId, period.id), agencyCondition(agencyId));
    const [before] = await tx.select().from(targets).where(where).for("update");
    const subject = { indicator: indicator.code, period: period.code, agency: data.agencyCode };
    if (data.value === "") {
      if (!before) return { periodId: period.id, changed: false };
      await tx.delete(targets).where(eq(targets.id, before.id));
      await recordAudit(tx, actor, { action: "target.remove", entityType: "target", entityId: before.id, before: { ...subject, value: Number(before.value) } });
      return { periodId: period.id, changed: true };
    }
    const value = parseTargetValue(indicator.valueType, data.value);
    if (!value.ok) throw new ValidationError({ value: [value.reason] });
    if (before && Number(before.value) === value.value) return { periodId: period.id, changed: false };
    const [row] = await tx
      .insert(targets)
      .values({ indicatorId: indicator.id, periodId: period.id, agencyId, value: String(value.value) })
      .onConflictDoUpdate({ target: [targets.indicatorId, targets.periodId, targets.agencyId], set: { value: String(value.value), updatedAt: sql`now()` } })
      .returning();
    await recordAudit(tx, actor, {
      action: before ? "target.update" : "target.create",
      entityType: "target",
      entityId: row!.id,
      before: before ? { ...subject, value: Number(before.value) } : undefined,
      after: { ...subject, value: value.value },
    });
    return { periodId: period.id, changed: true };
  });
  if (result.changed) await afterFactsChanged(actor, [result.periodId]);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Bulk upload: indicator code, agency code (blank = national), period code, value.

const TARGET_FIELDS = ["indicatorCode", "agencyCode", "periodCode", "value"] as const;
type TargetField = (typeof TARGET_FIELDS)[number];

export const TARGET_TEMPLATE_HEADERS: Record<TargetField, string> = {
  indicatorCode: "รหัสตัวชี้วัด (Indicator code)",
  agencyCode: "รหัสหน่วยงาน (Agency code, blank = national)",
  periodCode: "ไตรมาส (Period, e.g. 2570Q1)",
  value: "ค่าเป้าหมาย (Target value)",
};

const VARIANTS: Record<TargetField, string[]> = {
  indicatorCode: ["รหัสตัวชี้วัด", "ตัวชี้วัด", "Indicator code", "Indicator"],
  agencyCode: ["รหัสหน่วยงาน", "หน่วยงาน", "Agency code", "Agency"],
  periodCode: ["งวดรายงาน", "งวด", "ไตรมาส", "รหัสงวด", "Period", "Period code", "Quarter"],
  value: ["ค่าเป้าหมาย", "เป้าหมาย", "Target value", "Target", "Value"],
};

const targetImporter: TableImporter<TargetField> = {
  action: "target.import",
  permission: "admin.templates",
  read: {
    variants: Object.fromEntries(TARGET_FIELDS.map((f) => [f, [TARGET_TEMPLATE_HEADERS[f], ...VARIANTS[f]]])) as Record<TargetField, string[]>,
    required: ["indicatorCode", "periodCode", "value"],
    minHeaders: 3,
  },
  plan: planTargets,
};

type TargetTable = Parameters<TableImporter<TargetField>["plan"]>[1];

/** What a target file row refers to, by the codes stored now. */
interface TargetLookups {
  indicatorOf: Map<string, Indicator>;
  periodOf: Map<string, { id: number; code: string }>;
  agencyOf: Map<string, { id: number; code: string }>;
  existing: Map<string, typeof targets.$inferSelect>;
}

/** One row of the file: invalid (problems), or the target it sets and how that compares with the stored one. */
interface PlannedTarget {
  preview: PreviewRow;
  indicatorId: number;
  periodId: number;
  agencyId: number | null;
  value: number;
  subject: { indicator: string; period: string; agency: string | null };
  beforeId?: number;
}

async function planTargets(db: Queryable, table: TargetTable) {
  const lookups = await loadTargetLookups(db);
  const headerOf = new Map(table.columns.filter((c) => c.field).map((c) => [c.field!, c.header]));
  const firstRowOf = new Map<string, number>();
  const planned = table.records.map((record) => planTargetRow(record, lookups, headerOf, firstRowOf));
  return {
    rows: planned.map((p) => p.preview),
    apply: (tx: Transaction, actor: Actor) => applyTargetPlan(tx, actor, planned),
  };
}

async function loadTargetLookups(db: Queryable): Promise<TargetLookups> {
  const [indicatorRows, periodRows, agencyRows, targetRows] = await Promise.all([
    db.select().from(indicators),
    db.select({ id: periods.id, code: periods.code }).from(periods),
    db.select({ id: agencies.id, code: agencies.code }).from(agencies),
    db.select().from(targets),
  ]);
  return {
    indicatorOf: new Map<string, Indicator>(indicatorRows.map((i) => [i.code.toUpperCase(), i])),
    periodOf: new Map(periodRows.map((p) => [p.code.toUpperCase(), p])),
    agencyOf: new Map(agencyRows.map((a) => [a.code, a])),
    existing: new Map(targetRows.map((t) => [targetKey(t.indicatorId, t.periodId, t.agencyId), t])),
  };
}

function planTargetRow(record: TargetTable["records"][number], lookups: TargetLookups, headerOf: Map<TargetField, string>, firstRowOf: Map<string, number>): PlannedTarget {
  const v = record.values;
  const problems: RowProblem[] = [];
  const problem = (field: TargetField, reason: string, params?: RowProblem["params"]) =>
    problems.push({ row: record.rowNumber, column: headerOf.get(field) ?? null, reason, ...(params ? { params } : {}), ...shownValue(v[field], reason, params) });
  const indicator = v.indicatorCode ? lookups.indicatorOf.get(v.indicatorCode.toUpperCase()) : undefined;
  if (!v.indicatorCode) problem("indicatorCode", "required");
  else if (!indicator) problem("indicatorCode", "unknown_indicator", { code: v.indicatorCode });
  else if (!indicator.active) problem("indicatorCode", "retired_indicator", { code: indicator.code });
  const period = v.periodCode ? lookups.periodOf.get(v.periodCode.replace(/\s/g, "").toUpperCase()) : undefined;
  if (!v.periodCode) problem("periodCode", "required");
  else if (!period) problem("periodCode", "unknown_period", { code: v.periodCode });
  const agency = v.agencyCode ? lookups.agencyOf.get(v.agencyCode) : undefined;
  if (v.agencyCode && record.numeric.has("agencyCode")) problem("agencyCode", "code_as_number", { value: v.agencyCode });
  else if (v.agencyCode && !agency) problem("agencyCode", "unknown_agency", { code: v.agencyCode });
  const value = indicator ? parseTargetValue(indicator.valueType, v.value) : null;
  if (value && !value.ok) problem("value", value.reason, { value: v.value ?? "" });
  const label = [v.indicatorCode ?? "–", v.agencyCode ?? "national", v.periodCode ?? "–"].join(" · ");
  if (indicator && period && !problems.length) {
    const key = targetKey(indicator.id, period.id, agency?.id ?? null);
    const first = firstRowOf.get(key);
    if (first !== undefined) problem("indicatorCode", "duplicate_target", { firstRow: first });
    else firstRowOf.set(key, record.rowNumber);
  }
  if (problems.length || !indicator || !period || !value?.ok) {
    return { preview: { row: record.rowNumber, label, change: "invalid", changes: [], problems }, indicatorId: 0, periodId: 0, agencyId: null, value: 0, subject: { indicator: "", period: "", agency: null } };
  }
  const before = lookups.existing.get(targetKey(indicator.id, period.id, agency?.id ?? null));
  const change = !before ? "new" : Number(before.value) === value.value ? "unchanged" : "changed";
  return {
    preview: { row: record.rowNumber, label, change, changes: change === "unchanged" ? [] : [{ field: "value", before: before ? String(Number(before.value)) : null, after: String(value.value) }], problems },
    indicatorId: indicator.id,
    periodId: period.id,
    agencyId: agency?.id ?? null,
    value: value.value,
    subject: { indicator: indicator.code, period: period.code, agency: agency ? v.agencyCode! : null },
    beforeId: before?.id,
  };
}

/** Writes the new and changed targets with one audit entry each; returns the periods whose targets changed. */
async function applyTargetPlan(tx: Transaction, actor: Actor, planned: readonly PlannedTarget[]) {
  const writes = planned.filter((p) => p.preview.change === "new" || p.preview.change === "changed");
  const ids = new Map<string, number>();
  for (let i = 0; i < writes.length; i += 1000) {
    const written = await tx
      .insert(targets)
      .values(writes.slice(i, i + 1000).map((p) => ({ indicatorId: p.indicatorId, periodId: p.periodId, agencyId: p.agencyId, value: String(p.value) })))
      .onConflictDoUpdate({ target: [targets.indicatorId, targets.periodId, targets.agencyId], set: { value: sql`excluded.value`, updatedAt: sql`now()` } })
      .returning();
    for (const w of written) ids.set(targetKey(w.indicatorId, w.periodId, w.agencyId), w.id);
  }
  await recordAuditMany(
    tx,
    actor,
    writes.map((p) => ({
      action: p.beforeId ? "target.update" : "target.create",
      entityType: "target",
      entityId: ids.get(targetKey(p.indicatorId, p.periodId, p.agencyId))!,
      before: p.beforeId ? { ...p.subject, value: Number(p.preview.changes[0]!.before) } : undefined,
      after: { ...p.subject, value: p.value, via: "import" },
    })),
  );
  return { periodIds: [...new Set(writes.map((p) => p.periodId))] };
}

export async function previewTargetImport(actor: Actor, options: TableImportOptions) {
  return runTableImport(actor, targetImporter, options, "preview");
}

/** Commits in one transaction; then flags and dashboards of every period whose targets changed are re-evaluated. */
export async function commitTargetImport(actor: Actor, options: TableImportOptions) {
  const summary = await runTableImport(actor, targetImporter, options, "commit");
  const periodIds = (summary.audit?.periodIds as number[] | undefined) ?? [];
  if (summary.outcome === "committed") await afterFactsChanged(actor, periodIds);
  return summary;
}

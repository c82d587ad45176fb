import "server-only";
import { bumpDataVersion } from "@/db/queries/data-versions";
import { analyzeEmenscrTables } from "./import-commit";
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import {
  agencies,
  agencyAliases,
  componentRules,
  components,
  emenscrProgress,
  emenscrProjects,
  importBatches,
  importRowChanges,
  mappingProfiles,
  periods,
  projectComponents,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import type { ComponentRuleField, ComponentRuleMatch } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { normaliseText } from "@/core/parse/values";
import { normaliseAgencyKey } from "./agency-match";
import { checkRulePattern, compileRules, matchComponents } from "./component-rules";
import { isImportField, normaliseHeader } from "@/core/emenscr/fields";
import { refreshEmenscrFacts } from "@/lib/facts/write/emenscr-facts";
import { afterFactsChanged } from "@/lib/facts/after-change";

function requireImporter(actor: Actor): void {
  if (!can(actor, "import.run")) throw new ForbiddenError();
}

/**
 * Undoes a whole batch: rows it created are deleted, rows it updated get their previous content back.
 * Refused when a later batch has since written the same rows (undoing this one would silently undo
 * part of that one too): roll the later batch back first.
 */
export async function rollbackImportBatch(actor: Actor, batchId: number): Promise<{ deletedProgress: number; restoredProgress: number; deletedProjects: number; restoredProjects: number }> {
  requireImporter(actor);
  const result = await getDb().transaction(async (tx) => {
    // Row lock: two analysts pressing "roll back" at once must not both proceed.
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for("update");
    if (!batch) throw new NotFoundError("import_batch");
    if (batch.status !== "committed") throw new ConflictError("import_already_rolled_back");

    // Everything set-based: a batch can hold 100,000 rows, far more than a parameter list takes.
    const changed = (entityType: "project" | "progress") =>
      sql`(select entity_id from ${importRowChanges} where batch_id = ${batchId} and entity_type = ${entityType})`;
    const superseded = await tx.execute<{ progress: string; projects: string }>(sql`
      select
        (select count(*) from emenscr_progress g where g.batch_id <> ${batchId}
           and (g.created_batch_id = ${batchId} or g.id in ${changed("progress")}
                or g.project_id in (select id from emenscr_projects where created_batch_id = ${batchId}))) as progress,
        (select count(*) from emenscr_projects p where p.last_batch_id <> ${batchId}
           and (p.created_batch_id = ${batchId} or p.id in ${changed("project")})) as projects`);
    if (Number(superseded.rows[0]!.progress) > 0 || Number(superseded.rows[0]!.projects) > 0) throw new ConflictError("import_rollback_superseded");

    const deletedProgress = await tx.delete(emenscrProgress).where(eq(emenscrProgress.createdBatchId, batchId)).returning({ id: emenscrProgress.id });
    // Before-images (camelCase keys, as drizzle reads rows) back into their columns; ids and creation times stay.
    const restoredProgress = await tx.execute(sql`
      update emenscr_progress g set
        project_id = b."projectId", period_id = b."periodId", disbursed = b.disbursed, spent = b.spent,
        disbursed_percent = b."disbursedPercent", physical_progress = b."physicalProgress", kpi_name = b."kpiName",
        kpi_unit = b."kpiUnit", kpi_target = b."kpiTarget", kpi_result = b."kpiResult", status = b.status,
        raw_status = b."rawStatus", approval_status = b."approvalStatus", problems = b.problems,
        recommendations = b.recommendations, reported_on = b."reportedOn", content_hash = b."contentHash",
        created_batch_id = b."createdBatchId", batch_id = b."batchId", source_row = b."sourceRow", updated_at = now()
      from ${importRowChanges} c cross join lateral jsonb_to_record(c.before) as b(
        "projectId" int, "periodId" int, disbursed numeric, spent numeric, "disbursedPercent" numeric, "physicalProgress" numeric,
        "kpiName" text, "kpiUnit" text, "kpiTarget" numeric, "kpiResult" numeric, status project_status, "rawStatus" text,
        "approvalStatus" text, problems text, recommendations text, "reportedOn" date, "contentHash" text, "createdBatchId" int,
        "batchId" int, "sourceRow" int)
      where c.batch_id = ${batchId} and c.entity_type = 'progress' and g.id = c.entity_id`);
    const deletedProjects = await tx.delete(emenscrProjects).where(eq(emenscrProjects.createdBatchId, batchId)).returning({ id: emenscrProjects.id });
    const restoredProjects = await tx.execute<{ id: number }>(sql`
      update emenscr_projects p set
        project_code = b."projectCode", name = b.name, agency_id = b."agencyId", raw_agency_name = b."rawAgencyName",
        raw_agency_code = b."rawAgencyCode", ministry = b.ministry, fiscal_year = b."fiscalYear", strategy = b.strategy,
        master_plan = b."masterPlan", sub_plan = b."subPlan", budget_source = b."budgetSource", budget = b.budget,
        starts_on = b."startsOn", ends_on = b."endsOn", content_hash = b."contentHash", created_batch_id = b."createdBatchId",
        last_batch_id = b."lastBatchId", updated_at = now()
      from ${importRowChanges} c cross join lateral jsonb_to_record(c.before) as b(
        "projectCode" text, name text, "agencyId" int, "rawAgencyName" text, "rawAgencyCode" text, ministry text, "fiscalYear" int,
        strategy text, "masterPlan" text, "subPlan" text, "budgetSource" text, budget numeric, "startsOn" date, "endsOn" date,
        "contentHash" text, "createdBatchId" int, "lastBatchId" int)
      where c.batch_id = ${batchId} and c.entity_type = 'project' and p.id = c.entity_id
      returning p.id`);
    const restoredProjectIds = restoredProjects.rows.map((r) => Number(r.id));
    if (restoredProjectIds.length) await relinkByRules(tx, restoredProjectIds);

    await tx
      .update(importBatches)
      .set({ status: "rolled_back", rolledBackAt: new Date(), rolledBackById: actor.id > 0 ? actor.id : null })
      .where(eq(importBatches.id, batchId));
    const result = {
      deletedProgress: deletedProgress.length,
      restoredProgress: restoredProgress.rowCount ?? 0,
      deletedProjects: deletedProjects.length,
      restoredProjects: restoredProjectIds.length,
    };
    // Facts derived from the rolled-back rows go (or revert) with them.
    await refreshEmenscrFacts(tx, (await tx.select({ id: periods.id }).from(periods)).map((p) => p.id));
    await recordAudit(tx, actor, {
      action: "import.rollback",
      entityType: "import_batch",
      entityId: batchId,
      before: { status: "committed", fileName: batch.fileName, fileSha256: batch.fileSha256 },
      after: { status: "rolled_back", ...result },
    });
    await bumpDataVersion(tx, "emenscr");
    return result;
  });
  await analyzeEmenscrTables(getDb());
  await afterFactsChanged(actor, (await getDb().select({ id: periods.id }).from(periods)).map((p) => p.id));
  return result;
}

async function relinkByRules(db: Queryable, projectIds: number[]): Promise<void> {
  const rules = compileRules(await db.select().from(componentRules).where(eq(componentRules.active, true)));
  const ids = sql`${sql.param(projectIds)}::int[]`;
  await db.delete(projectComponents).where(and(sql`${projectComponents.projectId} = any(${ids})`, eq(projectComponents.source, "rule")));
  if (!rules.length) return;
  const projects = await db.select().from(emenscrProjects).where(sql`${emenscrProjects.id} = any(${ids})`);
  const links = projects.flatMap((p) =>
    [...matchComponents(p, rules)].map(([componentId, ruleId]) => ({ projectId: p.id, componentId, ruleId, source: "rule" as const })),
  );
  for (let i = 0; i < links.length; i += 1000) await db.insert(projectComponents).values(links.slice(i, i + 1000)).onConflictDoNothing();
}

// ---------------------------------------------------------------------------------------------
// Agency aliases: an unmatched name or code in an export, mapped once

/**
 * Maps a raw agency text (name or code as exported) to an agency, for this and every later import.
 * Projects already imported with that raw text and no agency are linked at once.
 */
export async function mapAgencyAlias(actor: Actor, input: { rawText: string; agencyId: number }): Promise<{ aliasId: number; linkedProjects: number }> {
  requireImporter(actor);
  const rawText = normaliseText(input.rawText);
  const aliasKey = normaliseAgencyKey(rawText);
  if (!aliasKey || rawText.length > 500) throw new ValidationError({ rawText: ["required"] });
  return getDb().transaction(async (tx) => {
    const [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, input.agencyId));
    if (!agency) throw new ValidationError({ agencyId: ["unknown_agency"] });
    const [existing] = await tx.select().from(agencyAliases).where(eq(agencyAliases.aliasKey, aliasKey));
    const [alias] = await tx
      .insert(agencyAliases)
      .values({ aliasKey, rawText, agencyId: agency.id, createdById: actor.id > 0 ? actor.id : null })
      .onConflictDoUpdate({ target: agencyAliases.aliasKey, set: { agencyId: agency.id, updatedAt: new Date() } })
      .returning({ id: agencyAliases.id });
    const orphans = await tx
      .select({ id: emenscrProjects.id, rawAgencyName: emenscrProjects.rawAgencyName, rawAgencyCode: emenscrProjects.rawAgencyCode })
      .from(emenscrProjects)
      .where(isNull(emenscrProjects.agencyId));
    const ids = orphans
      .filter((p) => (p.rawAgencyName && normaliseAgencyKey(p.rawAgencyName) === aliasKey) || (p.rawAgencyCode && normaliseAgencyKey(p.rawAgencyCode) === aliasKey))
      .map((p) => p.id);
    for (let i = 0; i < ids.length; i += 1000) {
      await tx.update(emenscrProjects).set({ agencyId: agency.id }).where(inArray(emenscrProjects.id, ids.slice(i, i + 1000)));
    }
    await recordAudit(tx, actor, {
      action: existing ? "agency_alias.update" : "agency_alias.create",
      entityType: "agency_alias",
      entityId: alias!.id,
      before: existing ? { rawText: existing.rawText, agencyId: existing.agencyId } : null,
      after: { rawText, agencyId: agency.id, linkedProjects: ids.length },
    });
    if (ids.length) await bumpDataVersion(tx, "emenscr");
    return { aliasId: alias!.id, linkedProjects: ids.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Mapping profiles

/** Saves (or replaces, by name) a header → field mapping. Keys are normalised so spelling noise does not matter. */
/**
 * Saves (or replaces, by name) a mapping profile: header texts → fields, or — for exports without a
 * recognisable header — column positions → fields and whether row 1 is a header.
 */
export async function saveMappingProfile(
  actor: Actor,
  input: { name: string; mapping?: Record<string, string | null>; positions?: Record<string, string | null>; hasHeaderRow?: boolean },
): Promise<{ id: number }> {
  requireImporter(actor);
  const name = normaliseText(input.name);
  const fieldErrors: Record<string, string[]> = {};
  if (!name || name.length > 100) fieldErrors.name = ["required"];
  const mapping: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(input.mapping ?? {})) {
    const key = normaliseHeader(header);
    if (!key || key.length > 300) continue;
    if (field !== null && !isImportField(field)) (fieldErrors.mapping ??= []).push("unknown_field");
    else mapping[key] = field;
  }
  let positions: Record<string, string | null> | null = null;
  if (input.positions) {
    positions = {};
    for (const [index, field] of Object.entries(input.positions)) {
      if (!/^\d{1,4}$/.test(index)) continue;
      if (field !== null && !isImportField(field)) (fieldErrors.mapping ??= []).push("unknown_field");
      else positions[String(Number(index))] = field;
    }
    if (!Object.values(positions).some((f) => f !== null)) (fieldErrors.mapping ??= []).push("required");
  } else if (Object.keys(mapping).length === 0) (fieldErrors.mapping ??= []).push("required");
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  const values = { mapping, positions, hasHeaderRow: input.hasHeaderRow ?? true };
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(mappingProfiles)
      .values({ name, ...values, createdById: actor.id > 0 ? actor.id : null })
      .onConflictDoUpdate({ target: mappingProfiles.name, set: { ...values, updatedAt: new Date() } })
      .returning({ id: mappingProfiles.id });
    await recordAudit(tx, actor, { action: "mapping_profile.save", entityType: "mapping_profile", entityId: row!.id, after: { name, ...values } });
    return { id: row!.id };
  });
}

// ---------------------------------------------------------------------------------------------
// Component rules and manual links

export async function createComponentRule(
  actor: Actor,
  input: { componentId: number; field: ComponentRuleField; match: ComponentRuleMatch; pattern: string },
): Promise<{ id: number }> {
  requireImporter(actor);
  const check = checkRulePattern(input.match, input.pattern);
  if (!check.ok) throw new ValidationError({ pattern: [check.reason] });
  return getDb().transaction(async (tx) => {
    const [component] = await tx.select({ id: components.id }).from(components).where(eq(components.id, input.componentId));
    if (!component) throw new ValidationError({ componentId: ["unknown_component"] });
    const values = { componentId: component.id, field: input.field, match: input.match, pattern: normaliseText(input.pattern), createdById: actor.id > 0 ? actor.id : null };
    const [rule] = await tx.insert(componentRules).values(values).returning({ id: componentRules.id });
    await recordAudit(tx, actor, { action: "component_rule.create", entityType: "component_rule", entityId: rule!.id, after: values });
    return { id: rule!.id };
  });
}

export async function setComponentRuleActive(actor: Actor, input: { ruleId: number; active: boolean }): Promise<void> {
  requireImporter(actor);
  await getDb().transaction(async (tx) => {
    const [rule] = await tx.update(componentRules).set({ active: input.active }).where(eq(componentRules.id, input.ruleId)).returning();
    if (!rule) throw new NotFoundError("component_rule");
    await recordAudit(tx, actor, { action: "component_rule.update", entityType: "component_rule", entityId: rule.id, after: { active: input.active } });
  });
}

/** Re-applies the active rules to every project (after rules were edited); manual links are kept. */
export async function applyComponentRules(actor: Actor): Promise<{ projects: number; links: number }> {
  requireImporter(actor);
  return getDb().transaction(async (tx) => {
    const ids = (await tx.select({ id: emenscrProjects.id }).from(emenscrProjects)).map((p) => p.id);
    for (let i = 0; i < ids.length; i += 5000) await relinkByRules(tx, ids.slice(i, i + 5000));
    const [links] = await tx.select({ n: count() }).from(projectComponents).where(eq(projectComponents.source, "rule"));
    await recordAudit(tx, actor, { action: "component_rule.apply", entityType: "component_rule", after: { projects: ids.length, links: links?.n ?? 0 } });
    await bumpDataVersion(tx, "emenscr");
    return { projects: ids.length, links: links?.n ?? 0 };
  });
}

/** Links a project to a component by hand; a rule can never remove this link. */
export async function linkProjectComponent(actor: Actor, input: { projectCode: string; componentId: number }): Promise<void> {
  requireImporter(actor);
  await getDb().transaction(async (tx) => {
    const [project] = await tx.select({ id: emenscrProjects.id }).from(emenscrProjects).where(eq(emenscrProjects.projectCode, normaliseText(input.projectCode)));
    if (!project) throw new ValidationError({ projectCode: ["unknown_project"] });
    const [component] = await tx.select({ id: components.id }).from(components).where(eq(components.id, input.componentId));
    if (!component) throw new ValidationError({ componentId: ["unknown_component"] });
    await tx
      .insert(projectComponents)
      .values({ projectId: project.id, componentId: component.id, source: "manual", ruleId: null, createdById: actor.id > 0 ? actor.id : null })
      .onConflictDoUpdate({
        target: [projectComponents.projectId, projectComponents.componentId],
        set: { source: "manual", ruleId: null, updatedAt: new Date() },
      });
    await recordAudit(tx, actor, { action: "project_component.link", entityType: "emenscr_project", entityId: project.id, after: { componentId: component.id, source: "manual" } });
    await bumpDataVersion(tx, "emenscr");
  });
}

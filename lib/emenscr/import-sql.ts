import "server-only";
// Set-based SQL of the import. A chunk of validated rows reaches the database in one go — COPY on
// PostgreSQL, one json parameter (json_to_recordset) on PGlite — and every step (classifying rows new /
// changed / unchanged, keeping before-images for rollback, upserting projects and progress, linking
// components) is one statement for the whole chunk. No per-row queries, and no drizzle query building per
// value (building a 1,000-row multi-row insert cost more CPU than PostgreSQL spent on it).

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql, type SQL } from "drizzle-orm";
import { from as copyFrom } from "pg-copy-streams";
import { getDatabaseKind, unsafePgClientOf, type Queryable } from "@/db/client";

/** What an import row does to the stored project: shown in the preview sample and counted in the summary. */
export type RowChange = "new" | "changed" | "unchanged";
/** A validated row as staged: keys are the staging columns below. */
export interface StagedRow {
  r: number;
  code: string;
  name: string;
  agency_id: number | null;
  raw_agency_name: string | null;
  raw_agency_code: string | null;
  ministry: string | null;
  fiscal_year: number | null;
  strategy: string | null;
  master_plan: string | null;
  sub_plan: string | null;
  budget_source: string | null;
  budget: string | null;
  starts_on: string | null;
  ends_on: string | null;
  project_hash: string;
  period_id: number | null;
  disbursed: string | null;
  spent: string | null;
  disbursed_percent: string | null;
  physical_progress: string | null;
  kpi_name: string | null;
  kpi_unit: string | null;
  kpi_target: string | null;
  kpi_result: string | null;
  status: string | null;
  raw_status: string | null;
  approval_status: string | null;
  problems: string | null;
  recommendations: string | null;
  reported_on: string | null;
  progress_hash: string;
  /** [componentId, ruleId] pairs from the component rules; null when no rule matched. */
  links: [number, number][] | null;
}

/** What a preview needs to classify a row: its keys and content hashes only. */
export type ClassifiedKeys = Pick<StagedRow, "r" | "code" | "period_id" | "project_hash" | "progress_hash">;

/** The staged columns and their SQL types, in COPY order. */
const STAGED_COLUMNS: readonly [keyof StagedRow, string][] = [
  ["r", "int"], ["code", "text"], ["name", "text"], ["agency_id", "int"], ["raw_agency_name", "text"], ["raw_agency_code", "text"],
  ["ministry", "text"], ["fiscal_year", "int"], ["strategy", "text"], ["master_plan", "text"], ["sub_plan", "text"],
  ["budget_source", "text"], ["budget", "numeric"], ["starts_on", "date"], ["ends_on", "date"], ["project_hash", "text"],
  ["period_id", "int"], ["disbursed", "numeric"], ["spent", "numeric"], ["disbursed_percent", "numeric"], ["physical_progress", "numeric"],
  ["kpi_name", "text"], ["kpi_unit", "text"], ["kpi_target", "numeric"], ["kpi_result", "numeric"], ["status", "project_status"],
  ["raw_status", "text"], ["approval_status", "text"], ["problems", "text"], ["recommendations", "text"], ["reported_on", "date"],
  ["progress_hash", "text"], ["links", "json"],
];
const KEY_COLUMNS = sql.raw(`r int, code text, period_id int, project_hash text, progress_hash text`);
const ALL_COLUMNS = sql.raw(STAGED_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", "));

/** Rows serialised at a time (see jsonRows and copyRows): small strings that die young. */
const ROWS_PER_PIECE = 32;

/**
 * The rows as ONE json parameter. On PostgreSQL it is sent as bytes (a Buffer goes over the wire as a
 * binary parameter, which json reads as its UTF-8 text) built from small pieces: one string for the
 * whole chunk would be several megabytes — Thai makes it two bytes a character — that V8 allocates
 * straight into the old generation, and the peak memory of a large import grew with that garbage.
 * PGlite serialises json parameters itself and gets the text.
 */
function jsonRows(rows: readonly object[]): SQL {
  if (getDatabaseKind() === "pglite" || rows.length <= ROWS_PER_PIECE) return sql`${JSON.stringify(rows)}::json`;
  const pieces: Buffer[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    const text = JSON.stringify(rows.slice(i, i + ROWS_PER_PIECE));
    // "[a,b]" pieces joined into one array: "[a,b" + "," + "c,d" + … + "]".
    pieces.push(Buffer.from(i === 0 ? text.slice(0, -1) : `,${text.slice(1, -1)}`));
  }
  pieces.push(Buffer.from("]"));
  return sql`${Buffer.concat(pieces)}::json`;
}

/** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : text;
}

/** The rows in COPY's text format, a few dozen rows per buffer. */
function* copyRows(rows: readonly StagedRow[]): Generator<Buffer> {
  for (let i = 0; i < rows.length; i += ROWS_PER_PIECE) {
    let text = "";
    for (const row of rows.slice(i, i + ROWS_PER_PIECE)) {
      text += STAGED_COLUMNS.map(([name]) => copyValue(row[name])).join("\t") + "\n";
    }
    yield Buffer.from(text);
  }
}

/**
 * The rows of a chunk joined to what is stored: the project by code, its progress in the row's period.
 * A row is "new" without stored progress for its period, "changed" when either hash differs. Lateral
 * lookups, so that each row is one index probe whatever the planner guesses about a staging table it
 * has no statistics for (a hash join would read the whole stored tables for every chunk).
 */
function classified(from: SQL): SQL {
  return sql`
    select s.r, s.code, p.id as project_id, (p.id is null or p.content_hash <> s.project_hash) as project_changed,
           g.id as progress_id, (g.id is null or g.content_hash <> s.progress_hash) as progress_changed
    from ${from}
    left join lateral (select id, content_hash from emenscr_projects where project_code = s.code) p on true
    left join lateral (select id, content_hash from emenscr_progress where project_id = p.id and period_id = s.period_id) g on true`;
}

const CHANGE = sql.raw(`case when progress_id is null then 'new' when project_changed or progress_changed then 'changed' else 'unchanged' end`);

export interface ChunkCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Stored projects whose content changes (their before-images are kept). */
  projectsRewritten: number;
  /** The change of each requested sample row. */
  changes: Map<number, RowChange>;
}

async function countChanges(db: Queryable, from: SQL, sampleRows: number[]): Promise<ChunkCounts> {
  const result = await db.execute<{ inserted: string; updated: string; unchanged: string; projects_rewritten: string; sample: { r: number; change: RowChange }[] | null }>(sql`
    select count(*) filter (where c.change = 'new') as inserted,
           count(*) filter (where c.change = 'changed') as updated,
           count(*) filter (where c.change = 'unchanged') as unchanged,
           count(*) filter (where c.project_id is not null and c.project_changed) as projects_rewritten,
           json_agg(json_build_object('r', c.r, 'change', c.change)) filter (where c.r = any(${sql.param(sampleRows)}::int[])) as sample
    from (select r, project_id, project_changed, ${CHANGE} as change from ${from}) c`);
  const row = result.rows[0]!;
  return {
    inserted: Number(row.inserted),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    projectsRewritten: Number(row.projects_rewritten),
    changes: new Map((row.sample ?? []).map((s) => [s.r, s.change])),
  };
}

/** Preview: how the rows would be stored, without writing anything. */
export function classifyChunk(db: Queryable, rows: ClassifiedKeys[], sampleRows: number[]): Promise<ChunkCounts> {
  return countChanges(db, sql`(${classified(sql`json_to_recordset(${jsonRows(rows)}) as s(${KEY_COLUMNS})`)}) k`, sampleRows);
}

/** The chunk's rows as staged, and how each one compares with what is stored (joined on r). */
const ROWS = sql.raw("emenscr_import_rows");
const STAGE = sql.raw("emenscr_import_stage");

/** Both staging tables live in the import's transaction only (temporary, dropped at commit or rollback). */
export async function createStage(tx: Queryable): Promise<void> {
  await tx.execute(sql`create temporary table ${ROWS} (${ALL_COLUMNS}) on commit drop`);
  await tx.execute(sql`create temporary table ${STAGE} on commit drop as ${classified(sql`${ROWS} s`)} with no data`);
}

/**
 * A chunk serialised for the database right away — COPY text in buffers on PostgreSQL (several times
 * cheaper for the server than parsing json), a json parameter on PGlite — so that the row objects die
 * young instead of being promoted while the database works on the chunk.
 */
export interface PreparedRows {
  copy: Buffer[] | null;
  json: SQL | null;
  /** Some row links its project to components by rule. */
  hasLinks: boolean;
}

export function prepareRows(tx: Queryable, rows: readonly StagedRow[]): PreparedRows {
  const hasLinks = rows.some((row) => row.links);
  return unsafePgClientOf(tx) ? { copy: [...copyRows(rows)], json: null, hasLinks } : { copy: null, json: jsonRows(rows), hasLinks };
}

async function loadRows(tx: Queryable, rows: PreparedRows): Promise<void> {
  const client = unsafePgClientOf(tx);
  if (client && rows.copy) {
    const columns = STAGED_COLUMNS.map(([name]) => name).join(", ");
    await pipeline(Readable.from(rows.copy), client.query(copyFrom(`copy emenscr_import_rows (${columns}) from stdin`)));
  } else {
    await tx.execute(sql`insert into ${ROWS} select * from json_to_recordset(${rows.json ?? sql`'[]'::json`}) as s(${ALL_COLUMNS})`);
  }
}

/**
 * Commit: stages the chunk, keeps the previous content of every row about to be rewritten (rollback
 * restores it), upserts what changed and relinks changed projects by the component rules. Rows whose
 * content is unchanged are not touched: their provenance stays with the batch and row that last wrote them.
 */
export async function writeChunk(tx: Queryable, batchId: number, rows: PreparedRows, sampleRows: number[], onStaged?: () => void): Promise<ChunkCounts> {
  await loadRows(tx, rows);
  await tx.execute(sql`insert into ${STAGE} ${classified(sql`${ROWS} s`)}`);
  const counts = await countChanges(tx, STAGE, sampleRows);
  onStaged?.();
  const rewrites = counts.projectsRewritten + counts.updated > 0;
  // Statistics for the planner, or it guesses the stage's size and may scan the stored tables whole.
  if (rewrites) await tx.execute(sql`analyze ${STAGE}`);
  // Before-images in the shape drizzle reads the rows (camelCase keys, numerics as text): rollback
  // hands them back to drizzle.
  if (counts.projectsRewritten > 0) await tx.execute(sql`
    insert into import_row_changes (batch_id, entity_type, entity_id, before)
    select ${batchId}, 'project', p.id, json_build_object(
      'id', p.id, 'projectCode', p.project_code, 'name', p.name, 'agencyId', p.agency_id, 'rawAgencyName', p.raw_agency_name,
      'rawAgencyCode', p.raw_agency_code, 'ministry', p.ministry, 'fiscalYear', p.fiscal_year, 'strategy', p.strategy,
      'masterPlan', p.master_plan, 'subPlan', p.sub_plan, 'budgetSource', p.budget_source, 'budget', p.budget::text,
      'startsOn', p.starts_on, 'endsOn', p.ends_on, 'contentHash', p.content_hash, 'createdBatchId', p.created_batch_id,
      'lastBatchId', p.last_batch_id, 'createdAt', p.created_at, 'updatedAt', p.updated_at)
    from ${STAGE} st join emenscr_projects p on p.id = st.project_id
    where st.project_changed`);
  if (counts.updated > 0) await tx.execute(sql`
    insert into import_row_changes (batch_id, entity_type, entity_id, before)
    select ${batchId}, 'progress', g.id, json_build_object(
      'id', g.id, 'projectId', g.project_id, 'periodId', g.period_id, 'disbursed', g.disbursed::text, 'spent', g.spent::text,
      'disbursedPercent', g.disbursed_percent::text, 'physicalProgress', g.physical_progress::text, 'kpiName', g.kpi_name,
      'kpiUnit', g.kpi_unit, 'kpiTarget', g.kpi_target::text, 'kpiResult', g.kpi_result::text, 'status', g.status,
      'rawStatus', g.raw_status, 'approvalStatus', g.approval_status, 'problems', g.problems, 'recommendations', g.recommendations,
      'reportedOn', g.reported_on, 'contentHash', g.content_hash, 'createdBatchId', g.created_batch_id, 'batchId', g.batch_id,
      'sourceRow', g.source_row, 'createdAt', g.created_at, 'updatedAt', g.updated_at)
    from ${STAGE} st join emenscr_progress g on g.id = st.progress_id
    where st.project_changed or st.progress_changed`);
  // New projects get their ids here; the stage keeps them for progress and links.
  await tx.execute(sql`
    with written as (
      insert into emenscr_projects (project_code, name, agency_id, raw_agency_name, raw_agency_code, ministry, fiscal_year, strategy,
        master_plan, sub_plan, budget_source, budget, starts_on, ends_on, content_hash, created_batch_id, last_batch_id)
      select d.code, d.name, d.agency_id, d.raw_agency_name, d.raw_agency_code, d.ministry, d.fiscal_year, d.strategy, d.master_plan,
        d.sub_plan, d.budget_source, d.budget, d.starts_on, d.ends_on, d.project_hash, ${batchId}, ${batchId}
      from ${ROWS} d join ${STAGE} st using (r) where st.project_changed
      on conflict (project_code) do update set
        name = excluded.name, agency_id = excluded.agency_id, raw_agency_name = excluded.raw_agency_name,
        raw_agency_code = excluded.raw_agency_code, ministry = excluded.ministry, fiscal_year = excluded.fiscal_year,
        strategy = excluded.strategy, master_plan = excluded.master_plan, sub_plan = excluded.sub_plan,
        budget_source = excluded.budget_source, budget = excluded.budget, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
        content_hash = excluded.content_hash, last_batch_id = excluded.last_batch_id, updated_at = now()
      returning id, project_code)
    update ${STAGE} st set project_id = w.id from written w where st.project_id is null and st.code = w.project_code`);
  await tx.execute(sql`
    insert into emenscr_progress (project_id, period_id, disbursed, spent, disbursed_percent, physical_progress, kpi_name, kpi_unit,
      kpi_target, kpi_result, status, raw_status, approval_status, problems, recommendations, reported_on, content_hash,
      created_batch_id, batch_id, source_row)
    select st.project_id, d.period_id, d.disbursed, d.spent, d.disbursed_percent, d.physical_progress, d.kpi_name, d.kpi_unit,
      d.kpi_target, d.kpi_result, d.status, d.raw_status, d.approval_status, d.problems, d.recommendations, d.reported_on,
      d.progress_hash, ${batchId}, ${batchId}, d.r
    from ${ROWS} d join ${STAGE} st using (r)
    where st.project_changed or st.progress_changed
    on conflict (project_id, period_id) do update set
      disbursed = excluded.disbursed, spent = excluded.spent, disbursed_percent = excluded.disbursed_percent,
      physical_progress = excluded.physical_progress, kpi_name = excluded.kpi_name, kpi_unit = excluded.kpi_unit,
      kpi_target = excluded.kpi_target, kpi_result = excluded.kpi_result, status = excluded.status, raw_status = excluded.raw_status,
      approval_status = excluded.approval_status, problems = excluded.problems, recommendations = excluded.recommendations,
      reported_on = excluded.reported_on, content_hash = excluded.content_hash, batch_id = excluded.batch_id,
      source_row = excluded.source_row, updated_at = now()`);
  // Rule links of the projects just written are recomputed; links made by hand are never touched.
  if (counts.projectsRewritten > 0) await tx.execute(sql`
    delete from project_components pc using ${STAGE} st
    where st.project_changed and pc.project_id = st.project_id and pc.source = 'rule'`);
  if (rows.hasLinks) await tx.execute(sql`
    insert into project_components (project_id, component_id, rule_id, source)
    select st.project_id, (l->>0)::int, (l->>1)::int, 'rule'
    from ${ROWS} d join ${STAGE} st using (r)
    cross join lateral json_array_elements(d.links) l
    where st.project_changed and d.links is not null
    on conflict do nothing`);
  await tx.execute(sql`truncate ${ROWS}, ${STAGE}`);
  return counts;
}

// eMENSCR import: batches (with provenance), mapping profiles, agency aliases, projects, quarterly progress
// and the project → ecosystem component links. Everything of issue 5 lives in this one file.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import {
  COMPONENT_RULE_FIELDS,
  COMPONENT_RULE_MATCHES,
  IMPORT_BATCH_STATUSES,
  IMPORT_FORMATS,
  PROJECT_COMPONENT_SOURCES,
  PROJECT_STATUSES,
} from "@/core/enums";
import { bytea, timestamps } from "./_columns";
import { agencies, components } from "./ecosystem";
import { periods } from "./indicators";
import { users } from "./users";

export const importBatchStatusEnum = pgEnum("import_batch_status", IMPORT_BATCH_STATUSES);
export const importFormatEnum = pgEnum("import_format", IMPORT_FORMATS);
export const projectStatusEnum = pgEnum("project_status", PROJECT_STATUSES);
export const projectComponentSourceEnum = pgEnum("project_component_source", PROJECT_COMPONENT_SOURCES);
export const componentRuleFieldEnum = pgEnum("component_rule_field", COMPONENT_RULE_FIELDS);
export const componentRuleMatchEnum = pgEnum("component_rule_match", COMPONENT_RULE_MATCHES);

/** A saved header → field mapping for an export layout the recogniser does not know. */
export const mappingProfiles = pgTable(
  "mapping_profiles",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull().unique(),
    /** Normalised header text → import field (see lib/emenscr/fields.ts); null ignores the column. */
    mapping: jsonb().$type<Record<string, string | null>>().notNull(),
    /**
     * For exports whose columns have no recognisable header: 0-based column index → import field, used
     * instead of `mapping`. Null for a profile that maps by header text.
     */
    positions: jsonb().$type<Record<string, string | null>>(),
    /** With positions: whether the first row of the file is a header row (skipped) rather than data. */
    hasHeaderRow: boolean().notNull().default(true),
    createdById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [index().on(t.createdById)],
);
export type MappingProfile = typeof mappingProfiles.$inferSelect;
export type NewMappingProfile = typeof mappingProfiles.$inferInsert;

/**
 * One import of one file. Counts describe what the commit did; the file itself is not kept, its SHA-256
 * is, so the same file is recognised when imported again.
 */
export const importBatches = pgTable(
  "import_batches",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    fileName: text().notNull(),
    fileSha256: text().notNull(),
    fileBytes: bigint({ mode: "number" }).notNull(),
    format: importFormatEnum().notNull(),
    sheetName: text(),
    /** The period given by the user; null when every row carried its own reporting period. */
    periodId: integer().references(() => periods.id),
    mappingProfileId: integer().references(() => mappingProfiles.id),
    actorId: integer().references(() => users.id),
    /** "system" for the CLI. */
    actorLabel: text().notNull(),
    status: importBatchStatusEnum().notNull().default("committed"),
    rowCount: integer().notNull(),
    insertedCount: integer().notNull(),
    updatedCount: integer().notNull(),
    unchangedCount: integer().notNull(),
    /** Title, blank and total rows that were recognised and left out. */
    skippedCount: integer().notNull().default(0),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    rolledBackAt: timestamp({ withTimezone: true }),
    rolledBackById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.fileSha256),
    index().on(t.periodId),
    index().on(t.mappingProfileId),
    index().on(t.actorId),
    index().on(t.rolledBackById),
    index().on(t.createdAt),
  ],
);
export type ImportBatch = typeof importBatches.$inferSelect;
export type NewImportBatch = typeof importBatches.$inferInsert;

/** A raw agency name or code as written in exports → the agency it means. Normalised key, mapped once. */
export const agencyAliases = pgTable(
  "agency_aliases",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** normaliseAgencyKey() of the raw text (case, spaces, punctuation and invisible characters folded). */
    aliasKey: text().notNull().unique(),
    /** The text as first seen, for display. */
    rawText: text().notNull(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    createdById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [index().on(t.agencyId), index().on(t.createdById)],
);
export type AgencyAlias = typeof agencyAliases.$inferSelect;
export type NewAgencyAlias = typeof agencyAliases.$inferInsert;

export const emenscrProjects = pgTable(
  "emenscr_projects",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** eMENSCR project code; text, as written (leading zeros and dashes matter). */
    projectCode: text().notNull().unique(),
    name: text().notNull(),
    /** Null until the raw agency is matched (an alias mapped later fills it in). */
    agencyId: integer().references(() => agencies.id),
    rawAgencyName: text(),
    rawAgencyCode: text(),
    ministry: text(),
    fiscalYear: integer(),
    strategy: text(),
    masterPlan: text(),
    subPlan: text(),
    budgetSource: text(),
    budget: numeric({ precision: 18, scale: 2 }),
    startsOn: date({ mode: "string" }),
    endsOn: date({ mode: "string" }),
    /** Hash of the stored project fields: a newer export only rewrites projects whose content changed. */
    contentHash: text().notNull(),
    /** The batch that created the project (rollback deletes it) and the last one that wrote it. */
    createdBatchId: integer()
      .notNull()
      .references(() => importBatches.id),
    lastBatchId: integer()
      .notNull()
      .references(() => importBatches.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.agencyId),
    index().on(t.createdBatchId),
    index().on(t.lastBatchId),
    index().on(t.fiscalYear),
    index().on(t.rawAgencyName),
    // The project lists, largest budget first: a page of a component's national list stops after its rows.
    index("emenscr_projects_budget_order").on(t.budget.desc().nullsLast(), t.projectCode),
  ],
);
export type EmenscrProject = typeof emenscrProjects.$inferSelect;
export type NewEmenscrProject = typeof emenscrProjects.$inferInsert;

/**
 * A project's reported progress in one period. Provenance: `batchId` + `sourceRow` point to the file row
 * the figures came from, so a dashboard number can be traced back to a line of a named, hashed file.
 */
export const emenscrProgress = pgTable(
  "emenscr_progress",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer()
      .notNull()
      .references(() => emenscrProjects.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    disbursed: numeric({ precision: 18, scale: 2 }),
    spent: numeric({ precision: 18, scale: 2 }),
    /** Percentage points (45 = 45 %), whatever scale the file used. */
    disbursedPercent: numeric({ precision: 9, scale: 2 }),
    physicalProgress: numeric({ precision: 9, scale: 2 }),
    kpiName: text(),
    kpiUnit: text(),
    kpiTarget: numeric({ precision: 20, scale: 4 }),
    kpiResult: numeric({ precision: 20, scale: 4 }),
    status: projectStatusEnum(),
    /** The status text as exported, kept when it is not one of the known words. */
    rawStatus: text(),
    approvalStatus: text(),
    problems: text(),
    recommendations: text(),
    reportedOn: date({ mode: "string" }),
    contentHash: text().notNull(),
    createdBatchId: integer()
      .notNull()
      .references(() => importBatches.id),
    batchId: integer()
      .notNull()
      .references(() => importBatches.id),
    /** 1-based row number in the sheet or CSV (header rows counted), as the user sees it. */
    sourceRow: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    unique("emenscr_progress_project_period").on(t.projectId, t.periodId),
    index().on(t.periodId),
    index().on(t.createdBatchId),
    index().on(t.batchId),
    // The asks (db/queries/asks.ts) of a quarter: only the rows with a text, not the quarter's 100,000.
    index("emenscr_progress_problems_asks").on(t.periodId).where(sql`btrim(coalesce(problems, '')) <> ''`),
    index("emenscr_progress_recommendations_asks").on(t.periodId).where(sql`btrim(coalesce(recommendations, '')) <> ''`),
  ],
);
export type EmenscrProgress = typeof emenscrProgress.$inferSelect;
export type NewEmenscrProgress = typeof emenscrProgress.$inferInsert;

/**
 * The previous content of each row a batch updated, so a rollback can restore it. Rows a batch created
 * are found through `createdBatchId` and need no copy.
 */
export const importRowChanges = pgTable(
  "import_row_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    batchId: integer()
      .notNull()
      .references(() => importBatches.id),
    entityType: text({ enum: ["project", "progress"] }).notNull(),
    entityId: integer().notNull(),
    before: jsonb().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.batchId), index().on(t.entityType, t.entityId)],
);
export type ImportRowChange = typeof importRowChanges.$inferSelect;

/** Analyst-editable rules: a keyword or pattern in a project's name or strategy links it to a component. */
export const componentRules = pgTable(
  "component_rules",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    field: componentRuleFieldEnum().notNull().default("any"),
    match: componentRuleMatchEnum().notNull().default("keyword"),
    pattern: text().notNull(),
    active: boolean().notNull().default(true),
    createdById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.componentId),
    index().on(t.createdById),
    check("component_rules_pattern_length", sql`char_length(${t.pattern}) between 1 and 200`),
  ],
);
export type ComponentRule = typeof componentRules.$inferSelect;
export type NewComponentRule = typeof componentRules.$inferInsert;

export const projectComponents = pgTable(
  "project_components",
  {
    projectId: integer()
      .notNull()
      .references(() => emenscrProjects.id, { onDelete: "cascade" }),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    source: projectComponentSourceEnum().notNull(),
    /** The rule that linked it (source "rule"). */
    ruleId: integer().references(() => componentRules.id, { onDelete: "set null" }),
    createdById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.componentId] }),
    index().on(t.componentId),
    index().on(t.ruleId),
    index().on(t.createdById),
  ],
);
export type ProjectComponent = typeof projectComponents.$inferSelect;
export type NewProjectComponent = typeof projectComponents.$inferInsert;

/**
 * An import handed to the job queue (`lib/emenscr/import-runs.ts`) when the app's jobs run in another
 * process: the upload waits here for the worker, which writes its progress and then its outcome (the
 * summary for the screen, or the error). The upload is cleared once the run has finished.
 */
export const importRuns = pgTable(
  "import_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer()
      .notNull()
      .references(() => users.id),
    mode: text({ enum: ["preview", "commit"] }).notNull(),
    status: text({ enum: ["queued", "running", "finished"] }).notNull().default("queued"),
    fileName: text().notNull(),
    content: bytea(),
    /** The upload form's choices (ImportOptions without the file). */
    options: jsonb().notNull(),
    /** The last progress reported: { phase, rows }. */
    progress: jsonb(),
    /** The run's last event for the screen: { type: "result", summary } or { type: "error", … }. */
    outcome: jsonb(),
    ...timestamps,
  },
  (t) => [
    index().on(t.actorId),
    index().on(t.createdAt),
    check("import_runs_mode", sql`${t.mode} in ('preview', 'commit')`),
    check("import_runs_status", sql`${t.status} in ('queued', 'running', 'finished')`),
  ],
);
export type ImportRun = typeof importRuns.$inferSelect;

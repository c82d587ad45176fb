// Enumerations shared by the database (pgEnum), validation (zod) and the UI.
// Adding a value means a migration: drizzle-kit picks the change up from these arrays.

export const ROLES = ["admin", "analyst", "executive", "agency_head", "agency_officer", "ministry_reviewer", "province_reviewer"] as const;
export type Role = (typeof ROLES)[number];
/**
 * The intermediate review level between an agency and DGA: a ministry reviewer for the agencies under
 * one ministry (users.agencyId is the ministry), a provincial reviewer for the local administrations of
 * one province (users.province).
 */
export const REVIEWER_ROLES = ["ministry_reviewer", "province_reviewer"] as const satisfies readonly Role[];
export function isReviewerRole(role: Role): role is (typeof REVIEWER_ROLES)[number] {
  return (REVIEWER_ROLES as readonly Role[]).includes(role);
}
/** Roles bound to exactly one agency; everything they read and write is scoped to it. */
export const AGENCY_ROLES = ["agency_head", "agency_officer"] as const satisfies readonly Role[];
export function isAgencyRole(role: Role): role is (typeof AGENCY_ROLES)[number] {
  return (AGENCY_ROLES as readonly Role[]).includes(role);
}

export const LOCALES = ["th", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "th";

export const COMPONENT_GROUPS = ["value_chain", "enabler"] as const;
export type ComponentGroup = (typeof COMPONENT_GROUPS)[number];

export const AGENCY_TYPES = [
  "ministry",
  "department",
  "public_organization",
  "state_enterprise",
  "independent_agency",
  "local_administration",
  "other",
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

/** The agencies another may sit under: ministries and departments. */
export const PARENT_AGENCY_TYPES = ["ministry", "department"] as const satisfies readonly AgencyType[];

/** What an agency search offers: any visible agency, or only those another may sit under. */
export const AGENCY_CHOICE_KINDS = ["any", "parent"] as const;
export type AgencyChoiceKind = (typeof AGENCY_CHOICE_KINDS)[number];

/** DGA's role toward an agency's contribution to a component (the "Smart Connector" roles). */
export const DGA_ROLES = ["leader", "doer", "follower", "connector"] as const;
export type DgaRole = (typeof DGA_ROLES)[number];

export const SERVICE_CHANNELS = ["G2C", "G2B", "G2G"] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

/** A platform in the registry: running, announced but not yet running, or no longer run. */
export const SERVICE_STATUSES = ["active", "planned", "retired"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** How often an indicator's figure is measured (the dictionary's "frequency"). */
export const INDICATOR_FREQUENCIES = ["monthly", "quarterly", "semiannual", "annual"] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];

export const PERIOD_STATUSES = ["open", "closed"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export const INDICATOR_DIRECTIONS = ["higher", "lower"] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const VALUE_TYPES = ["number", "percent", "boolean", "level", "text"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const AGGREGATIONS = ["sum", "mean", "weighted_mean", "latest"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const INDICATOR_SOURCES = ["self_assessment", "emenscr", "derived"] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

/** Where a fact (one figure of one agency, period and indicator) comes from. */
export const FACT_SOURCES = ["self_assessment", "emenscr", "derived", "demo_seed", "api"] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

/** Only approved facts count in dashboards, flags and reports; provisional ones are shown as such. */
export const FACT_STATES = ["provisional", "approved"] as const;
export type FactState = (typeof FACT_STATES)[number];

export const FLAG_STATUSES = ["open", "recovered"] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** Follow-up of lagging findings: open → in progress → resolved, or waived (reason required). */
export const CASE_STATUSES = ["open", "in_progress", "resolved", "waived"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_EVENT_KINDS = [
  "created",
  "assigned",
  "status_changed",
  "note",
  "agency_response",
  "flag_recovered",
  "flag_linked",
  "attachment_added",
  /** Overdue: told the next level of the review chain (body: the level). */
  "escalated",
  /** Every flag of the case recovered with new data, or every part of a ministry's or province's case closed. */
  "auto_resolved",
  /** Due date set for many cases at once from the worklist. */
  "due_changed",
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
/** Whom a follow-up case covers: one agency, or a ministry's or a province's agencies (one part per agency). */
export const CASE_SCOPES = ["ministry", "province"] as const;
export type CaseScope = (typeof CASE_SCOPES)[number];

// eMENSCR import (issue 5).
export const IMPORT_BATCH_STATUSES = ["committed", "rolled_back"] as const;
export type ImportBatchStatus = (typeof IMPORT_BATCH_STATUSES)[number];

export const IMPORT_FORMATS = ["xlsx", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** eMENSCR project status (สถานะโครงการ), normalised from the export's Thai or English words. */
export const PROJECT_STATUSES = ["not_started", "in_progress", "completed", "cancelled", "delayed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** How a project got linked to an ecosystem component. */
export const PROJECT_COMPONENT_SOURCES = ["rule", "manual"] as const;
export type ProjectComponentSource = (typeof PROJECT_COMPONENT_SOURCES)[number];

/** Which project text a component rule looks at, and how it matches. */
export const COMPONENT_RULE_FIELDS = ["name", "strategy", "any"] as const;
export type ComponentRuleField = (typeof COMPONENT_RULE_FIELDS)[number];
export const COMPONENT_RULE_MATCHES = ["keyword", "regex"] as const;
export type ComponentRuleMatch = (typeof COMPONENT_RULE_MATCHES)[number];

// The contract of the versioned API (/api/v1): every query, body and answer as a zod schema. The route
// handlers validate with these, and lib/api/openapi.ts builds the OpenAPI 3.1 description from the same
// objects (zod-openapi reads zod's own JSON Schema), so the document cannot drift from what is enforced.
import { z } from "zod";
import { AGGREGATIONS, CASE_STATUSES, COMPONENT_GROUPS, DGA_ROLES, FACT_SOURCES, FACT_STATES, FLAG_STATUSES, INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES, VALUE_TYPES } from "@/core/enums";
import { SEVERITIES } from "@/core/flags/rules";
import { STATUSES } from "@/core/scoring/status";
import { API_MAX_FIGURES, FIGURE_SCOPES } from "./tokens";

/** A code in a request (agency, indicator, ministry): short words of Latin letters, digits and "._-". */
const code = z.string().regex(/^[0-9A-Za-z._-]{1,40}$/);
/** A code in an answer, as stored. */
const storedCode = z.string().min(1);
const periodCode = z.string().regex(/^\d{4}Q[1-4]$/).meta({ description: "Fiscal quarter, Buddhist era: 2570Q1 = Oct–Dec 2026", example: "2570Q1" });
const isoTime = z.string().meta({ format: "date-time" });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ format: "date" });

// ── errors ──
export const apiErrorSchema = z
  .object({
    error: z.string().meta({ description: "Machine-readable code", example: "invalid_token" }),
    message: z.string().meta({ description: "The reason in the caller's language (Accept-Language: th or en; Thai by default)" }),
    errors: z
      .array(z.object({ index: z.number().int().nullable(), field: z.string(), reason: z.string(), message: z.string() }))
      .optional()
      .meta({ description: "Each invalid value (index into `figures`, or null for the request as a whole)" }),
  })
  .meta({ id: "Error" });

// ── components ──
export const componentSchema = z
  .object({
    code: storedCode,
    ordinal: z.number().int(),
    group: z.enum(COMPONENT_GROUPS),
    nameTh: z.string(),
    nameEn: z.string(),
    descriptionTh: z.string(),
    descriptionEn: z.string(),
    dgaRole: z.enum(DGA_ROLES).nullable(),
    elements: z.array(z.object({ code: storedCode, nameTh: z.string(), nameEn: z.string() })),
  })
  .meta({ id: "Component" });
export const componentListSchema = z.object({ data: z.array(componentSchema) }).meta({ id: "ComponentList" });

// ── indicators (the catalogue) ──
export const indicatorSchema = z
  .object({
    code: storedCode,
    componentCode: storedCode,
    platformCode: storedCode.nullable(),
    nameTh: z.string(),
    nameEn: z.string(),
    definitionTh: z.string(),
    definitionEn: z.string(),
    unitTh: z.string(),
    unitEn: z.string(),
    direction: z.enum(INDICATOR_DIRECTIONS),
    valueType: z.enum(VALUE_TYPES),
    aggregation: z.enum(AGGREGATIONS),
    frequency: z.enum(INDICATOR_FREQUENCIES),
    formulaTh: z.string().nullable(),
    formulaEn: z.string().nullable(),
    dataSourceTh: z.string().nullable(),
    dataSourceEn: z.string().nullable(),
    dataOwnerCode: storedCode.nullable(),
    baselineValue: z.number().nullable(),
    baselineYear: z.number().int().nullable(),
    versions: z.array(
      z.object({
        version: z.number().int(),
        fromPeriod: periodCode.nullable(),
        unitTh: z.string(),
        unitEn: z.string(),
        direction: z.enum(INDICATOR_DIRECTIONS),
        aggregation: z.enum(AGGREGATIONS),
      }),
    ),
  })
  .meta({ id: "Indicator" });
export const indicatorListSchema = z.object({ data: z.array(indicatorSchema) }).meta({ id: "IndicatorList" });

// ── figures ──
export const figureQuerySchema = z.object({
  period: periodCode.optional().meta({ description: "Default: the quarter the dashboards show today" }),
  scope: z.enum(FIGURE_SCOPES).default("nation").meta({ description: "nation (national tokens), a ministry or an agency" }),
  code: code.optional().meta({ description: "The ministry's or agency's code (scope ministry or agency)" }),
});
export const scopeRefSchema = z
  .object({ kind: z.enum(FIGURE_SCOPES), code: storedCode.nullable(), nameTh: z.string().nullable(), nameEn: z.string().nullable() })
  .meta({ id: "ScopeRef" });
const figureFields = {
  actual: z.number().nullable(),
  target: z.number().nullable(),
  status: z.enum(STATUSES),
  attainment: z.number().nullable(),
  reporting: z.number().int().meta({ description: "Agencies whose approved figure counted" }),
  expected: z.number().int().meta({ description: "Agencies expected to report in the scope" }),
  provisional: z.number().int().meta({ description: "Figures awaiting approval, not counted" }),
};
export const figureSchema = z
  .object({
    indicatorCode: storedCode,
    componentCode: storedCode,
    nameTh: z.string(),
    nameEn: z.string(),
    unitTh: z.string(),
    unitEn: z.string(),
    direction: z.enum(INDICATOR_DIRECTIONS),
    aggregation: z.enum(AGGREGATIONS),
    ...figureFields,
    provenance: z.string().meta({ description: "URL of the facts this figure was computed from" }),
  })
  .meta({ id: "Figure" });
export const figureListSchema = z
  .object({ period: periodCode, scope: scopeRefSchema, refreshedAt: isoTime.nullable(), data: z.array(figureSchema) })
  .meta({ id: "FigureList" });

export const provenanceQuerySchema = figureQuerySchema.extend({
  indicator: code,
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const provenanceSchema = z
  .object({
    period: periodCode,
    scope: scopeRefSchema,
    indicatorCode: storedCode,
    figure: z.object(figureFields),
    total: z.number().int(),
    counted: z.number().int(),
    data: z.array(
      z.object({
        factId: z.number().int(),
        agencyCode: storedCode,
        value: z.number(),
        weight: z.number().nullable(),
        source: z.enum(FACT_SOURCES),
        state: z.enum(FACT_STATES),
        sourceId: z.number().int().nullable(),
        importBatchId: z.number().int().nullable(),
        sourceRow: z.number().int().nullable(),
        sourceRef: z.string().nullable(),
        recordedAt: isoTime,
        counted: z.boolean(),
        uncountedReason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Provenance" });

// ── flags and cases ──
export const listQuerySchema = z.object({
  period: periodCode.optional().meta({ description: "Default: every quarter" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const flagSchema = z
  .object({
    id: z.number().int(),
    ruleCode: z.string(),
    ruleVersion: z.number().int(),
    agencyCode: storedCode,
    period: periodCode,
    componentCode: storedCode.nullable(),
    subjectType: z.string(),
    subjectKey: z.string(),
    severity: z.enum(SEVERITIES),
    status: z.enum(FLAG_STATUSES),
    firstSeenAt: isoTime,
    recoveredAt: isoTime.nullable(),
  })
  .meta({ id: "Flag" });
export const flagListSchema = z.object({ total: z.number().int(), data: z.array(flagSchema) }).meta({ id: "FlagList" });
export const caseSchema = z
  .object({
    id: z.number().int(),
    agencyCode: storedCode,
    period: periodCode,
    status: z.enum(CASE_STATUSES),
    dueOn: isoDate.nullable(),
    flagIds: z.array(z.number().int()),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: "Case" });
export const caseListSchema = z.object({ total: z.number().int(), data: z.array(caseSchema) }).meta({ id: "CaseList" });

// ── reports ──
export const reportSchema = z
  .object({
    id: z.number().int(),
    period: periodCode,
    span: z.enum(["quarter", "year"]),
    scope: z.string(),
    scopeCode: z.string().nullable(),
    format: z.enum(["pdf", "xlsx", "csv"]),
    locale: z.enum(["th", "en"]),
    status: z.enum(["queued", "running", "done", "failed"]),
    dataAsOf: isoTime.nullable(),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable(),
    createdAt: isoTime,
    finishedAt: isoTime.nullable(),
  })
  .meta({ id: "Report" });
export const reportListSchema = z.object({ total: z.number().int(), data: z.array(reportSchema) }).meta({ id: "ReportList" });

// ── inbound platform figures ──
const clientKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,100}$/)
  .meta({
    description:
      "Chosen by the client, unique per token (printable ASCII, up to 100): sending the same key with the same figure again answers the same result; the same key with another agency, indicator, quarter or value is refused (409)",
    example: "tangrat-2570Q1-03002-TX",
  });
export const platformFigureSchema = z
  .object({
    clientKey,
    agencyCode: code.meta({ description: "The agency the figure is about" }),
    indicatorCode: code.meta({ description: "A number or percent indicator of the catalogue (e.g. a platform KPI)" }),
    period: periodCode,
    value: z.number().finite(),
    reason: z.string().trim().min(1).max(1000).optional().meta({ description: "Why an unusual value is right; required for one, as on the forms" }),
  })
  .meta({ id: "PlatformFigure" });
export const platformFiguresBodySchema = z
  .object({ figures: z.array(platformFigureSchema).min(1).max(API_MAX_FIGURES) })
  .meta({ id: "PlatformFiguresRequest", description: "All figures are written together, or none" });
export type PlatformFiguresBody = z.infer<typeof platformFiguresBodySchema>;
export const platformFiguresResultSchema = z
  .object({
    data: z.array(
      z.object({
        clientKey: z.string(),
        agencyCode: storedCode,
        indicatorCode: storedCode,
        period: periodCode,
        value: z.number(),
        factId: z.number().int().nullable(),
        heldForConfirmation: z.boolean().meta({ description: "Unusual value: kept, counted once a DGA analyst confirms it" }),
        replayed: z.boolean().meta({ description: "True when this answers a retry of an earlier post with the same key" }),
      }),
    ),
  })
  .meta({ id: "PlatformFiguresResult" });

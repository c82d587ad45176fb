// The OpenAPI 3.1 description of /api/v1, built by zod-openapi from the schemas the routes validate with
// (core/api/schemas.ts). Served at /api/v1/openapi.json and rendered at /api-docs.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import type { z } from "zod";
import {
  apiErrorSchema,
  caseListSchema,
  componentListSchema,
  figureListSchema,
  figureQuerySchema,
  flagListSchema,
  indicatorListSchema,
  listQuerySchema,
  platformFiguresBodySchema,
  platformFiguresResultSchema,
  provenanceQuerySchema,
  provenanceSchema,
  reportListSchema,
} from "./schemas";
import { API_MAX_BODY_BYTES, API_TOKEN_DEFAULT_RATE } from "./tokens";

export const OPENAPI_PATH = "/api/v1/openapi.json";
export const API_VERSION = "1.0.0";

const error = (description: string) => ({ description, content: { "application/json": { schema: apiErrorSchema } } });

/** The refusals every token-protected operation may answer. */
const REFUSALS = {
  "401": error("No token, or an invalid, expired or revoked one (no data)"),
  "403": error("Outside the token's scope, whether or not the code exists; or a read-only token posting (no data, nothing written)"),
  "422": error("A parameter or value is invalid, or names no agency, indicator or quarter (each named in errors; nothing written)"),
  "429": error(`Over the token's rate (default ${API_TOKEN_DEFAULT_RATE} requests a minute); see Retry-After`),
} as const;

const ok = (description: string, schema: z.ZodType): ZodOpenApiResponsesObject => ({ "200": { description, content: { "application/json": { schema } } }, ...REFUSALS });

function read(summary: string, description: string, schema: z.ZodType, query?: z.ZodObject, extra: ZodOpenApiResponsesObject = {}): { get: ZodOpenApiOperationObject } {
  return { get: { summary, description, tags: ["read"], ...(query ? { requestParams: { query } } : {}), responses: { ...ok(summary, schema), ...extra } } };
}

let cached: ReturnType<typeof createDocument> | null = null;

export function buildOpenApiDocument(): ReturnType<typeof createDocument> {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Lamnam API",
      version: API_VERSION,
      description:
        "Machine access to Lamnam, the monitoring of Thailand's digital-government ecosystem (DGA). Every request carries an API token issued by a Lamnam administrator: `Authorization: Bearer lmn_…`. A token is scoped to the whole country, one ministry (its agencies) or one agency; asking outside the scope answers 403 whether or not the code exists. Figures are the dashboards' own (the same definitions and rollups); periods are fiscal quarters in the Buddhist era (2570Q1 = Oct–Dec 2026). Error messages follow Accept-Language (th by default, en).",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "An API token from /admin/api-tokens (shown once when issued)" } } },
    tags: [
      { name: "read", description: "Catalogue, figures with provenance, flags, cases and reports in the token's scope" },
      { name: "write", description: "Figures posted by the platforms (tokens with the write permission)" },
    ],
    paths: {
      "/api/v1/components": read("Components", "The seven components of the ecosystem with their elements.", componentListSchema),
      "/api/v1/indicators": read("Indicators", "Active indicators with their catalogue entries (data dictionary) and definition versions.", indicatorListSchema),
      "/api/v1/figures": read(
        "Figures",
        "Every indicator's figure for a scope and quarter — the figure the dashboards show, with its target, status and counts — and the URL of its provenance.",
        figureListSchema,
        figureQuerySchema,
        { "404": error("No such quarter, ministry or agency (inside the token's scope)") },
      ),
      "/api/v1/figures/provenance": read("Provenance of a figure", "The facts one figure was computed from: source (self-assessment, eMENSCR, API …), state and source row.", provenanceSchema, provenanceQuerySchema, {
        "404": error("No such indicator, quarter, ministry or agency (inside the token's scope)"),
      }),
      "/api/v1/flags": read("Lagging flags", "Flags of the agencies in the token's scope, newest quarter first.", flagListSchema, listQuerySchema),
      "/api/v1/cases": read("Follow-up cases", "Follow-up cases of the agencies in the token's scope (status and dates).", caseListSchema, listQuerySchema),
      "/api/v1/reports": read("Reports", "Quarterly reports about the token's scope: metadata (the files stay behind sign-in).", reportListSchema, listQuerySchema),
      "/api/v1/platform-figures": {
        post: {
          summary: "Post platform figures",
          description:
            "Figures of platform KPIs per agency and quarter (ทางรัฐ transactions, ThaID authentications, GDX calls …) land as facts with source \"api\", approved. The forms' plausibility rules apply: an unusual value needs a `reason` and is held until a DGA analyst confirms it; an unknown agency, indicator or quarter, or an impossible value, is refused (422). Posting needs a token with the write permission and agencies in its scope (else 403). All figures of a request are written together, or none. Each figure's `clientKey` makes a retry safe.",
          tags: ["write"],
          requestBody: { required: true, content: { "application/json": { schema: platformFiguresBodySchema } } },
          responses: {
            "200": { description: "Every figure was a retry of an earlier post: the same result", content: { "application/json": { schema: platformFiguresResultSchema } } },
            "201": { description: "Written (figures already posted under their key are answered as before)", content: { "application/json": { schema: platformFiguresResultSchema } } },
            "400": error("The body is not JSON (or not sent as application/json)"),
            ...REFUSALS,
            "409": error("A clientKey already used for another figure (nothing written)"),
            "413": error(`The body is larger than ${API_MAX_BODY_BYTES / 1_000_000} MB`),
          },
        },
      },
    },
  });
  return cached;
}

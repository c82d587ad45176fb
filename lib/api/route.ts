import "server-only";
import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getDb } from "@/db/client";
import { apiTokens, type ApiToken } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import type { ApiScope } from "@/core/api/tokens";
import type { Locale } from "@/core/enums";
import { AppError, PayloadTooLargeError, ValidationError } from "@/core/errors";
import { log } from "@/core/log";
import { recordAudit } from "@/lib/audit/record";
import { countAttempt } from "@/lib/auth/throttle";
import { apiLocale, apiMessage, apiTranslator, type ApiTranslator } from "./messages";
import { authenticateApiToken } from "./tokens";

/** What a /api/v1 handler is given: the token, its scope, the language of the answer. */
export interface ApiContext {
  token: ApiToken;
  scope: ApiScope;
  /** Who the token is to the services and the audit log (never a person: id 0, labelled by the token). */
  actor: Actor;
  locale: Locale;
  t: ApiTranslator;
}

type ApiHandler<Ctx> = (request: Request, context: Ctx & { api: ApiContext }) => Promise<Response>;

export interface ApiRouteOptions {
  /** The handler writes (platform figures): the token needs the write permission. */
  write?: boolean;
}

/** A refusal with its code: 403 outside the token's scope, or a write with a read-only token. */
export class ApiScopeError extends AppError {
  readonly status = 403;
  constructor(code: "out_of_scope" | "read_only_token" = "out_of_scope") {
    super(code);
  }
}

/**
 * The actor the shared read functions see for a token. National and ministry tokens read as a DGA-wide
 * reader (role executive: reads only) and every /api/v1 handler narrows a ministry token to its ministry
 * itself (lib/api/read.ts); an agency token reads as an officer of its agency, so the same scoping as
 * the agency's own pages applies.
 */
function tokenActor(token: ApiToken, scope: ApiScope, locale: Locale): Actor {
  const label = `api-token:${token.id} ${token.name}`;
  const base = { id: 0, email: label, name: label, locale };
  if (scope.kind === "agency") return { ...base, role: "agency_officer", agencyId: scope.agencyId, agencyCode: scope.code };
  return { ...base, role: "executive", agencyId: null, agencyCode: null };
}

export function apiError(t: ApiTranslator, status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return NextResponse.json({ error: code, message: apiMessage(t, "errors", code), ...extra }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * Every /api/v1 handler but the public description goes through here: the bearer token (401 without a
 * live one, no data), its rate (429), its write permission (403), then the handler; typed errors become
 * status codes with a localized message, and every use of a known token is audited.
 */
export function withApiToken<Ctx extends object>(options: ApiRouteOptions, handler: ApiHandler<Ctx>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    const locale = apiLocale(request);
    const t = apiTranslator(locale);
    const auth = await authenticateApiToken(request.headers.get("authorization"));
    if (!auth.ok) return apiError(t, 401, auth.problem, {}, { "www-authenticate": `Bearer realm="lamnam", error="invalid_token"` });
    const { token, scope } = auth;
    const actor = tokenActor(token, scope, locale);
    let response: Response;
    try {
      const { attempts } = await countAttempt(`api-token:${token.id}`, { maxAttempts: token.rateLimitPerMinute + 1, windowMinutes: 1, lockMinutes: 1 });
      if (attempts > token.rateLimitPerMinute) response = apiError(t, 429, "rate_limited", {}, { "retry-after": "60" });
      else if (options.write && !token.canWrite) response = apiError(t, 403, "read_only_token");
      else response = await handler(request, { ...context, api: { token, scope, actor, locale, t } });
    } catch (error) {
      response = apiErrorResponse(t, error);
    }
    await auditUse(token, actor, request, response.status);
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
    return response;
  };
}

function apiErrorResponse(t: ApiTranslator, error: unknown): Response {
  if (error instanceof ValidationError) {
    const errors = Object.entries(error.fieldErrors).flatMap(([field, reasons]) =>
      reasons.map((reason) => {
        const index = /^figures\.(\d+)/.exec(field);
        return { index: index ? Number(index[1]) : null, field, reason, message: apiMessage(t, "reasons", reason) };
      }),
    );
    return apiError(t, 422, error.code, { errors });
  }
  if (error instanceof PayloadTooLargeError) return apiError(t, 413, error.code);
  if (error instanceof AppError) return apiError(t, error.status, error.code);
  log("error", "api.unexpected_error", { error });
  return apiError(t, 500, "internal");
}

/** One audit row per request of a known token (what, which path, the answer), and when it was last used. */
async function auditUse(token: ApiToken, actor: Actor, request: Request, status: number): Promise<void> {
  const url = new URL(request.url);
  try {
    await getDb().transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "api.request", entityType: "api_token", entityId: token.id, after: { method: request.method, path: url.pathname, query: url.search.slice(0, 500), status } });
      await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
    });
  } catch (error) {
    log("error", "api.audit_failed", { token: token.id, error });
  }
}

/** A GET query read with its schema; each bad parameter named (422). */
export function parseApiQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "query"] ??= []).push("invalid_parameter");
  throw new ValidationError(fieldErrors);
}

/** An answer checked against its schema on the way out (a bug here is a 500, never a wrong contract). */
export function apiJson<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200): Response {
  return NextResponse.json(schema.parse(body), { status });
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { agencies, apiTokens, type ApiToken } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { API_TOKEN_DEFAULT_RATE, API_TOKEN_MAX_DAYS, API_TOKEN_MAX_RATE, API_TOKEN_PREFIX, API_TOKEN_SCOPES, apiTokenState, type ApiScope } from "@/core/api/tokens";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/core/errors/field-errors";
import { recordAudit } from "@/lib/audit/record";

// Issuing, revoking and checking API tokens. The secret is 32 random bytes (base64url) behind a
// recognisable prefix; only its SHA-256 is stored, so a copy of the database holds no usable token.

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

const DAY_MS = 86_400_000;

export const issueApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(120, "too_long"),
    scope: z.enum(API_TOKEN_SCOPES, { message: "invalid" }),
    agencyCode: z.string().trim().max(40, "too_long").optional().default(""),
    canWrite: z.boolean().default(false),
    /** The last day the token works (Bangkok calendar date, yyyy-mm-dd). */
    expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invalid_date"),
    rateLimitPerMinute: z.coerce.number({ message: "not_a_number" }).int("not_a_number").min(1, "api_rate_range").max(API_TOKEN_MAX_RATE, "api_rate_range").default(API_TOKEN_DEFAULT_RATE),
  })
  .superRefine((v, ctx) => {
    if (v.scope !== "national" && !v.agencyCode) ctx.addIssue({ code: "custom", path: ["agencyCode"], message: "required" });
    if (v.scope === "national" && v.agencyCode) ctx.addIssue({ code: "custom", path: ["agencyCode"], message: "api_national_no_agency" });
  });
export type IssueApiTokenInput = z.input<typeof issueApiTokenSchema>;

export interface IssuedApiToken {
  id: number;
  /** Shown once to the administrator; never stored. */
  secret: string;
  expiresAt: Date;
}

/** End of the chosen day in Bangkok (UTC+7, no daylight saving). */
function endOfBangkokDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T23:59:59.999+07:00`));
}

export async function issueApiToken(actor: Actor, input: IssueApiTokenInput, now: Date = new Date()): Promise<IssuedApiToken> {
  if (!can(actor, "admin.api_tokens")) throw new ForbiddenError();
  const parsed = issueApiTokenSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const v = parsed.data;
  const expiresAt = endOfBangkokDay(v.expiresOn);
  const today = todayInBangkok(now);
  if (Number.isNaN(expiresAt.getTime()) || v.expiresOn < today) throw new ValidationError({ expiresOn: ["api_expiry_past"] });
  if (expiresAt.getTime() - now.getTime() > API_TOKEN_MAX_DAYS * DAY_MS) throw new ValidationError({ expiresOn: ["api_expiry_too_far"] });
  return getDb().transaction(async (tx) => {
    let agencyId: number | null = null;
    if (v.scope !== "national") {
      const [agency] = await tx.select({ id: agencies.id, type: agencies.type, active: agencies.active }).from(agencies).where(eq(agencies.code, v.agencyCode));
      if (!agency || !agency.active) throw new ValidationError({ agencyCode: ["unknown_agency"] });
      if ((v.scope === "ministry") !== (agency.type === "ministry")) throw new ValidationError({ agencyCode: [v.scope === "ministry" ? "api_not_a_ministry" : "api_ministry_for_agency"] });
      agencyId = agency.id;
    }
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: v.name,
        scope: v.scope,
        agencyId,
        canWrite: v.canWrite,
        tokenHash: hashApiToken(secret),
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        rateLimitPerMinute: v.rateLimitPerMinute,
        expiresAt,
        createdById: actor.id > 0 ? actor.id : null,
      })
      .returning({ id: apiTokens.id });
    const after = { name: v.name, scope: v.scope, agencyCode: v.agencyCode || null, canWrite: v.canWrite, rateLimitPerMinute: v.rateLimitPerMinute, expiresAt: expiresAt.toISOString() };
    await recordAudit(tx, actor, { action: "api_token.issue", entityType: "api_token", entityId: row!.id, after });
    return { id: row!.id, secret, expiresAt };
  });
}

export async function revokeApiToken(actor: Actor, tokenId: number, now: Date = new Date()): Promise<void> {
  if (!can(actor, "admin.api_tokens")) throw new ForbiddenError();
  await getDb().transaction(async (tx) => {
    const [token] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId)).for("update");
    if (!token) throw new NotFoundError("api_token");
    if (token.revokedAt) throw new ConflictError("api_token_already_revoked");
    await tx.update(apiTokens).set({ revokedAt: now, revokedById: actor.id > 0 ? actor.id : null }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, actor, { action: "api_token.revoke", entityType: "api_token", entityId: tokenId, before: { name: token.name } });
  });
}

/** Why a request's token opens nothing: each answered 401 with no data. */
export type ApiTokenProblem = "missing_token" | "invalid_token" | "expired_token" | "revoked_token";

export type ApiAuthentication = { ok: true; token: ApiToken; scope: ApiScope } | { ok: false; problem: ApiTokenProblem };

/** The token of an `Authorization: Bearer …` header, checked against its hash, expiry and revocation. */
export async function authenticateApiToken(authorization: string | null, now: Date = new Date()): Promise<ApiAuthentication> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return { ok: false, problem: "missing_token" };
  const secret = match[1]!;
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return { ok: false, problem: "invalid_token" };
  const [row] = await getDb()
    .select({ token: apiTokens, agencyCode: agencies.code })
    .from(apiTokens)
    .leftJoin(agencies, eq(agencies.id, apiTokens.agencyId))
    .where(eq(apiTokens.tokenHash, hashApiToken(secret)));
  if (!row) return { ok: false, problem: "invalid_token" };
  const state = apiTokenState(row.token, now);
  if (state !== "active") return { ok: false, problem: state === "expired" ? "expired_token" : "revoked_token" };
  const { token } = row;
  const scope: ApiScope = token.scope === "national" || token.agencyId === null ? { kind: "national" } : { kind: token.scope, agencyId: token.agencyId, code: row.agencyCode ?? "" };
  return { ok: true, token, scope };
}

// API tokens for the systems around Lamnam (issue 22): what a token may read and write. Pure rules, no database.

/** National: every agency; ministry: the agencies under one ministry; agency: one agency. */
export const API_TOKEN_SCOPES = ["national", "ministry", "agency"] as const;
export type ApiTokenScopeKind = (typeof API_TOKEN_SCOPES)[number];

/** A token's scope as the API sees it: the ministry's or agency's id and code for the narrower kinds. */
export type ApiScope = { kind: "national" } | { kind: "ministry" | "agency"; agencyId: number; code: string };

/** The longest a token may live: a year, so that forgotten tokens die on their own. */
export const API_TOKEN_MAX_DAYS = 366;
/** Requests per token per minute unless the administrator chose otherwise (fixed window). */
export const API_TOKEN_DEFAULT_RATE = 60;
export const API_TOKEN_MAX_RATE = 6000;
/** Shown in front of every secret so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = "lmn_";

/** Largest JSON body the API reads (the platform figures of a few thousand agencies). */
export const API_MAX_BODY_BYTES = 1_000_000;
/** Figures one POST may carry. */
export const API_MAX_FIGURES = 2000;

/** The scopes a token's owner may name when reading figures. */
export const FIGURE_SCOPES = ["nation", "ministry", "agency"] as const;
export type FigureScope = (typeof FIGURE_SCOPES)[number];

/**
 * Whether a token of this scope may ask about a ministry or agency. `inMinistry` tells whether the
 * agency sits under the token's ministry (the caller reads the hierarchy). National tokens may ask
 * about anything; a ministry token about itself and its agencies; an agency token about itself.
 */
export function scopeCovers(scope: ApiScope, target: { kind: "nation" } | { kind: "ministry" | "agency"; agencyId: number; inMinistry: boolean }): boolean {
  if (scope.kind === "national") return true;
  if (target.kind === "nation") return false;
  if (scope.kind === "agency") return target.kind === "agency" && target.agencyId === scope.agencyId;
  return target.agencyId === scope.agencyId || (target.kind === "agency" && target.inMinistry);
}

/** A token is usable until it expires or is revoked. */
export function apiTokenState(token: { expiresAt: Date; revokedAt: Date | null }, now: Date): "active" | "expired" | "revoked" {
  if (token.revokedAt) return "revoked";
  return token.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

import { bigint, boolean, check, index, integer, numeric, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { API_TOKEN_SCOPES } from "@/core/api/tokens";
import { timestamps } from "./_columns";
import { agencies } from "./ecosystem";
import { indicatorFacts } from "./facts";
import { indicators, periods } from "./indicators";
import { users } from "./users";

export const apiTokenScopeEnum = pgEnum("api_token_scope", API_TOKEN_SCOPES);

/**
 * Machine access for one external system (issue 22), issued by an administrator. Only the SHA-256 of the
 * secret is stored (the secret is shown once); a token expires (at most a year) and can be revoked.
 * Requests per minute are counted in sign_in_throttle under "api-token:<id>" (lib/auth/throttle.ts), so
 * the limit holds across app instances.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The system it is for, in the administrator's words ("NESDC eMENSCR", "ทางรัฐ"). */
    name: text().notNull(),
    scope: apiTokenScopeEnum().notNull(),
    /** The ministry (scope ministry) or agency (scope agency); null for national tokens. */
    agencyId: integer().references(() => agencies.id),
    /** May post platform figures (POST /api/v1/platform-figures); reading is always allowed. */
    canWrite: boolean().notNull().default(false),
    /** Hex SHA-256 of the secret. */
    tokenHash: text().notNull().unique(),
    /** The secret's first characters, to tell tokens apart in lists and logs. */
    prefix: text().notNull(),
    rateLimitPerMinute: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedById: integer().references(() => users.id),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdById: integer().references(() => users.id),
    ...timestamps,
  },
  (t) => [
    index().on(t.agencyId),
    index().on(t.createdById),
    index().on(t.revokedById),
    check("api_tokens_scope_agency", sql`(${t.scope} = 'national') = (${t.agencyId} is null)`),
    check("api_tokens_rate_positive", sql`${t.rateLimitPerMinute} > 0`),
  ],
);
export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;

/**
 * One figure posted through the API: the source row of an "api" fact (indicator_facts.source_id), and the
 * record that makes a retry idempotent (the same client key of the same token answers the same result).
 */
export const apiFigurePosts = pgTable(
  "api_figure_posts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tokenId: integer()
      .notNull()
      .references(() => apiTokens.id),
    clientKey: text().notNull(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    value: numeric({ precision: 20, scale: 4 }).notNull(),
    /** Why an implausible value is right (required for one, as on the forms). */
    reason: text(),
    /** Held until an analyst confirms it, as the forms' unusual values are. */
    needsConfirmation: boolean().notNull(),
    factId: bigint({ mode: "number" }).references(() => indicatorFacts.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("api_figure_posts_token_key").on(t.tokenId, t.clientKey),
    index().on(t.agencyId, t.periodId),
    index().on(t.indicatorId),
    index().on(t.periodId),
    index().on(t.factId),
  ],
);
export type ApiFigurePost = typeof apiFigurePosts.$inferSelect;

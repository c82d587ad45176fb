import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { timestamps } from "./_columns";
import { agencies } from "./ecosystem";
import { localeEnum, roleEnum } from "./enums";
import { USER_TOKEN_PURPOSES } from "@/core/auth/user-tokens";

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Stored lower-cased; unique case-insensitively. */
    email: text().notNull(),
    name: text().notNull(),
    /** Null for accounts that only sign in through the organisation's SSO. */
    passwordHash: text(),
    role: roleEnum().notNull(),
    /** Required for agency roles and ministry reviewers (the ministry; check constraints), null for DGA-wide roles. */
    agencyId: integer().references(() => agencies.id),
    /** The province a provincial reviewer reviews (its local administrations); null for every other role. */
    province: text(),
    /**
     * A reviewer (or DGA staff) who may also invite and deactivate the accounts within their scope:
     * the ministry or provincial administrator's right. Agency heads manage their own officers without it.
     */
    managesUsers: boolean().notNull().default(false),
    /**
     * Signs in only through the organisation's SSO: never has a password, never receives a link to choose
     * one (invitations and resets are refused for it).
     */
    sso: boolean().notNull().default(false),
    locale: localeEnum().notNull().default("th"),
    active: boolean().notNull().default(true),
    /** Bumped on deactivation, role change or password reset: older sessions stop working. */
    sessionVersion: integer().notNull().default(1),
    lastSignInAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`),
    index().on(t.agencyId),
    index().on(t.role),
    // Compared as text: a role added in the same migration cannot be used as an enum value before it commits.
    check("users_agency_role_has_agency", sql`${t.role}::text not in ('agency_head', 'agency_officer', 'ministry_reviewer') or ${t.agencyId} is not null`),
    check("users_province_reviewer_has_province", sql`${t.role}::text <> 'province_reviewer' or ${t.province} is not null`),
    index().on(t.province),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * Failed sign-in counters, keyed by account (`email:…`) and by client address (`ip:…`).
 * Kept in the database, not in process memory, so that limits hold across app instances.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
});
export type SignInThrottle = typeof signInThrottle.$inferSelect;

export const userTokenPurposeEnum = pgEnum("user_token_purpose", USER_TOKEN_PURPOSES);

/**
 * One-time links that let a person choose a password: the first administrator's (npm run setup), and
 * later invitations and forgotten passwords. Only the SHA-256 of the token is stored, so a copy of the
 * database holds no usable link. A token is used at most once and dies at expiresAt.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    purpose: userTokenPurposeEnum().notNull(),
    /** Hex SHA-256 of the token sent in the link. */
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    /** Who asked for it (an administrator), null for the setup command and self-service requests. */
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId), index().on(t.createdBy)],
);
export type UserToken = typeof userTokens.$inferSelect;
export type NewUserToken = typeof userTokens.$inferInsert;

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { users, userTokens } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { USER_TOKEN_TTL_HOURS, type UserTokenProblem, type UserTokenPurpose } from "@/core/auth/user-tokens";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/core/errors";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords";
import { accountKey } from "./sign-in";
import { clearThrottle } from "./throttle";

/**
 * One-time links to choose a password (/set-password?token=…). The token is 32 random bytes (base64url);
 * only its SHA-256 is stored. A link is used at most once, expires, and issuing a new one for the same
 * account and purpose ends the earlier ones. Consuming sets the password and bumps the session version
 * (every open session of the account ends) in the same transaction as marking the token used.
 *
 * Issue 19 (invitations, forgotten passwords) builds on issueUserToken / consumeUserToken; the rules on
 * who may receive which kind of link live here:
 * - set_password and invite: an account that has never had a password and never signed in (a new account);
 * - reset_password: an account that has a password.
 * An SSO account (no password, signs in through the organisation) never receives a link.
 */

/** A link that cannot be used: unknown, already used, or expired. `code` is the message key under errors. */
export class UserTokenError extends AppError {
  readonly status = 410;
  constructor(public readonly problem: UserTokenProblem) {
    super(problem, problem);
    this.name = "UserTokenError";
  }
}

export function hashUserToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface IssueUserTokenOptions {
  userId: number;
  purpose: UserTokenPurpose;
  /** Who asked (audited); SYSTEM_ACTOR for the setup command. */
  actor: Actor;
  ttlHours?: number;
  now?: Date;
}

/** The token itself: shown once (printed or e-mailed), never stored. */
export interface IssuedUserToken {
  token: string;
  expiresAt: Date;
}

/** Issues a link inside the caller's transaction (e.g. together with creating the account). */
export async function issueUserToken(tx: Queryable, options: IssueUserTokenOptions): Promise<IssuedUserToken> {
  const now = options.now ?? new Date();
  const [user] = await tx.select().from(users).where(eq(users.id, options.userId)).for("update");
  if (!user) throw new NotFoundError("user");
  if (!user.active) throw new ConflictError("account_inactive");
  if (user.sso) throw new ConflictError("sso_no_password");
  const isNewAccount = user.passwordHash === null && user.lastSignInAt === null;
  if (options.purpose === "reset_password" ? user.passwordHash === null : !isNewAccount) throw new ConflictError("token_not_for_account");
  // A new link supersedes any earlier live one of the same kind.
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, user.id), eq(userTokens.purpose, options.purpose), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + (options.ttlHours ?? USER_TOKEN_TTL_HOURS[options.purpose]) * 3_600_000);
  await tx.insert(userTokens).values({
    userId: user.id,
    purpose: options.purpose,
    tokenHash: hashUserToken(token),
    expiresAt,
    createdBy: options.actor.id > 0 ? options.actor.id : null,
    createdAt: now,
  });
  await recordAudit(tx, options.actor, { action: "user.issue_token", entityType: "user", entityId: user.id, after: { purpose: options.purpose, expiresAt: expiresAt.toISOString() } });
  return { token, expiresAt };
}

export type UserTokenState =
  | { status: "valid"; purpose: UserTokenPurpose; email: string; name: string; expiresAt: Date }
  | { status: UserTokenProblem };

/** What a link is, without using it (the page shows the form or says why it cannot be used). */
export async function inspectUserToken(token: string, now: Date = new Date()): Promise<UserTokenState> {
  const found = await findToken(getDb(), token, false);
  if (!found) return { status: "token_unknown" };
  const problem = problemOf(found.token, found.user, now);
  if (problem) return { status: problem };
  return { status: "valid", purpose: found.token.purpose, email: found.user.email, name: found.user.name, expiresAt: found.token.expiresAt };
}

export interface ConsumeUserTokenInput {
  token: string;
  password: string;
  confirm: string;
}

/**
 * Uses a link: checks it, sets the password, ends the account's sessions, marks the link (and any other
 * live link of the account) used and lifts a sign-in lock on the account, all in one transaction. Returns the account's e-mail, to sign in with.
 */
export async function consumeUserToken(input: ConsumeUserTokenInput, now: Date = new Date()): Promise<{ userId: number; email: string }> {
  const fieldErrors: Record<string, string[]> = {};
  if (input.password.length < MIN_PASSWORD_LENGTH) fieldErrors.password = ["password_too_short"];
  else if (input.password.length > 200) fieldErrors.password = ["too_long"];
  if (input.confirm !== input.password) fieldErrors.confirm = ["password_mismatch"];
  // The link's own state is told first: a person with a dead link has nothing to fix in the form.
  const state = await inspectUserToken(input.token, now);
  if (state.status !== "valid") throw new UserTokenError(state.status);
  if (Object.keys(fieldErrors).length) throw new ValidationError(fieldErrors);
  const passwordHash = await hashPassword(input.password);
  return getDb().transaction(async (tx) => {
    const found = await findToken(tx, input.token, true);
    if (!found) throw new UserTokenError("token_unknown");
    // Checked again under the row lock: two tabs submitting the same link at once set one password.
    const problem = problemOf(found.token, found.user, now);
    if (problem) throw new UserTokenError(problem);
    const { user } = found;
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await tx.update(userTokens).set({ usedAt: now }).where(and(eq(userTokens.userId, user.id), isNull(userTokens.usedAt)));
    // Whoever locked the account with wrong passwords no longer keeps its owner out: the link proved them.
    await clearThrottle(tx, accountKey(user.email));
    const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, agencyCode: null, locale: user.locale };
    await recordAudit(tx, actor, { action: "user.set_password", entityType: "user", entityId: user.id, after: { purpose: found.token.purpose } });
    return { userId: user.id, email: user.email };
  });
}

async function findToken(db: Queryable, token: string, lock: boolean) {
  // A malformed value is simply not a token; never hash megabytes a caller sent.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const query = db
    .select({ token: userTokens, user: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(eq(userTokens.tokenHash, hashUserToken(token)));
  const [row] = lock ? await query.for("update", { of: userTokens }) : await query;
  return row ?? null;
}

function problemOf(token: { usedAt: Date | null; expiresAt: Date }, user: { active: boolean }, now: Date): UserTokenProblem | null {
  if (token.usedAt) return "token_used";
  if (token.expiresAt.getTime() <= now.getTime()) return "token_expired";
  // A deactivated account's link is as good as none.
  if (!user.active) return "token_unknown";
  return null;
}

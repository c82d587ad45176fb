import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, type User } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { RateLimitedError } from "@/core/errors";
import { log } from "@/core/log";
import { deliverOutboxSoon } from "@/lib/notifications/outbox";
import { queueAccountLockedMail } from "./account-mail";
import { verifyPassword } from "./passwords";
import { clearThrottle, countAttempt, lockedUntil, secondsUntil, type ThrottleRule } from "./throttle";

/** Failed attempts allowed per key within the window before the key is locked for LOCK_MINUTES. */
export const THROTTLE_POLICY = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerClient: 30,
} as const;

const ACCOUNT_RULE: ThrottleRule = { maxAttempts: THROTTLE_POLICY.maxFailuresPerAccount, windowMinutes: THROTTLE_POLICY.windowMinutes, lockMinutes: THROTTLE_POLICY.lockMinutes };
const CLIENT_RULE: ThrottleRule = { ...ACCOUNT_RULE, maxAttempts: THROTTLE_POLICY.maxFailuresPerClient };

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid_credentials" | "account_disabled" };

export function accountKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}
export function clientKey(clientId: string): string {
  return `ip:${clientId}`;
}

/**
 * The client address that throttling counts against: the last X-Forwarded-For entry. Forwarded headers
 * reach the app only from a trusted proxy (TRUSTED_PROXIES, lib/http/forwarded.ts), whose last entry is the
 * address it saw (entries before it are whatever the client sent, so a sprayer could vary them); from
 * anyone else the header is replaced by the connection's own address before Next.js sees the request.
 */
export function clientIdFrom(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const forwarded = headers instanceof Headers ? (headers.get("x-forwarded-for") ?? undefined) : headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  return value?.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1)?.slice(0, 64) || "unknown";
}

/**
 * Checks an email/password pair with per-account and per-client throttling.
 * Unknown users and wrong passwords get the same answer; a disabled account is only revealed to
 * someone who knows its password. The failure that locks an account tells its owner by e-mail, with the
 * way back in while the lock lasts: a password reset (/forgot-password), which lifts the lock.
 * @throws RateLimitedError while either key is locked.
 */
export async function verifyCredentials(email: string, password: string, clientId: string): Promise<SignInResult> {
  const db = getDb();
  const keys = [accountKey(email), clientKey(clientId)] as const;
  const now = new Date();
  const until = await lockedUntil(keys, now);
  if (until) throw new RateLimitedError(secondsUntil(until, now));

  const normalised = email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, normalised)).limit(1);
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk) {
    const account = await countAttempt(keys[0], ACCOUNT_RULE);
    await countAttempt(keys[1], CLIENT_RULE);
    // An SSO-only account (no password) cannot be signed into this way, so its lock keeps nobody out.
    if (account.justLocked && user?.active && user.passwordHash !== null) await tellOwnerOfLock(user);
    return { ok: false, reason: "invalid_credentials" };
  }
  if (!user.active) return { ok: false, reason: "account_disabled" };

  await db.transaction(async (tx) => {
    await clearThrottle(tx, keys[0]);
    await tx.update(users).set({ lastSignInAt: now }).where(and(eq(users.id, user.id)));
    await recordAudit(tx, toActorForAudit(user), { action: "auth.sign_in", entityType: "user", entityId: user.id });
  });
  return { ok: true, user };
}

async function tellOwnerOfLock(user: User): Promise<void> {
  const until = (await lockedUntil([accountKey(user.email)])) ?? new Date(Date.now() + THROTTLE_POLICY.lockMinutes * 60_000);
  await getDb().transaction(async (tx) => {
    await queueAccountLockedMail(tx, user, until);
    // Recorded as the system's doing: whoever typed the passwords is not known to be the owner.
    await recordAudit(tx, SYSTEM_ACTOR, { action: "auth.account_locked", entityType: "user", entityId: user.id, after: { lockedUntil: until.toISOString() } });
  });
  log("warn", "auth.account_locked", { userId: user.id });
  await deliverOutboxSoon();
}

function toActorForAudit(user: User) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, agencyCode: null, locale: user.locale };
}

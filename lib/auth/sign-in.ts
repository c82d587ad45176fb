import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottle, users, type User } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { RateLimitedError } from "@/core/errors";
import { verifyPassword } from "./passwords";

/** Failed attempts allowed per key within the window before the key is locked for LOCK_MINUTES. */
export const THROTTLE_POLICY = {
  windowMinutes: 15,
  lockMinutes: 15,
  maxFailuresPerAccount: 5,
  maxFailuresPerClient: 30,
} as const;

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
 * The client address that sign-in throttling counts against: the last X-Forwarded-For entry, the one the
 * load balancer appended (entries before it are whatever the client sent, so a sprayer could vary them).
 * Without a proxy, Next.js sets the header to the socket's address when the client sent none.
 */
export function clientIdFrom(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  return value?.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1)?.slice(0, 64) || "unknown";
}

/**
 * Checks an email/password pair with per-account and per-client throttling.
 * Unknown users and wrong passwords get the same answer; a disabled account is only revealed to
 * someone who knows its password.
 * @throws RateLimitedError while either key is locked.
 */
export async function verifyCredentials(email: string, password: string, clientId: string): Promise<SignInResult> {
  const db = getDb();
  const keys = [accountKey(email), clientKey(clientId)];
  const now = new Date();
  const locks = await db
    .select()
    .from(signInThrottle)
    .where(sql`${signInThrottle.key} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
  const lockedUntil = locks
    .map((l) => l.lockedUntil)
    .filter((d): d is Date => d != null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (lockedUntil) throw new RateLimitedError(Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));

  const normalised = email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, normalised)).limit(1);
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk) {
    await recordFailure(keys[0]!, THROTTLE_POLICY.maxFailuresPerAccount);
    await recordFailure(keys[1]!, THROTTLE_POLICY.maxFailuresPerClient);
    return { ok: false, reason: "invalid_credentials" };
  }
  if (!user.active) return { ok: false, reason: "account_disabled" };

  await db.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, keys[0]!));
    await tx.update(users).set({ lastSignInAt: now }).where(and(eq(users.id, user.id)));
    await recordAudit(tx, toActorForAudit(user), { action: "auth.sign_in", entityType: "user", entityId: user.id });
  });
  return { ok: true, user };
}

async function recordFailure(key: string, maxFailures: number): Promise<void> {
  const { windowMinutes, lockMinutes } = THROTTLE_POLICY;
  const windowExpired = sql`${signInThrottle.windowStartedAt} < now() - make_interval(mins => ${windowMinutes})`;
  const failures = sql`case when ${windowExpired} then 1 else ${signInThrottle.failures} + 1 end`;
  await getDb()
    .insert(signInThrottle)
    .values({ key, failures: 1, lockedUntil: maxFailures <= 1 ? sql`now() + make_interval(mins => ${lockMinutes})` : null })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures,
        windowStartedAt: sql`case when ${windowExpired} then now() else ${signInThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${failures} >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else ${signInThrottle.lockedUntil} end`,
      },
    });
}

function toActorForAudit(user: User) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, agencyCode: null, locale: user.locale };
}

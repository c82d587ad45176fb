import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { signInThrottle } from "@/db/schema";

/**
 * Attempt counters kept in the database (table sign_in_throttle), not in process memory, so that limits
 * hold across app instances. A key ("email:…", "ip:…", "reset-ip:…") counts attempts within a window;
 * reaching the limit locks the key for a while.
 */
export interface ThrottleRule {
  maxAttempts: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** The latest lock among the keys still in force at `now`, or null. */
export async function lockedUntil(keys: readonly string[], now: Date = new Date()): Promise<Date | null> {
  const rows = await getDb().select({ lockedUntil: signInThrottle.lockedUntil }).from(signInThrottle).where(inArray(signInThrottle.key, [...keys]));
  const until = rows
    .map((r) => r.lockedUntil)
    .filter((d): d is Date => d != null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return until ?? null;
}

/** Seconds until a lock ends, at least 1 (for Retry-After and the message). */
export const secondsUntil = (until: Date, now: Date = new Date()) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Counts one attempt against the key. Returns `locked: true` exactly once per window: for the attempt that
 * reached the limit (so the owner is told once, not for every later attempt).
 */
export async function countAttempt(key: string, rule: ThrottleRule): Promise<{ attempts: number; justLocked: boolean }> {
  const { windowMinutes, lockMinutes, maxAttempts } = rule;
  const windowExpired = sql`${signInThrottle.windowStartedAt} < now() - make_interval(mins => ${windowMinutes})`;
  const attempts = sql`case when ${windowExpired} then 1 else ${signInThrottle.failures} + 1 end`;
  const [row] = await getDb()
    .insert(signInThrottle)
    .values({ key, failures: 1, lockedUntil: maxAttempts <= 1 ? sql`now() + make_interval(mins => ${lockMinutes})` : null })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: attempts,
        windowStartedAt: sql`case when ${windowExpired} then now() else ${signInThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${attempts} >= ${maxAttempts} then now() + make_interval(mins => ${lockMinutes}) else ${signInThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const count = row?.failures ?? 1;
  return { attempts: count, justLocked: count === maxAttempts };
}

/** Forgets a key's attempts and lock (a successful sign-in, a completed password reset). */
export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

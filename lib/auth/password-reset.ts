import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { RateLimitedError } from "@/core/errors";
import { log } from "@/core/log";
import { deliverOutboxSoon } from "@/lib/notifications/outbox";
import { queuePasswordResetMail } from "./account-mail";
import { countAttempt, lockedUntil, secondsUntil, type ThrottleRule } from "./throttle";
import { issueUserToken } from "./user-tokens";

/**
 * How often "forgot password" may be asked: per client address (a flood from one machine) and per e-mail
 * address (someone filling another person's mailbox). Every request counts, whether or not the address
 * has an account, so the limit itself tells nothing about accounts.
 */
export const RESET_REQUEST_POLICY = {
  perClient: { maxAttempts: 10, windowMinutes: 15, lockMinutes: 15 },
  perAddress: { maxAttempts: 3, windowMinutes: 60, lockMinutes: 60 },
} as const satisfies Record<string, ThrottleRule>;

export const resetClientKey = (clientId: string) => `reset-ip:${clientId}`;
export const resetAddressKey = (email: string) => `reset-email:${email.trim().toLowerCase()}`;

/**
 * "Forgot password": e-mails a one-time reset link (/set-password, 2 hours) to an active account that has a
 * password. Everyone else — no such account, a deactivated one, an SSO account without a password — gets
 * nothing, and the caller cannot tell the difference: this returns the same either way. A new link ends
 * the earlier live ones (issueUserToken).
 * @throws RateLimitedError when the client or the address asked too often.
 */
export async function requestPasswordReset(email: string, clientId: string): Promise<void> {
  const keys = [resetClientKey(clientId), resetAddressKey(email)] as const;
  const now = new Date();
  const until = await lockedUntil(keys, now);
  if (until) throw new RateLimitedError(secondsUntil(until, now));
  await countAttempt(keys[0], RESET_REQUEST_POLICY.perClient);
  await countAttempt(keys[1], RESET_REQUEST_POLICY.perAddress);

  const db = getDb();
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase())).limit(1);
  if (!user?.active || user.passwordHash === null) return;
  await db.transaction(async (tx) => {
    const { token, expiresAt } = await issueUserToken(tx, { userId: user.id, purpose: "reset_password", actor: SYSTEM_ACTOR, now });
    await queuePasswordResetMail(tx, user, token, expiresAt);
  });
  log("info", "auth.password_reset_requested", { userId: user.id });
  await deliverOutboxSoon();
}

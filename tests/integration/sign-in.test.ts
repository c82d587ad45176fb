import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { signInThrottle, users } from "@/db/schema";
import { accountKey, clientIdFrom, THROTTLE_POLICY, verifyCredentials } from "@/lib/auth/sign-in";
import { RateLimitedError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { createUser, FACTORY_PASSWORD } from "../support/factories";

describeEachDatabase("sign-in", ({ db }) => {
  it("accepts the right password, case-insensitively on the email, and records the sign-in", async () => {
    const user = await createUser(db());
    const result = await verifyCredentials(user.email.toUpperCase(), FACTORY_PASSWORD, "10.0.0.1");
    expect(result.ok && result.user.id).toBe(user.id);
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after?.lastSignInAt).toBeInstanceOf(Date);
  });

  it("gives an unknown user and a wrong password the same answer", async () => {
    const user = await createUser(db());
    const wrong = await verifyCredentials(user.email, "not the password", "10.0.0.2");
    const unknown = await verifyCredentials("nobody@example.test", FACTORY_PASSWORD, "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(unknown).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it("tells a disabled user (with the right password) that the account is disabled", async () => {
    const user = await createUser(db(), { active: false });
    expect(await verifyCredentials(user.email, FACTORY_PASSWORD, "10.0.0.3")).toEqual({ ok: false, reason: "account_disabled" });
  });

  it("locks an account after repeated failures, even for the right password, until the lock expires", async () => {
    const user = await createUser(db());
    for (let i = 0; i < THROTTLE_POLICY.maxFailuresPerAccount; i++) {
      expect((await verifyCredentials(user.email, `guess ${i}`, `10.1.0.${i}`)).ok).toBe(false);
    }
    const locked = verifyCredentials(user.email, FACTORY_PASSWORD, "10.1.1.1");
    await expect(locked).rejects.toBeInstanceOf(RateLimitedError);
    await expect(locked).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });

    // Once the lock has passed, the right password works again and clears the counter.
    await db().update(signInThrottle).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(signInThrottle.key, accountKey(user.email)));
    expect((await verifyCredentials(user.email, FACTORY_PASSWORD, "10.1.1.1")).ok).toBe(true);
    expect(await db().select().from(signInThrottle).where(eq(signInThrottle.key, accountKey(user.email)))).toEqual([]);
  });

  it("locks a client address that sprays many accounts", async () => {
    for (let i = 0; i < THROTTLE_POLICY.maxFailuresPerClient; i++) {
      await verifyCredentials(`spray${i}@example.test`, "x", "203.0.113.9");
    }
    const user = await createUser(db());
    await expect(verifyCredentials(user.email, FACTORY_PASSWORD, "203.0.113.9")).rejects.toBeInstanceOf(RateLimitedError);
    expect((await verifyCredentials(user.email, FACTORY_PASSWORD, "203.0.113.10")).ok).toBe(true);
  });

  it("counts a sprayer behind the load balancer by the address the balancer appended, whatever it forges before it", async () => {
    // The balancer appends the address it saw; everything before that came from the client.
    const forged = (i: number) => ({ "x-forwarded-for": `10.9.${i}.1, 198.51.100.77` });
    for (let i = 0; i < THROTTLE_POLICY.maxFailuresPerClient; i++) {
      await verifyCredentials(`forger${i}@example.test`, "x", clientIdFrom(forged(i)));
    }
    const user = await createUser(db());
    await expect(verifyCredentials(user.email, FACTORY_PASSWORD, clientIdFrom(forged(999)))).rejects.toBeInstanceOf(RateLimitedError);
    expect((await verifyCredentials(user.email, FACTORY_PASSWORD, clientIdFrom({ "x-forwarded-for": "198.51.100.78" }))).ok).toBe(true);
    expect(clientIdFrom({})).toBe("unknown");
  });
});

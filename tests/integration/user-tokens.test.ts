// One-time set-password links (lib/auth/user-tokens.ts): a link sets the password once, ends the account's
// sessions, and is refused when unknown, used or expired — each with its own reason, changing nothing.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users, userTokens } from "@/db/schema";
import type { Database } from "@/db/client";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { consumeUserToken, hashUserToken, inspectUserToken, issueUserToken, UserTokenError } from "@/lib/auth/user-tokens";
import { verifyPassword } from "@/lib/auth/passwords";
import { ConflictError, ValidationError } from "@/core/errors";
import { createUser } from "../support/factories";
import { describeEachDatabase } from "../support/databases";

const NEW_PASSWORD = "ลำน้ำ-new-password-2570";

/** A new account as setup or an invitation creates it: no password, never signed in. */
const newAccount = (db: Database) => createUser(db, { role: "admin", passwordHash: null });
const issue = (db: Database, userId: number, options: { now?: Date; ttlHours?: number } = {}) =>
  db.transaction((tx) => issueUserToken(tx, { userId, purpose: "set_password", actor: SYSTEM_ACTOR, ...options }));

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserTokenError);
  return (error as UserTokenError).problem;
}

describeEachDatabase("one-time set-password links", ({ db }) => {
  it("sets the password once, ends the account's open sessions, and the same link is then refused as used", async () => {
    const user = await newAccount(db());
    const { token, expiresAt } = await issue(db(), user.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
    // Only the hash is stored.
    const [stored] = await db().select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(stored!.tokenHash).toBe(hashUserToken(token));

    const result = await consumeUserToken({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(result.email).toBe(user.email);
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(NEW_PASSWORD, after!.passwordHash)).toBe(true);
    expect(after!.sessionVersion).toBe(user.sessionVersion + 1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, String(user.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.issue_token", "user.set_password"]));

    expect(await inspectUserToken(token)).toEqual({ status: "token_used" });
    expect(await refusal(consumeUserToken({ token, password: "another-password-123", confirm: "another-password-123" }))).toBe("token_used");
    const [unchanged] = await db().select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(NEW_PASSWORD, unchanged!.passwordHash)).toBe(true);
  });

  it("refuses an expired link and an unknown or malformed one, changing no password", async () => {
    const user = await newAccount(db());
    const issuedAt = new Date(Date.now() - 4 * 24 * 3_600_000);
    const { token } = await issue(db(), user.id, { now: issuedAt });
    expect(await inspectUserToken(token)).toEqual({ status: "token_expired" });
    expect(await refusal(consumeUserToken({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))).toBe("token_expired");
    // A well-formed token nobody issued, one letter changed, and rubbish.
    const wrong = (token[0] === "A" ? "B" : "A") + token.slice(1);
    for (const bad of [wrong, "not-a-token", "", "x".repeat(10_000)]) {
      expect(await refusal(consumeUserToken({ token: bad, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))).toBe("token_unknown");
    }
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after!.passwordHash).toBeNull();
    expect(after!.sessionVersion).toBe(user.sessionVersion);
  });

  it("checks the password (length, confirmation) without using up the link", async () => {
    const user = await newAccount(db());
    const { token } = await issue(db(), user.id);
    const error = await consumeUserToken({ token, password: "short", confirm: "different" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ password: ["password_too_short"], confirm: ["password_mismatch"] });
    expect((await inspectUserToken(token)).status).toBe("valid");
  });

  it("a new link ends the earlier one; a link goes only to a new account (an SSO or active password account gets none)", async () => {
    const user = await newAccount(db());
    const first = await issue(db(), user.id);
    const second = await issue(db(), user.id);
    expect(await inspectUserToken(first.token)).toEqual({ status: "token_used" });
    expect((await inspectUserToken(second.token)).status).toBe("valid");

    const withPassword = await createUser(db());
    await expect(issue(db(), withPassword.id)).rejects.toThrow(ConflictError);
    // An SSO account: no password, and it has signed in through the organisation.
    const sso = await createUser(db(), { passwordHash: null, lastSignInAt: new Date() });
    await expect(issue(db(), sso.id)).rejects.toThrow(ConflictError);
    await expect(db().transaction((tx) => issueUserToken(tx, { userId: sso.id, purpose: "reset_password", actor: SYSTEM_ACTOR }))).rejects.toThrow(ConflictError);
    // A forgotten password (issue 19) is for an account that has one.
    const reset = await db().transaction((tx) => issueUserToken(tx, { userId: withPassword.id, purpose: "reset_password", actor: SYSTEM_ACTOR }));
    expect((await inspectUserToken(reset.token)).status).toBe("valid");
  });

  it("a deactivated account's link does not work", async () => {
    const user = await newAccount(db());
    const { token } = await issue(db(), user.id);
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await refusal(consumeUserToken({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))).toBe("token_unknown");
  });
});

describe("token hashing", () => {
  it("is the hex SHA-256 of the token", () => {
    expect(hashUserToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

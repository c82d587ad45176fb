// Getting back into an account (issue 19): "forgot password" mails a one-time link to an account with a
// password and to nobody else, with the same answer either way, rate-limited per client and per address;
// five wrong passwords lock the account and tell its owner by e-mail; completing a reset lifts the lock;
// signing out revokes the token. E-mail goes through a real SMTP server on loopback.
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditLog, emailOutbox, signInThrottle, users, userTokens } from "@/db/schema";
import { requestPasswordReset, RESET_REQUEST_POLICY } from "@/lib/auth/password-reset";
import { accountKey, THROTTLE_POLICY, verifyCredentials } from "@/lib/auth/sign-in";
import { endSessions } from "@/lib/auth/sign-out";
import { consumeUserToken, UserTokenError } from "@/lib/auth/user-tokens";
import { deliverOutbox } from "@/lib/notifications/outbox";
import { RateLimitedError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { createUser, FACTORY_PASSWORD } from "../support/factories";
import { startMailCatcher, type CapturedMail } from "../support/mail";

const NEW_PASSWORD = "ลำน้ำ-reset-password-2570";
let client = 0;
/** A client address of its own per request group, so that per-client limits of one test do not reach another. */
const freshClient = () => `192.0.2.${++client}`;
const linkIn = (mail: CapturedMail) => /https?:\/\/\S+\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];

describeEachDatabase("account recovery", ({ db }) => {
  let catcher: Awaited<ReturnType<typeof startMailCatcher>>;
  beforeAll(async () => {
    catcher = await startMailCatcher();
  });
  afterAll(() => catcher.close());

  /** Delivers the outbox and returns what reached this address. */
  async function mailTo(address: string): Promise<CapturedMail[]> {
    await deliverOutbox({ smtpUrl: catcher.url, log: () => {} });
    return catcher.received.filter((m) => m.to.includes(address));
  }
  const counts = async (userId: number) => ({
    tokens: (await db().select().from(userTokens).where(eq(userTokens.userId, userId))).length,
    mails: (await db().select().from(emailOutbox).where(eq(emailOutbox.userId, userId))).length,
  });

  it("mails a reset link in the owner's language; the link sets the password once and ends older sessions", async () => {
    const user = await createUser(db(), { locale: "en" });
    await requestPasswordReset(user.email.toUpperCase(), freshClient());
    const [mail, ...more] = await mailTo(user.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("[Lamnam] Choose a new password");
    expect(mail!.text).toContain("it works once, until");
    const token = linkIn(mail!);
    expect(token).toBeDefined();

    // Once delivered, the stored copy no longer holds the link; the token itself is only ever stored hashed.
    const [stored] = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, user.id));
    expect(stored!.status).toBe("sent");
    expect(stored!.body).not.toContain(token);
    expect(stored!.body).toContain("the link was removed");
    expect(JSON.stringify(await db().select().from(userTokens).where(eq(userTokens.userId, user.id)))).not.toContain(token);

    await consumeUserToken({ token: token!, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after!.sessionVersion).toBe(user.sessionVersion + 1);
    expect((await verifyCredentials(user.email, NEW_PASSWORD, freshClient())).ok).toBe(true);
    const reused = await consumeUserToken({ token: token!, password: "another-long-password", confirm: "another-long-password" }).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(UserTokenError);
    expect((reused as UserTokenError).problem).toBe("token_used");
  });

  it("writes the Thai mail for a Thai account", async () => {
    const user = await createUser(db(), { locale: "th" });
    await requestPasswordReset(user.email, freshClient());
    const [mail] = await mailTo(user.email);
    expect(mail!.subject).toBe("[Lamnam] ลิงก์ตั้งรหัสผ่านใหม่");
    expect(mail!.text).toContain("ลิงก์ใช้ได้ครั้งเดียวถึง");
    expect(linkIn(mail!)).toBeDefined();
  });

  it("sends nothing, and answers the same, for an unknown address, an SSO account without a password and a deactivated account", async () => {
    const sso = await createUser(db(), { passwordHash: null, lastSignInAt: new Date() });
    const inactive = await createUser(db(), { active: false });
    const before = { sso: await counts(sso.id), inactive: await counts(inactive.id) };
    for (const email of ["nobody-here@example.test", sso.email, inactive.email]) {
      await expect(requestPasswordReset(email, freshClient())).resolves.toBeUndefined();
    }
    expect({ sso: await counts(sso.id), inactive: await counts(inactive.id) }).toEqual(before);
    expect(await mailTo("nobody-here@example.test")).toEqual([]);
    expect(await mailTo(sso.email)).toEqual([]);
  });

  it("limits requests per address (a mailbox is not flooded) and per client (a flood from one machine), known address or not", async () => {
    const user = await createUser(db());
    for (let i = 0; i < RESET_REQUEST_POLICY.perAddress.maxAttempts; i++) await requestPasswordReset(user.email, freshClient());
    await expect(requestPasswordReset(user.email, freshClient())).rejects.toBeInstanceOf(RateLimitedError);
    // Each new link ended the one before: only the last works.
    const live = await db().select().from(userTokens).where(and(eq(userTokens.userId, user.id), sql`${userTokens.usedAt} is null`));
    expect(live).toHaveLength(1);

    const flooder = freshClient();
    for (let i = 0; i < RESET_REQUEST_POLICY.perClient.maxAttempts; i++) await requestPasswordReset(`flood${i}@example.test`, flooder);
    const refused = await requestPasswordReset("flood-next@example.test", flooder).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("tells the owner once when wrong passwords lock the account; a completed reset lifts the lock", async () => {
    const user = await createUser(db(), { locale: "en" });
    for (let i = 0; i < THROTTLE_POLICY.maxFailuresPerAccount; i++) expect((await verifyCredentials(user.email, `guess ${i}`, freshClient())).ok).toBe(false);
    await expect(verifyCredentials(user.email, FACTORY_PASSWORD, freshClient())).rejects.toBeInstanceOf(RateLimitedError);

    const [notice, ...more] = await mailTo(user.email);
    expect(more).toEqual([]);
    expect(notice!.subject).toBe("[Lamnam] Your account is locked for a while after several wrong passwords");
    expect(notice!.text).toMatch(/locked until .+\n/);
    expect(notice!.text).toContain("/forgot-password");
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "auth.account_locked"), eq(auditLog.entityId, String(user.id))));
    expect(audit).toMatchObject({ actorId: null, actorLabel: "system" });

    // The owner asks for a link while locked out, chooses a new password, and is let in at once.
    await requestPasswordReset(user.email, freshClient());
    const token = linkIn((await mailTo(user.email)).at(-1)!);
    await consumeUserToken({ token: token!, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(await db().select().from(signInThrottle).where(eq(signInThrottle.key, accountKey(user.email)))).toEqual([]);
    expect((await verifyCredentials(user.email, NEW_PASSWORD, freshClient())).ok).toBe(true);
  });

  it("locking an address without an account, a deactivated one or an SSO-only one mails nobody", async () => {
    const inactive = await createUser(db(), { active: false });
    const sso = await createUser(db(), { passwordHash: null, lastSignInAt: new Date() });
    for (const email of ["ghost@example.test", inactive.email, sso.email]) {
      for (let i = 0; i < THROTTLE_POLICY.maxFailuresPerAccount; i++) await verifyCredentials(email, `guess ${i}`, freshClient());
      await expect(verifyCredentials(email, "anything", freshClient())).rejects.toBeInstanceOf(RateLimitedError);
      expect(await mailTo(email)).toEqual([]);
    }
  });

  it("signing out revokes the token: its session version no longer matches; an older token changes nothing", async () => {
    const user = await createUser(db());
    expect(await endSessions(user.id, user.sessionVersion)).toBe(true);
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after!.sessionVersion).toBe(user.sessionVersion + 1);
    // A second sign-out with the same (now revoked) token, e.g. from a copied cookie, is a no-op.
    expect(await endSessions(user.id, user.sessionVersion)).toBe(false);
    const [again] = await db().select().from(users).where(eq(users.id, user.id));
    expect(again!.sessionVersion).toBe(user.sessionVersion + 1);
    const entries = await db().select().from(auditLog).where(and(eq(auditLog.action, "auth.sign_out"), eq(auditLog.entityId, String(user.id)))).orderBy(desc(auditLog.id));
    expect(entries).toHaveLength(1);
  });
});

// Records the corpus points its bad inputs at, beyond those of the authorization matrix
// (tests/authz/fixtures.ts): indicators and form items of each value type, the flag rules, users.
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessmentItems, followUpCases, flagRules, indicators, signInThrottle, submissions, supportRequests, users } from "@/db/schema";
import type { Fixtures } from "../authz/matrix";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { requestPasswordReset, RESET_REQUEST_POLICY } from "@/lib/auth/password-reset";
import { consumeUserToken, issueUserToken } from "@/lib/auth/user-tokens";
import { issueApiToken } from "@/lib/api/tokens";
import { countAttempt } from "@/lib/auth/throttle";
import { createTokenFixtures, liveTokenExpiry } from "../authz/fixtures";

/** Fixtures that do not change while the corpus runs. Needs the demo data and the matrix's fixtures. */
export async function corpusFixtures(): Promise<Fixtures> {
  const db = getDb();
  const result: Fixtures = {};
  for (const type of ["number", "percent", "level", "boolean"] as const) {
    const [indicator] = await db.select({ code: indicators.code }).from(indicators).where(eq(indicators.valueType, type)).orderBy(asc(indicators.code)).limit(1);
    if (indicator) result[`indicator.${type}`] = indicator.code;
  }
  for (const rule of await db.select({ id: flagRules.id, code: flagRules.code }).from(flagRules)) result[`rule.${rule.code.replaceAll("-", "_")}`] = String(rule.id);
  for (const role of ["admin", "analyst", "executive"] as const) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.role, role)).limit(1);
    result[`user.${role}`] = String(user!.id);
  }
  Object.assign(result, await resetLinks());
  Object.assign(result, await apiTokenFixtures());
  // A flood of "forgot password" requests from the corpus's client (server actions see no address: "unknown").
  for (let i = 0; i < RESET_REQUEST_POLICY.perClient.maxAttempts; i++) await requestPasswordReset(`flood${i}@corpus.example`, "unknown");
  return result;
}

/** Reset links that no longer work, each for its own reason, on accounts of their own. */
async function resetLinks(): Promise<Fixtures> {
  const db = getDb();
  const account = async (name: string) =>
    (await db.insert(users).values({ email: `${name}@corpus.example`, name, role: "executive", passwordHash: "corpus-not-a-hash" }).returning({ id: users.id }))[0]!.id;
  const issue = (userId: number, now?: Date) => db.transaction((tx) => issueUserToken(tx, { userId, purpose: "reset_password", actor: SYSTEM_ACTOR, now }));
  const expired = await issue(await account("reset-expired"), new Date(Date.now() - 3 * 3_600_000));
  const used = await issue(await account("reset-used"));
  await consumeUserToken({ token: used.token, password: "a-long-enough-password", confirm: "a-long-enough-password" });
  const live = await issue(await account("reset-tampered"));
  // One character changed, and one cut off: neither is the link that was sent.
  const tampered = `${live.token.slice(0, -1)}${live.token.endsWith("A") ? "B" : "A"}`;
  return { "resetToken.expired": expired.token, "resetToken.used": used.token, "resetToken.tampered": tampered, "resetToken.truncated": live.token.slice(0, -1) };
}

/**
 * What accepted cases move on (versions), read again before every case; and the form items of the
 * matrix's draft submission by answer type ("item.number" → its id).
 */
export async function volatileFixtures(fixtures: Fixtures): Promise<Fixtures> {
  const db = getDb();
  const result: Fixtures = {};
  const [draft] = await db.select({ version: submissions.version, templateId: submissions.templateId }).from(submissions).where(eq(submissions.id, Number(fixtures.submission)));
  result.submissionVersion = String(draft!.version);
  const items = await db
    .select({ id: assessmentItems.id, answerType: assessmentItems.answerType })
    .from(assessmentItems)
    .where(and(eq(assessmentItems.templateId, draft!.templateId), eq(assessmentItems.active, true)))
    .orderBy(asc(assessmentItems.ordinal));
  for (const item of items) result[`item.${item.answerType}`] ??= String(item.id);
  const [kase] = await db.select({ version: followUpCases.version }).from(followUpCases).where(eq(followUpCases.id, Number(fixtures.case)));
  result.caseVersion = String(kase!.version);
  const [supportRequest] = await db.select({ version: supportRequests.version }).from(supportRequests).where(eq(supportRequests.id, Number(fixtures.supportRequest)));
  result.supportRequestVersion = String(supportRequest!.version);
  const versions = await db.execute<{ code: string; version: number }>(sql`select code, version from flag_rules`);
  for (const rule of versions.rows) result[`ruleVersion.${rule.code.replaceAll("-", "_")}`] = String(rule.version);
  return result;
}

/** The matrix's API tokens by subject ("apiToken.expired_token" …), and one whose rate of 1 a minute is used up. */
async function apiTokenFixtures(): Promise<Fixtures> {
  const secrets = await createTokenFixtures();
  const result: Fixtures = Object.fromEntries(Object.entries(secrets).map(([subject, secret]) => [`apiToken.${subject}`, secret]));
  const limited = await issueApiToken(SYSTEM_ACTOR, { name: "corpus rate", scope: "national", expiresOn: liveTokenExpiry(), rateLimitPerMinute: 1 });
  // Its one request of the minute is spent, in a window that does not end while the corpus runs.
  await countAttempt(`api-token:${limited.id}`, { maxAttempts: 2, windowMinutes: 1, lockMinutes: 1 });
  await getDb().update(signInThrottle).set({ windowStartedAt: new Date(Date.now() + 86_400_000) }).where(eq(signInThrottle.key, `api-token:${limited.id}`));
  result["apiToken.used_up"] = limited.secret;
  return result;
}

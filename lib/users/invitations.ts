import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { getDb, type Queryable } from "@/db/client";
import { findAgencyPlace, lockManagedUser, requireUserAdminScope } from "@/db/queries/user-admin";
import { emailOutbox, users, userTokens } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { USER_TOKEN_TTL_HOURS } from "@/core/auth/user-tokens";
import type { Locale } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { recordAudit, recordAuditMany } from "@/lib/audit/record";
import { hashUserToken } from "@/lib/auth/user-tokens";
import { isQueueActive, JOB_QUEUES, sendJob } from "@/lib/jobs/queue";
import { parse } from "@/lib/admin/service-guards";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { accountInput } from "./account-input";
import { checkPlacement } from "./placement";

// Invitations: an account without a password plus a one-time `invite` link (lib/auth/user-tokens.ts
// stores only its hash) e-mailed through the outbox, which the e-mail job delivers after the commit.

const MESSAGES = { th, en } as const;

function appUrl(): string {
  return process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000";
}

/** The invitation e-mail in the invitee's language. */
/** The invitation; its link stays in the stored copy only until delivery (bodyAfterDelivery), like a reset link. */
export function invitationEmail(locale: Locale, values: { name: string; inviter: string; link: string; days: number }) {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "team.mail" });
  const removed = createTranslator({ locale, messages: MESSAGES[locale], namespace: "accountMail.reset" })("linkRemoved");
  return { subject: `[Lamnam] ${t("subject")}`, body: t("body", values), bodyAfterDelivery: t("body", { ...values, link: removed }) };
}

interface Invitee {
  id: number;
  email: string;
  name: string;
  locale: Locale;
}

/**
 * Issues an invite link to each account and queues its e-mail, in the caller's transaction and in a few
 * statements (an upload invites thousands). Accounts that can no longer be invited — deactivated, with a
 * password, signed in, SSO — are skipped. Earlier live invite links of the same accounts end.
 */
export async function issueInvitations(tx: Queryable, actor: Actor, userIds: readonly number[], now = new Date()): Promise<number> {
  if (!userIds.length) return 0;
  const invitees: Invitee[] = await tx
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, [...userIds]), eq(users.active, true), eq(users.sso, false), isNull(users.passwordHash), isNull(users.lastSignInAt)));
  if (!invitees.length) return 0;
  const ids = invitees.map((u) => u.id);
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(inArray(userTokens.userId, ids), eq(userTokens.purpose, "invite"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)));
  const hours = USER_TOKEN_TTL_HOURS.invite;
  const expiresAt = new Date(now.getTime() + hours * 3_600_000);
  const links = invitees.map((u) => ({ user: u, token: randomBytes(32).toString("base64url") }));
  const createdBy = actor.id > 0 ? actor.id : null;
  for (let i = 0; i < links.length; i += CHUNK) {
    const chunk = links.slice(i, i + CHUNK);
    await tx.insert(userTokens).values(chunk.map(({ user, token }) => ({ userId: user.id, purpose: "invite" as const, tokenHash: hashUserToken(token), expiresAt, createdBy, createdAt: now })));
    await tx.insert(emailOutbox).values(
      chunk.map(({ user, token }) => {
        const link = new URL(`/set-password?token=${token}`, appUrl()).toString();
        const mail = invitationEmail(user.locale, { name: user.name, inviter: actor.name, link, days: hours / 24 });
        return { userId: user.id, toAddress: user.email, ...mail };
      }),
    );
  }
  await recordAuditMany(
    tx,
    actor,
    invitees.map((u) => ({ action: "user.issue_token", entityType: "user", entityId: u.id, after: { purpose: "invite", expiresAt: expiresAt.toISOString() } })),
  );
  return invitees.length;
}

/** Rows per insert: well under PostgreSQL's bind-parameter limit. */
const CHUNK = 1000;

/** Wakes the e-mail job so that what was just committed to the outbox goes out now, not at the next tick. */
async function nudgeEmail(): Promise<void> {
  if (isQueueActive()) await sendJob(JOB_QUEUES.emailDeliver, {}, { singletonKey: "now" });
}

/**
 * Invites one person: a new account (no password; SSO accounts never get one) in the actor's scope, its
 * invite link and e-mail, and the audit entry, in one transaction. An address that already has an
 * account is refused, whatever that account's state.
 */
export async function inviteUser(actor: Actor, input: unknown): Promise<{ id: number; invited: boolean }> {
  requireUserAdminScope(actor);
  const data = parse(accountInput, input);
  const result = await getDb().transaction(async (tx) => {
    const agency = data.agencyCode ? ((await findAgencyPlace(tx, { code: data.agencyCode })) ?? undefined) : null;
    const { placement, problems } = checkPlacement(actor, data, agency);
    // Scope refusals change nothing and say only "not yours to give"; other problems are the form's.
    if (problems.some((p) => p.scope)) throw new ForbiddenError();
    if (problems.length) throw new ValidationError(Object.fromEntries(problems.map((p) => [p.field, [p.reason]])));
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, data.email));
    if (existing) throw new ValidationError({ email: ["email_has_account"] });
    const [user] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, role: data.role, ...placement, locale: data.locale, sso: data.sso, managesUsers: data.managesUsers, passwordHash: null })
      .returning({ id: users.id });
    await recordAudit(tx, actor, { action: "user.invite", entityType: "user", entityId: user!.id, after: { email: data.email, role: data.role, ...placement, sso: data.sso, managesUsers: data.managesUsers } });
    const invited = data.sso ? 0 : await issueInvitations(tx, actor, [user!.id]);
    return { id: user!.id, invited: invited > 0 };
  });
  await nudgeEmail();
  return result;
}

/** A new link and e-mail for an account that has not yet accepted its invitation (the earlier link ends). */
export async function resendInvitation(actor: Actor, userId: number): Promise<void> {
  requireUserAdminScope(actor);
  await getDb().transaction(async (tx) => {
    const user = await lockManagedUser(tx, actor, userId);
    if (!user) throw new NotFoundError("user");
    if (user.sso) throw new ConflictError("sso_no_password");
    if (!user.active) throw new ConflictError("account_inactive");
    if (user.passwordHash !== null || user.lastSignInAt !== null) throw new ConflictError("invitation_accepted");
    await issueInvitations(tx, actor, [user.id]);
  });
  await nudgeEmail();
}

/**
 * After an upload commits: the new accounts' invitations, in the background when workers run (the job
 * issues them in chunks), else here and now (CLI, tests). The job skips accounts invited since it was
 * queued, so a retried job sends no second e-mail.
 */
export async function queueInvitations(actor: Actor, userIds: readonly number[]): Promise<void> {
  if (!userIds.length) return;
  if (!isQueueActive()) {
    await sendInvitations({ actorId: actor.id, userIds: [...userIds], queuedAt: new Date().toISOString() }, actor);
    return;
  }
  const queuedAt = new Date().toISOString();
  for (let i = 0; i < userIds.length; i += INVITE_JOB_SIZE) await sendJob(JOB_QUEUES.userInvite, { actorId: actor.id, userIds: userIds.slice(i, i + INVITE_JOB_SIZE), queuedAt });
}

const INVITE_JOB_SIZE = 2000;

export interface InvitationJob {
  actorId: number;
  userIds: number[];
  queuedAt: string;
}

/** The job's work: invitations for the accounts not invited since the job was queued. */
export async function sendInvitations(job: InvitationJob, actor: Actor): Promise<number> {
  const queuedAt = new Date(job.queuedAt);
  const sent = await getDb().transaction(async (tx) => {
    const already = await tx
      .select({ userId: userTokens.userId })
      .from(userTokens)
      .where(and(inArray(userTokens.userId, job.userIds), eq(userTokens.purpose, "invite"), gte(userTokens.createdAt, queuedAt)));
    const done = new Set(already.map((r) => r.userId));
    return issueInvitations(tx, actor, job.userIds.filter((id) => !done.has(id)));
  });
  await nudgeEmail();
  return sent;
}

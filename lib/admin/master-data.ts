import "server-only";
import { parse, require } from "./service-guards";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { agencies, periods, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { isAgencyRole, LOCALES, PERIOD_STATUSES, ROLES } from "@/core/enums";
import { ConflictError, NotFoundError, ValidationError } from "@/core/errors";
import { isIsoDate } from "@/core/fiscal/calendar";


export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "invalid_email" })),
  name: z.string().trim().min(1, { message: "required" }).max(200, { message: "too_long" }),
  role: z.enum(ROLES, { message: "required" }),
  agencyCode: z.string().trim().optional(),
  locale: z.enum(LOCALES).default("th"),
  password: z.string().min(MIN_PASSWORD_LENGTH, { message: "password_too_short" }),
});

/** Creates an account. Agency roles need an agency; the email is unique case-insensitively. */
export async function createUserAccount(actor: Actor, input: unknown) {
  require(actor, "admin.users");
  const data = parse(createUserInput, input);
  let agencyId: number | null = null;
  if (data.agencyCode) {
    const [agency] = await getDb().select().from(agencies).where(eq(agencies.code, data.agencyCode));
    if (!agency) throw new ValidationError({ agencyCode: ["unknown_agency"] });
    agencyId = agency.id;
  }
  if (isAgencyRole(data.role) && agencyId === null) throw new ValidationError({ agencyCode: ["required"] });
  const passwordHash = await hashPassword(data.password);
  return getDb().transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, data.email));
    if (existing) throw new ValidationError({ email: ["email_taken"] });
    const [user] = await tx.insert(users).values({ email: data.email, name: data.name, role: data.role, agencyId, locale: data.locale, passwordHash }).returning();
    await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user!.id, after: { email: user!.email, role: user!.role, agencyId } });
    return user!;
  });
}

/** Deactivating (or reactivating) bumps the session version: the user's open sessions end at once. */
export async function setUserActive(actor: Actor, userId: number, active: boolean) {
  require(actor, "admin.users");
  if (userId === actor.id && !active) throw new ConflictError("cannot_deactivate_self");
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new NotFoundError("user");
    const [after] = await tx
      .update(users)
      .set({ active, sessionVersion: before.sessionVersion + 1 })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(tx, actor, { action: active ? "user.activate" : "user.deactivate", entityType: "user", entityId: userId, before: { active: before.active }, after: { active } });
    return after!;
  });
}

export const changeUserRoleInput = z.object({
  role: z.enum(ROLES, { message: "required" }),
  agencyCode: z.string().trim().max(50, { message: "too_long" }).optional(),
});

/**
 * Moves a user to another role or agency. Agency roles need an agency; nobody changes their own role (an
 * administrator cannot lock themselves out, nor raise themselves). The user's open sessions end at once
 * (sessionVersion), so the new role applies from their next sign-in, never to a page already open.
 */
export async function changeUserRole(actor: Actor, userId: number, input: unknown) {
  require(actor, "admin.users");
  if (userId === actor.id) throw new ConflictError("cannot_change_own_role");
  const data = parse(changeUserRoleInput, input);
  return getDb().transaction(async (tx) => {
    let agencyId: number | null = null;
    if (data.agencyCode) {
      const [agency] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, data.agencyCode));
      if (!agency) throw new ValidationError({ agencyCode: ["unknown_agency"] });
      agencyId = agency.id;
    }
    if (isAgencyRole(data.role) && agencyId === null) throw new ValidationError({ agencyCode: ["agency_required"] });
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new NotFoundError("user");
    if (before.role === data.role && before.agencyId === agencyId) return before;
    const [after] = await tx
      .update(users)
      .set({ role: data.role, agencyId, sessionVersion: before.sessionVersion + 1 })
      .where(eq(users.id, userId))
      .returning();
    await recordAudit(tx, actor, { action: "user.change_role", entityType: "user", entityId: userId, before: { role: before.role, agencyId: before.agencyId }, after: { role: data.role, agencyId } });
    return after!;
  });
}

export async function resetUserPassword(actor: Actor, userId: number, password: string) {
  require(actor, "admin.users");
  if (password.length < MIN_PASSWORD_LENGTH) throw new ValidationError({ password: ["password_too_short"] });
  const passwordHash = await hashPassword(password);
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new NotFoundError("user");
    await tx.update(users).set({ passwordHash, sessionVersion: before.sessionVersion + 1 }).where(eq(users.id, userId));
    // The hash never enters the audit log; the fact of the reset does.
    await recordAudit(tx, actor, { action: "user.reset_password", entityType: "user", entityId: userId });
  });
}

export const updatePeriodInput = z.object({
  status: z.enum(PERIOD_STATUSES),
  dueOn: z.string().refine(isIsoDate, { message: "invalid_date" }),
});

/** Opens or closes a period and moves its deadline (lateness is judged against the deadline at submission). */
export async function updatePeriod(actor: Actor, periodId: number, input: unknown) {
  require(actor, "admin.master_data");
  const data = parse(updatePeriodInput, input);
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(periods).where(eq(periods.id, periodId)).for("update");
    if (!before) throw new NotFoundError("period");
    if (data.dueOn < before.endsOn) throw new ValidationError({ dueOn: ["due_before_end"] });
    const [after] = await tx.update(periods).set(data).where(eq(periods.id, periodId)).returning();
    await recordAudit(tx, actor, { action: "period.update", entityType: "period", entityId: periodId, before: { status: before.status, dueOn: before.dueOn }, after: data });
    return after!;
  });
}

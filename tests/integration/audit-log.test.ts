import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, notifications, users } from "@/db/schema";
import { listAuditEntries } from "@/db/queries/audit";
import { recordAudit } from "@/lib/audit/record";
import { markAllNotificationsRead } from "@/lib/notifications/read-state";
import { saveLocalePreference } from "@/lib/users/preferences";
import { ForbiddenError, ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("audit log", ({ db }) => {
  it("records who changed what, without password hashes", async () => {
    const admin = await createUser(db(), { role: "admin" });
    await recordAudit(db(), actorOf(admin), {
      action: "user.update",
      entityType: "user",
      entityId: 42,
      before: { name: "เดิม", passwordHash: "$2b$secret" },
      after: { name: "ใหม่" },
    });
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.entityId, "42"));
    expect(entry?.actorLabel).toBe(admin.email);
    expect(entry?.before).toEqual({ name: "เดิม", passwordHash: "[redacted]" });
    expect(entry?.after).toEqual({ name: "ใหม่" });
  });

  it("cannot be rewritten or erased, even by direct SQL", async () => {
    // drizzle wraps the database error; the trigger's message is its cause.
    const appendOnly = { cause: expect.objectContaining({ message: expect.stringMatching(/audit_log is append-only/) }) };
    await expect(db().update(auditLog).set({ action: "tampered" })).rejects.toMatchObject(appendOnly);
    await expect(db().delete(auditLog)).rejects.toMatchObject(appendOnly);
    const rows = await db().select().from(auditLog);
    expect(rows.every((r) => r.action !== "tampered")).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("is readable and filterable by admins only", async () => {
    const admin = await createUser(db(), { role: "admin" });
    const agency = await createAgency(db());
    const officer = await createUser(db(), { role: "agency_officer", agencyId: agency.id });
    await recordAudit(db(), actorOf(admin), { action: "agency.create", entityType: "agency", entityId: agency.id });
    const filtered = await listAuditEntries(actorOf(admin), { entityType: "agency" });
    expect(filtered.rows.map((r) => r.action)).toEqual(["agency.create"]);
    expect(filtered.total).toBe(1);
    await expect(listAuditEntries(actorOf(officer, agency.code))).rejects.toBeInstanceOf(ForbiddenError);
    const analyst = await createUser(db(), { role: "analyst" });
    await expect(listAuditEntries(actorOf(analyst))).rejects.toBeInstanceOf(ForbiddenError);
  });

  const entriesFor = (action: string, userId: number) =>
    db().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(userId))));

  it("saves a language switch to the profile with its audit entry, and nothing when it is unchanged", async () => {
    const user = await createUser(db(), { role: "executive" });
    expect(await saveLocalePreference(actorOf(user), "en")).toBe(true);
    expect((await db().select({ locale: users.locale }).from(users).where(eq(users.id, user.id)))[0]?.locale).toBe("en");
    const [entry] = await entriesFor("user.set_locale", user.id);
    expect(entry).toMatchObject({ actorLabel: user.email, entityType: "user", before: { locale: "th" }, after: { locale: "en" } });
    expect(await saveLocalePreference(actorOf(user), "en")).toBe(false);
    expect(await entriesFor("user.set_locale", user.id)).toHaveLength(1);
    await expect(saveLocalePreference(actorOf(user), "fr")).rejects.toBeInstanceOf(ValidationError);
  });

  it("marks only the caller's own notifications read, with one audit entry per change", async () => {
    const [reader, other] = [await createUser(db()), await createUser(db())];
    const notice = (userId: number) => ({ userId, kind: "reminder_due_soon" as const, payload: {} });
    await db().insert(notifications).values([notice(reader.id), notice(reader.id), notice(other.id)]);
    expect(await markAllNotificationsRead(actorOf(reader))).toBe(2);
    const unread = (userId: number) => db().select().from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
    expect(await unread(reader.id)).toHaveLength(0);
    expect(await unread(other.id)).toHaveLength(1);
    const [entry] = await entriesFor("notification.mark_all_read", reader.id);
    expect(entry).toMatchObject({ actorLabel: reader.email, entityType: "user", after: { count: 2 } });
    expect(await markAllNotificationsRead(actorOf(reader))).toBe(0);
    expect(await entriesFor("notification.mark_all_read", reader.id)).toHaveLength(1);
  });
});

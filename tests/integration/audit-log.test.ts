import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { listAuditEntries } from "@/db/queries/audit";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError } from "@/core/errors";
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
});

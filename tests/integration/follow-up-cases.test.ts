import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, caseEvents, flagRules, flags, periods } from "@/db/schema";
import { openCase, respondToCase, updateCase } from "@/lib/flags/cases";
import { ConflictError, ForbiddenError, NotFoundError } from "@/core/errors";
import type { Actor } from "@/core/auth/actor";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("follow-up cases", ({ db }) => {
  let analyst: Actor, executive: Actor, officer: Actor, head: Actor, strangerOfficer: Actor;
  let flagId: number;

  beforeAll(async () => {
    const agency = await createAgency(db());
    const other = await createAgency(db());
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    executive = actorOf(await createUser(db(), { role: "executive" }));
    officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id }), agency.code);
    head = actorOf(await createUser(db(), { role: "agency_head", agencyId: agency.id }), agency.code);
    strangerOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: other.id }), other.code);
    const [rule] = await db().select().from(flagRules).where(eq(flagRules.code, "KPI-BELOW-TARGET"));
    const [period] = await db().select().from(periods).where(eq(periods.code, "2570Q1"));
    const [flag] = await db()
      .insert(flags)
      .values({ ruleId: rule!.id, ruleVersion: 1, agencyId: agency.id, periodId: period!.id, subjectType: "indicator", subjectKey: "indicator:UP-01", severity: "medium", evidence: { reason: "indicator_below_target" } })
      .returning();
    flagId = flag!.id;
  });

  it("only analysts and admins open cases", async () => {
    for (const actor of [executive, officer, head]) {
      await expect(openCase(actor, { flagIds: [flagId] })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("runs a case from open to in progress to resolved, with the agency's response in between", async () => {
    const kase = await openCase(analyst, { flagIds: [flagId], assigneeId: analyst.id, dueOn: "2027-01-31", plannedActions: "ประชุมติดตามกับหน่วยงาน" });
    expect(kase).toMatchObject({ status: "open", version: 1, assigneeId: analyst.id });

    const started = await updateCase(analyst, { caseId: kase.id, version: 1, status: "in_progress" });
    await respondToCase(officer, { caseId: kase.id, explanation: "ระบบล่าช้าเนื่องจากการจัดซื้อ จะแล้วเสร็จภายในไตรมาสหน้า", plannedBy: "2027-03-31" });
    // Resolving needs to say what was done.
    await expect(updateCase(analyst, { caseId: kase.id, version: started.version, status: "resolved" })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "resolution_required" })] });
    const resolved = await updateCase(analyst, { caseId: kase.id, version: started.version, status: "resolved", resolution: "หน่วยงานดำเนินการตามแผนแล้ว" });
    expect(resolved).toMatchObject({ status: "resolved", resolution: "หน่วยงานดำเนินการตามแผนแล้ว", version: 3 });

    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, kase.id)).orderBy(caseEvents.id);
    expect(events.map((e) => e.kind)).toEqual(["created", "assigned", "status_changed", "agency_response", "status_changed"]);
    expect(events[3]).toMatchObject({ actorId: officer.id, plannedBy: "2027-03-31" });
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityType, "follow_up_case"));
    expect(audits.map((a) => a.action)).toEqual(["case.open", "case.update", "case.respond", "case.update"]);

    // A closed case takes no more responses.
    await expect(respondToCase(head, { caseId: kase.id, explanation: "เพิ่มเติม" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("requires a reason to waive, and detects a stale edit instead of overwriting", async () => {
    const kase = await openCase(analyst, { flagIds: [flagId] });
    await expect(updateCase(analyst, { caseId: kase.id, version: 1, status: "waived" })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: "waiver_reason_required" })] });
    await updateCase(analyst, { caseId: kase.id, version: 1, note: "first analyst" });
    await expect(updateCase(analyst, { caseId: kase.id, version: 1, status: "waived", resolution: "ยกเว้นเนื่องจากโครงการยุติ" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("hides a case from another agency's officer and refuses their response", async () => {
    const kase = await openCase(analyst, { flagIds: [flagId] });
    await expect(respondToCase(strangerOfficer, { caseId: kase.id, explanation: "ไม่ใช่หน่วยงานของฉัน" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(respondToCase(analyst, { caseId: kase.id, explanation: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const events = await db().select().from(caseEvents).where(eq(caseEvents.caseId, kase.id));
    expect(events.map((e) => e.kind)).toEqual(["created"]);
  });

  it("refuses to assign a case to an agency officer", async () => {
    await expect(openCase(analyst, { flagIds: [flagId], assigneeId: officer.id })).rejects.toMatchObject({ fieldErrors: { assigneeId: ["invalid_assignee"] } });
  });
}, { seeded: true });

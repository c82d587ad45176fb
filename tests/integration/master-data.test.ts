import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, periods, users } from "@/db/schema";
import { changeUserRole, createUserAccount, resetUserPassword, setUserActive, updatePeriod } from "@/lib/admin/master-data";
import { verifyPassword } from "@/lib/auth/passwords";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("master data administration", ({ db }) => {
  it("lets only admins create accounts, validates every field and audits without the password", async () => {
    const agency = await createAgency(db());
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    for (const role of ["analyst", "executive"] as const) {
      await expect(createUserAccount(actorOf(await createUser(db(), { role })), {})).rejects.toBeInstanceOf(ForbiddenError);
    }
    const officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id }), agency.code);
    await expect(createUserAccount(officer, {})).rejects.toBeInstanceOf(ForbiddenError);

    const error = await createUserAccount(admin, { email: "nope", name: "", role: "agency_officer", password: "short" }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toMatchObject({ email: ["invalid_email"], name: ["required"], password: ["password_too_short"] });
    await expect(createUserAccount(admin, { email: "new@example.test", name: "ใหม่", role: "agency_officer", password: "long-enough-pw" })).rejects.toMatchObject({ fieldErrors: { agencyCode: ["required"] } });

    const user = await createUserAccount(admin, { email: "New.Officer@Example.test", name: "เจ้าหน้าที่ใหม่", role: "agency_officer", agencyCode: agency.code, password: "long-enough-pw" });
    expect(user).toMatchObject({ email: "new.officer@example.test", agencyId: agency.id });
    await expect(createUserAccount(admin, { email: "NEW.officer@example.test", name: "x", role: "analyst", password: "long-enough-pw" })).rejects.toMatchObject({ fieldErrors: { email: ["email_taken"] } });
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(JSON.stringify(entry)).not.toContain("long-enough-pw");
  });

  it("ends a user's sessions on deactivation and password reset, and refuses self-deactivation", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const target = await createUser(db(), { role: "analyst" });
    await setUserActive(admin, target.id, false);
    let [row] = await db().select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ active: false, sessionVersion: target.sessionVersion + 1 });
    await resetUserPassword(admin, target.id, "brand-new-password");
    [row] = await db().select().from(users).where(eq(users.id, target.id));
    expect(row!.sessionVersion).toBe(target.sessionVersion + 2);
    expect(await verifyPassword("brand-new-password", row!.passwordHash)).toBe(true);
    await expect(setUserActive(admin, admin.id, false)).rejects.toBeInstanceOf(ConflictError);
    await expect(setUserActive(actorOf(await createUser(db(), { role: "analyst" })), target.id, true)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("changes a user's role or agency: sessions end, audited; agency roles need an agency; never one's own; admin only", async () => {
    const agency = await createAgency(db());
    const other = await createAgency(db());
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const target = await createUser(db(), { role: "agency_officer", agencyId: agency.id });

    const moved = await changeUserRole(admin, target.id, { role: "agency_head", agencyCode: other.code });
    expect(moved).toMatchObject({ role: "agency_head", agencyId: other.id, sessionVersion: target.sessionVersion + 1 });
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "user.change_role"));
    expect(entry).toMatchObject({ entityId: String(target.id), before: { role: "agency_officer", agencyId: agency.id }, after: { role: "agency_head", agencyId: other.id } });
    // To a DGA-wide role, without an agency.
    expect(await changeUserRole(admin, target.id, { role: "analyst" })).toMatchObject({ role: "analyst", agencyId: null, sessionVersion: target.sessionVersion + 2 });

    // Refused, and nothing changed.
    await expect(changeUserRole(admin, target.id, { role: "agency_officer" })).rejects.toMatchObject({ fieldErrors: { agencyCode: ["agency_required"] } });
    await expect(changeUserRole(admin, target.id, { role: "agency_officer", agencyCode: "NO-SUCH" })).rejects.toMatchObject({ fieldErrors: { agencyCode: ["unknown_agency"] } });
    await expect(changeUserRole(admin, target.id, { role: "superuser" })).rejects.toMatchObject({ fieldErrors: { role: ["required"] } });
    await expect(changeUserRole(admin, admin.id, { role: "analyst" })).rejects.toMatchObject({ code: "cannot_change_own_role" });
    await expect(changeUserRole(actorOf(await createUser(db(), { role: "analyst" })), target.id, { role: "admin" })).rejects.toBeInstanceOf(ForbiddenError);
    const [row] = await db().select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ role: "analyst", agencyId: null, sessionVersion: target.sessionVersion + 2 });
  });

  it("opens and closes periods and moves deadlines, admin only", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const [period] = await db().insert(periods).values({ code: "2601Q1", fiscalYear: 2601, quarter: 1, startsOn: "2057-10-01", endsOn: "2057-12-31", dueOn: "2058-01-15" }).returning();
    await expect(updatePeriod(actorOf(await createUser(db(), { role: "analyst" })), period!.id, { status: "closed", dueOn: "2058-01-20" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updatePeriod(admin, period!.id, { status: "closed", dueOn: "2057-12-01" })).rejects.toMatchObject({ fieldErrors: { dueOn: ["due_before_end"] } });
    expect(await updatePeriod(admin, period!.id, { status: "closed", dueOn: "2058-01-20" })).toMatchObject({ status: "closed", dueOn: "2058-01-20" });
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, "period.update"));
    expect(entries.at(-1)!.before).toEqual({ status: "open", dueOn: "2058-01-15" });
  });
});

describeEachDatabase("assessment templates administration", ({ db }) => {
  it("lets admins and analysts add items and toggle them, audited; others are refused", async () => {
    const { createAssessmentWorld } = await import("../support/assessment-fixtures");
    const { addTemplateItem, updateTemplateItem } = await import("@/lib/admin/templates");
    const { listTemplateItems } = await import("@/db/queries/assessment-items");
    const w = await createAssessmentWorld(db());
    // Changes go into the form of a quarter not yet open.
    const [upcoming] = await db().insert(periods).values({ code: "2650Q1", fiscalYear: 2650, quarter: 1, startsOn: "2106-10-01", endsOn: "2106-12-31", dueOn: "2107-01-15" }).returning();
    const fromPeriod = upcoming!.code;
    for (const actor of [w.actors.officer, w.actors.head, w.actors.executive]) {
      await expect(addTemplateItem(actor, { kind: "question", componentCode: w.component.code, fromPeriod, questionTh: "x", answerType: "text" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(addTemplateItem(w.actors.analyst, { kind: "question", componentCode: w.component.code, fromPeriod, questionTh: "", answerType: "text" })).rejects.toMatchObject({ fieldErrors: { questionTh: ["required"] } });
    await expect(addTemplateItem(w.actors.analyst, { kind: "indicator", componentCode: w.component.code, fromPeriod, indicatorCode: w.indicator.code })).rejects.toMatchObject({ fieldErrors: { indicatorCode: ["already_in_template"] } });
    const item = await addTemplateItem(w.actors.analyst, { kind: "question", componentCode: w.component.code, fromPeriod, questionTh: "มีคู่มือการใช้งานหรือไม่", answerType: "boolean", required: false });
    expect(item).toMatchObject({ kind: "question", answerType: "boolean", required: false, code: `${w.component.code}.q4` });
    expect((await listTemplateItems(db(), item.templateId, upcoming!.id, w.agency.id)).map((i) => i.code)).toContain(item.code);
    await updateTemplateItem(w.actors.admin, item.id, { fromPeriod, active: false });
    expect((await listTemplateItems(db(), item.templateId, upcoming!.id, w.agency.id)).map((i) => i.code)).not.toContain(item.code);
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityType, "assessment_template"));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(["template.add_item", "template.update_item"]));
  });
});

describeEachDatabase("agency administration", ({ db }) => {
  it("creates, tags and deactivates agencies, which changes who is expected to submit", async () => {
    const { createAssessmentWorld } = await import("../support/assessment-fixtures");
    const { saveAgency, setAgencyActive, setAgencyComponent } = await import("@/lib/admin/agencies");
    const { getCompleteness } = await import("@/db/queries/completeness");
    const w = await createAssessmentWorld(db());
    const expected = async () => (await getCompleteness(w.actors.analyst, w.period.code, "2026-11-01")).total.expected;
    const start = await expected();

    await expect(saveAgency(w.actors.analyst, {})).rejects.toBeInstanceOf(ForbiddenError);
    const invalid = await saveAgency(w.actors.admin, { code: "a b", nameTh: "", nameEn: "x", type: "department" }).catch((e: unknown) => e);
    expect((invalid as ValidationError).fieldErrors).toMatchObject({ code: ["invalid_code"], nameTh: ["required"] });
    const created = await saveAgency(w.actors.admin, { code: "09001", nameTh: "กรมทดสอบใหม่", nameEn: "New Test Department", type: "department", parentCode: "" });
    expect(created).toMatchObject({ code: "09001", parentId: null, abbrTh: null });
    await expect(saveAgency(w.actors.admin, { code: "09001", nameTh: "ซ้ำ", nameEn: "dup", type: "department" })).rejects.toMatchObject({ fieldErrors: { code: ["code_taken"] } });

    await setAgencyComponent(w.actors.admin, created.id, { componentCode: w.component.code, dgaRole: "leader" });
    expect(await expected()).toBe(start + 1);
    await setAgencyActive(w.actors.admin, created.id, false);
    expect(await expected()).toBe(start);
    await setAgencyActive(w.actors.admin, created.id, true);
    await setAgencyComponent(w.actors.admin, created.id, { componentCode: w.component.code, dgaRole: "none" });
    expect(await expected()).toBe(start);
    const actions = (await db().select().from(auditLog).where(eq(auditLog.entityType, "agency"))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["agency.create", "agency.tag_component", "agency.deactivate", "agency.activate"]));
  });
});

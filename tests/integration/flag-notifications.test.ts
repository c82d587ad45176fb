import { and, ne, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agencyComponents, emailOutbox, flags, followUpCases, indicatorFacts, indicators, notifications, periods, targets, type Agency } from "@/db/schema";
import { SYSTEM_ACTOR, type Actor } from "@/core/auth/actor";
import { openCase, updateCase } from "@/lib/flags/cases";
import { notifyOverdueCases } from "@/lib/flags/notices";
import { refreshDashboardRollups } from "@/lib/facts/derive/rollups";
import { recomputeFlags } from "@/lib/flags/recompute";
import { renderNotification } from "@/lib/notifications/notify";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("lagging notifications", ({ db }) => {
  // Flags judge the dashboards' scored figures: refresh them after changing facts, as afterFactsChanged does.
  const recompute = async (periodId: number, options?: { asOf?: string }) => {
    await refreshDashboardRollups(db(), { periodIds: [periodId] });
    return recomputeFlags(SYSTEM_ACTOR, periodId, options);
  };
  let periodId: number;
  let agency: Agency;
  let factId: number;
  let officer: Actor, head: Actor, inactiveOfficer: Actor, strangerOfficer: Actor, analyst: Actor, colleague: Actor, third: Actor;

  let indicatorNameTh: string, indicatorNameEn: string;

  beforeAll(async () => {
    const [period] = await db().select().from(periods).where(eq(periods.code, "2569Q4"));
    periodId = period!.id;
    const [indicator] = await db().select().from(indicators).where(and(eq(indicators.direction, "higher"), ne(indicators.aggregation, "sum"))).limit(1);
    indicatorNameTh = indicator!.nameTh;
    indicatorNameEn = indicator!.nameEn;
    await db().update(targets).set({ value: "80" }).where(and(eq(targets.indicatorId, indicator!.id), eq(targets.periodId, periodId)));
    agency = await createAgency(db(), { nameTh: "กรมทดสอบการแจ้งเตือน", nameEn: "Department of Notice Tests" });
    const other = await createAgency(db());
    // It owes the indicator (contributes to its component): only owed figures are judged.
    await db().insert(agencyComponents).values({ agencyId: agency.id, componentId: indicator!.componentId, dgaRole: "doer" });
    officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id, locale: "th" }), agency.code);
    head = actorOf(await createUser(db(), { role: "agency_head", agencyId: agency.id, locale: "en" }), agency.code);
    inactiveOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id, active: false }), agency.code);
    strangerOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: other.id }), other.code);
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    colleague = actorOf(await createUser(db(), { role: "analyst" }));
    third = actorOf(await createUser(db(), { role: "admin" }));
    const [fact] = await db()
      .insert(indicatorFacts)
      .values({ indicatorId: indicator!.id, agencyId: agency.id, periodId, value: "50", source: "self_assessment", state: "approved", sourceId: 1 })
      .returning();
    factId = fact!.id;
  });

  const noticesOf = async (actor: Actor, kind: "flag_opened" | "case_assigned" | "case_overdue") =>
    db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, actor.id), eq(notifications.kind, kind)))
      .orderBy(notifications.id);

  it("tells the agency's officers and head once when a flag opens, in their language, with an email each", async () => {
    const summary = await recompute(periodId);
    expect(summary.openedFlagIds.length).toBeGreaterThanOrEqual(1);
    const [toOfficer] = await noticesOf(officer, "flag_opened");
    const [toHead] = await noticesOf(head, "flag_opened");
    expect(await noticesOf(officer, "flag_opened")).toHaveLength(1);
    expect(await noticesOf(head, "flag_opened")).toHaveLength(1);
    expect(toOfficer!.payload).toMatchObject({ period: "2569Q4", agency: "กรมทดสอบการแจ้งเตือน", count: 1, path: `/lagging/${agency.code}?period=2569Q4` });
    // The finding is named: the rule and the indicator it is about, not a generic "below target".
    expect(toOfficer!.payload.items).toBe(`ผลตัวชี้วัดต่ำกว่าเป้าหมาย: ${indicatorNameTh} (ระดับปานกลาง)`);
    // Nobody outside the agency, and no inactive account, hears of it.
    expect(await noticesOf(strangerOfficer, "flag_opened")).toEqual([]);
    expect(await noticesOf(inactiveOfficer, "flag_opened")).toEqual([]);
    expect(await noticesOf(analyst, "flag_opened")).toEqual([]);

    const mails = await db().select().from(emailOutbox).where(inArray(emailOutbox.notificationId, [toOfficer!.id, toHead!.id])).orderBy(emailOutbox.id);
    expect(mails.map((m) => [m.toAddress, m.status])).toEqual([
      [officer.email, "pending"],
      [head.email, "pending"],
    ]);
    expect(mails[0]!.subject).toBe("[Lamnam] พบประเด็นล่าช้า 1 ข้อของกรมทดสอบการแจ้งเตือน ไตรมาส 4/2569");
    expect(mails[1]!.subject).toBe("[Lamnam] 1 lagging flag for Department of Notice Tests in Q4/2569");
    expect(mails[1]!.body).toContain(`A lagging flag opened for Department of Notice Tests in Q4/2569: Indicator below target: ${indicatorNameEn} (Medium).`);
    expect(mails[1]!.body).toContain(`/lagging/${agency.code}?period=2569Q4`);
  });

  it("tells each person once per evaluation, listing every finding that opened with what it is about", async () => {
    // Two indicators of one component below their targets at once: one notice naming both, not two identical ones.
    const [first] = await db()
      .select()
      .from(indicators)
      .where(and(eq(indicators.direction, "higher"), ne(indicators.aggregation, "sum"), ne(indicators.aggregation, "latest"), eq(indicators.valueType, "number")))
      .limit(1);
    const [second] = await db()
      .select()
      .from(indicators)
      .where(and(eq(indicators.componentId, first!.componentId), eq(indicators.direction, "higher"), ne(indicators.id, first!.id), ne(indicators.aggregation, "latest"), inArray(indicators.valueType, ["number", "percent"])))
      .limit(1);
    const lagging = await createAgency(db());
    await db().insert(agencyComponents).values({ agencyId: lagging.id, componentId: first!.componentId, dgaRole: "doer" });
    const reader = actorOf(await createUser(db(), { role: "agency_officer", agencyId: lagging.id, locale: "th" }), lagging.code);
    for (const indicator of [first!, second!]) {
      await db().insert(targets).values({ indicatorId: indicator.id, periodId, agencyId: lagging.id, value: "100" });
      await db().insert(indicatorFacts).values({ indicatorId: indicator.id, agencyId: lagging.id, periodId, value: "10", source: "self_assessment", state: "approved" });
    }
    await recompute(periodId);
    const notices = await noticesOf(reader, "flag_opened");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toMatchObject({ count: 2 });
    const { title, body } = renderNotification("th", "flag_opened", notices[0]!.payload);
    expect(title).toBe(`พบประเด็นล่าช้า 2 ข้อของ${lagging.nameTh} ไตรมาส 4/2569`);
    expect(body).toContain(first!.nameTh);
    expect(body).toContain(second!.nameTh);
  });

  it("sends nothing when an evaluation is repeated on unchanged data", async () => {
    const summary = await recompute(periodId);
    expect(summary.openedFlagIds).toEqual([]);
    expect(await noticesOf(officer, "flag_opened")).toHaveLength(1);
    expect(await noticesOf(head, "flag_opened")).toHaveLength(1);
  });

  it("treats a flag that recovered and came back as opening again", async () => {
    await db().update(indicatorFacts).set({ value: "79" }).where(eq(indicatorFacts.id, factId));
    expect((await recompute(periodId)).recovered).toBeGreaterThanOrEqual(1);
    expect(await noticesOf(officer, "flag_opened")).toHaveLength(1);
    await db().update(indicatorFacts).set({ value: "40" }).where(eq(indicatorFacts.id, factId));
    expect((await recompute(periodId)).reopened).toBeGreaterThanOrEqual(1);
    expect(await noticesOf(officer, "flag_opened")).toHaveLength(2);
    expect(await noticesOf(head, "flag_opened")).toHaveLength(2);
    await recompute(periodId);
    expect(await noticesOf(officer, "flag_opened")).toHaveLength(2);
  });

  it("tells the assignee of a case, not the analyst who assigns themselves", async () => {
    const [flag] = await db().select().from(flags).where(and(eq(flags.agencyId, agency.id), eq(flags.periodId, periodId), eq(flags.status, "open")));
    const own = await openCase(analyst, { flagIds: [flag!.id], assigneeId: analyst.id, dueOn: "2027-01-31" });
    expect(await noticesOf(analyst, "case_assigned")).toEqual([]);

    const kase = await openCase(analyst, { flagIds: [flag!.id], assigneeId: colleague.id, dueOn: "2027-01-31" });
    const [assigned] = await noticesOf(colleague, "case_assigned");
    expect(assigned!.payload).toMatchObject({ caseId: kase.id, agency: "กรมทดสอบการแจ้งเตือน", period: "2569Q4", path: `/cases/${kase.id}` });
    expect(renderNotification("th", "case_assigned", assigned!.payload).body).toBe(`คุณได้รับมอบหมายให้ติดตามเรื่องที่ ${kase.id} ของกรมทดสอบการแจ้งเตือน ไตรมาส 4/2569 กำหนดแล้วเสร็จ 31 ม.ค. 2570`);
    expect(renderNotification("en", "case_assigned", assigned!.payload).body).toBe(`You are now responsible for follow-up case ${kase.id} of Department of Notice Tests in Q4/2569, due 31 Jan 2027.`);

    // Handing it on tells the new assignee; saving without a change tells nobody again.
    const moved = await updateCase(analyst, { caseId: kase.id, version: kase.version, assigneeId: third.id });
    await updateCase(analyst, { caseId: kase.id, version: moved.version, note: "ติดตามทางโทรศัพท์" });
    expect(await noticesOf(third, "case_assigned")).toHaveLength(1);
    expect(await noticesOf(colleague, "case_assigned")).toHaveLength(1);
    await updateCase(analyst, { caseId: own.id, version: own.version, status: "resolved", resolution: "ซ้ำกับเรื่องอื่น" });
  });

  it("tells the assignee and the agency once when a case passes its due date; a new due date is a new deadline", async () => {
    await notifyOverdueCases("2027-01-31");
    expect(await noticesOf(third, "case_overdue")).toEqual([]);

    const first = await notifyOverdueCases("2027-02-01");
    expect(first.overdue).toBeGreaterThanOrEqual(1);
    for (const actor of [third, officer, head]) expect(await noticesOf(actor, "case_overdue")).toHaveLength(1);
    // The resolved case (also due 31 Jan) and other agencies stay silent.
    expect(await noticesOf(analyst, "case_overdue")).toEqual([]);
    expect(await noticesOf(strangerOfficer, "case_overdue")).toEqual([]);
    expect(await noticesOf(inactiveOfficer, "case_overdue")).toEqual([]);
    const [toHead] = await noticesOf(head, "case_overdue");
    expect(renderNotification("en", "case_overdue", toHead!.payload).body).toMatch(/^Follow-up case \d+ of Department of Notice Tests in Q4\/2569 is not settled; it is 1 days past its due date \(31 Jan 2027\)\.$/);

    // Daily runs after that add nothing.
    const again = await notifyOverdueCases("2027-02-02");
    expect(again.notifications).toBe(0);
    for (const actor of [third, officer, head]) expect(await noticesOf(actor, "case_overdue")).toHaveLength(1);

    const caseId = Number(toHead!.payload.caseId);
    const [current] = await db().select().from(followUpCases).where(eq(followUpCases.id, caseId));
    await updateCase(analyst, { caseId, version: current!.version, dueOn: "2027-02-15" });
    expect((await notifyOverdueCases("2027-02-10")).notifications).toBe(0);
    expect((await notifyOverdueCases("2027-02-16")).notifications).toBe(3);
  });
}, { seeded: true });

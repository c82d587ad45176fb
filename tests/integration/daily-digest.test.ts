import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { ZodError } from "zod";
import { emailOutbox, notifications, users } from "@/db/schema";
import { sendNotices, type Notice } from "@/lib/notifications/notify";
import { runDailyDigest } from "@/lib/notifications/digest";
import { getPreferences, savePreferences } from "@/lib/notifications/preferences";
import type { Actor } from "@/core/auth/actor";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("notification preferences and the daily digest", ({ db }) => {
  let thaiDaily: Actor, englishDefault: Actor, englishDaily: Actor, inactiveDaily: Actor;

  beforeAll(async () => {
    const agency = await createAgency(db());
    thaiDaily = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id, locale: "th" }), agency.code);
    englishDefault = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id, locale: "en" }), agency.code);
    englishDaily = actorOf(await createUser(db(), { role: "agency_head", agencyId: agency.id, locale: "en" }), agency.code);
    const inactive = await createUser(db(), { role: "agency_officer", agencyId: agency.id, locale: "en" });
    inactiveDaily = actorOf(inactive, agency.code);
    await savePreferences(thaiDaily, { new_flags: "off", cases_due: "immediate", returned_forms: "immediate", support_answers: "daily" });
    await savePreferences(englishDaily, { new_flags: "daily", cases_due: "daily", returned_forms: "daily", support_answers: "daily" });
    await savePreferences(inactiveDaily, { new_flags: "daily", cases_due: "daily", returned_forms: "daily", support_answers: "daily" });
  });

  const notices = (userId: number, tag: string): Notice[] => [
    { userId, kind: "support_request_answered", payload: { agency: "กรมทดสอบ", component: "ต้นน้ำ", componentEn: "Upstream", unit: "ฝ่ายสนับสนุน", unitEn: "Agency Support", answer: `คำตอบ ${tag}` }, path: "/agencies/X#asks", dedupeKey: `s-${tag}` },
    { userId, kind: "flag_opened", payload: { count: 2, agency: "กรมทดสอบ", agencyEn: "Test Department", period: "2570Q1", items: "ตัวชี้วัด", itemsEn: "an indicator" }, dedupeKey: `f-${tag}` },
    { userId, kind: "reminder_due_soon", payload: { period: "2570Q1", agency: "กรมทดสอบ", component: "ต้นน้ำ", componentEn: "Upstream", dueOn: "15 ม.ค. 2570", days: 3 }, dedupeKey: `r-${tag}` },
  ];
  const mailsOf = (actor: Actor) => db().select().from(emailOutbox).where(eq(emailOutbox.userId, actor.id)).orderBy(emailOutbox.id);

  it("refuses preference values that are not a mode, and a missing group", async () => {
    await expect(savePreferences(thaiDaily, { new_flags: "hourly", cases_due: "daily", returned_forms: "daily", support_answers: "daily" })).rejects.toBeInstanceOf(ZodError);
    await expect(savePreferences(thaiDaily, { new_flags: "daily" })).rejects.toBeInstanceOf(ZodError);
    expect(await getPreferences(thaiDaily.id)).toEqual({ new_flags: "off", cases_due: "immediate", returned_forms: "immediate", support_answers: "daily" });
    expect(await getPreferences(englishDefault.id)).toEqual({ new_flags: "immediate", cases_due: "immediate", returned_forms: "immediate", support_answers: "immediate" });
  });

  it("e-mails at once what is immediate, holds what is daily, sends nothing for what is off; the in-app list keeps all", async () => {
    await db().transaction((tx) => sendNotices(tx, [...notices(thaiDaily.id, "a"), ...notices(englishDefault.id, "a"), ...notices(englishDaily.id, "a")]));
    // The Thai officer: the reminder (never held) at once; the answer waits for the digest; flags: no e-mail.
    expect((await mailsOf(thaiDaily)).map((m) => m.subject)).toEqual([expect.stringContaining("ใกล้ครบกำหนด")]);
    expect(await db().select().from(notifications).where(eq(notifications.userId, thaiDaily.id))).toHaveLength(3);
    expect(await mailsOf(englishDefault)).toHaveLength(3);
    expect(await mailsOf(englishDaily)).toHaveLength(1);
  });

  it("sends one digest per user, in their language, with exactly what they chose daily, once", async () => {
    await db().update(users).set({ active: false }).where(eq(users.id, inactiveDaily.id));
    await db().transaction((tx) => sendNotices(tx, notices(inactiveDaily.id, "b")));
    const before = new Set((await db().select({ id: emailOutbox.id }).from(emailOutbox)).map((m) => m.id));
    const summary = await runDailyDigest({ today: "2026-12-05" });
    expect(summary).toEqual({ users: 2, notices: 3 });
    const digests = (await db().select().from(emailOutbox)).filter((m) => !before.has(m.id));
    const thai = digests.find((m) => m.userId === thaiDaily.id)!;
    expect(thai.subject).toBe("[Lamnam] สรุปรายวันของคุณ 5 ธ.ค. 2569: 1 รายการ");
    expect(thai.body).toContain("สพร. ตอบคำขอการสนับสนุนแล้ว");
    expect(thai.body).toContain("คำตอบ a");
    expect(thai.body).not.toContain("สัญญาณ");
    const english = digests.find((m) => m.userId === englishDaily.id)!;
    expect(english.subject).toBe("[Lamnam] Your daily digest of 5 Dec 2026: 2 notices");
    expect(english.body).toContain("DGA answered your support request");
    expect(english.body).toMatch(/flag/i);
    expect(english.body).not.toContain("due soon");
    expect(digests.filter((m) => m.userId === englishDefault.id || m.userId === inactiveDaily.id)).toHaveLength(0);
    expect(await db().select().from(notifications).where(and(eq(notifications.digestPending, true)))).toHaveLength(0);
    expect(await runDailyDigest({ today: "2026-12-05" })).toEqual({ users: 0, notices: 0 });
  });
});

import { and, eq, inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, notifications, periods } from "@/db/schema";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { deliverOutbox, MAX_EMAIL_ATTEMPTS } from "@/lib/notifications/outbox";
import { reminderStage, runReminders } from "@/lib/notifications/reminders";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";

describe("reminder stages", () => {
  it.each([
    ["2027-01-01", null],
    ["2027-01-08", "due_soon"],
    ["2027-01-14", "due_soon"],
    ["2027-01-15", "due_today"],
    ["2027-01-16", "overdue"],
  ])("on %s the stage is %s (due 15 Jan)", (today, stage) => {
    expect(reminderStage(today, "2027-01-15")?.stage ?? null).toBe(stage);
  });
  it("repeats overdue reminders weekly, not daily", () => {
    expect(reminderStage("2027-01-16", "2027-01-15")!.round).toBe(reminderStage("2027-01-22", "2027-01-15")!.round);
    expect(reminderStage("2027-01-23", "2027-01-15")!.round).not.toBe(reminderStage("2027-01-22", "2027-01-15")!.round);
  });
});

describeEachDatabase("reminders and email", ({ db }) => {
  const received: { to: string[]; data: string }[] = [];
  let server: SMTPServer;
  let port = 0;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
        stream.on("end", () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reminds only agencies that have not submitted, escalates after the deadline, and is idempotent", async () => {
    // Other open periods from earlier suites would add reminders; this world's period is the only open one.
    await db().update(periods).set({ status: "closed" });
    const w = await createAssessmentWorld(db(), { dueOn: "2027-01-15" });
    // The other agency submits; the agency does not.
    const other = await saveSubmission(w.actors.otherHead, { agencyId: w.otherAgency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "endorse" });
    await transitionSubmission(w.actors.otherOfficer, { submissionId: other.submissionId, action: "submit", version: other.version });
    const mine = (kind: string) =>
      db()
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, kind as never), inArray(notifications.userId, Object.values(w.actors).map((a) => a.id))));

    await runReminders("2027-01-10");
    const soon = await mine("reminder_due_soon");
    expect(soon.map((n) => n.userId).sort()).toEqual([w.actors.officer.id, w.actors.officer2.id].sort());
    await runReminders("2027-01-11");
    expect(await mine("reminder_due_soon")).toHaveLength(2);

    await runReminders("2027-01-15");
    expect((await mine("reminder_due_today")).map((n) => n.userId).sort()).toEqual([w.actors.officer.id, w.actors.officer2.id, w.actors.head.id].sort());

    const summary = await runReminders("2027-01-20");
    expect(summary.missing).toBe(1);
    const overdue = await mine("reminder_overdue");
    // No analyst has reviewed this agency yet, so every analyst gets the weekly digest (one, not one per form).
    expect(overdue.map((n) => n.userId)).toEqual(expect.arrayContaining([w.actors.officer.id, w.actors.head.id]));
    const [digest] = await mine("reminder_overdue_digest");
    expect(digest).toMatchObject({ userId: w.actors.analyst.id, payload: { count: 1, period: w.period.code } });
    expect(overdue.map((n) => n.userId)).not.toContain(w.actors.otherOfficer.id);
    expect(overdue[0]!.payload).toMatchObject({ period: w.period.code, days: 5 });
  });

  it("delivers queued email through SMTP, or logs it when SMTP_URL is unset", async () => {
    const w = await createAssessmentWorld(db());
    await db().insert(emailOutbox).values({ userId: w.actors.officer.id, toAddress: w.actors.officer.email, subject: "[Lamnam] ทดสอบ", body: "เนื้อหาภาษาไทย" });
    const result = await deliverOutbox({ smtpUrl: `smtp://127.0.0.1:${port}`, log: () => {} });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBe(0);
    const mail = received.find((m) => m.to.includes(w.actors.officer.email));
    expect(mail?.data).toMatch(/Subject: =\?UTF-8\?/i);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, w.actors.officer.email));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });

    await db().insert(emailOutbox).values({ toAddress: "nobody@example.test", subject: "s", body: "b" });
    const lines: string[] = [];
    const logged = await deliverOutbox({ smtpUrl: "", log: (l) => lines.push(l) });
    expect(logged.logged).toBe(1);
    expect(lines.join("\n")).toContain("nobody@example.test");
  });

  it("keeps a refused message pending, retries it later with a doubling wait, and gives up after the last attempt", async () => {
    await db().insert(emailOutbox).values({ toAddress: "bounce@example.test", subject: "s", body: "b" });
    const refused = () => deliverOutbox({ smtpUrl: "smtp://127.0.0.1:1", log: () => {} });
    const row = async () => (await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "bounce@example.test")))[0]!;

    expect((await refused()).failed).toBe(1);
    const first = await row();
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    const firstWait = first.nextAttemptAt!.getTime() - Date.now();
    expect(firstWait).toBeGreaterThan(20_000);
    // Not due yet: a run right away leaves it alone.
    expect((await refused()).failed).toBe(0);

    for (let attempt = 2; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await db().update(emailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(emailOutbox.toAddress, "bounce@example.test"));
      await refused();
      const current = await row();
      expect(current.attempts).toBe(attempt);
      if (attempt === 2) expect(current.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(firstWait * 1.5);
    }
    expect(await row()).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS, nextAttemptAt: null });
    expect((await row()).lastError).toBeTruthy();
  });
});

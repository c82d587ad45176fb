import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { ZodError } from "zod";
import { askTags, asks, dgaUnits, emailOutbox, notifications, submissions, supportRequests } from "@/db/schema";
import { countAsks, listAsks } from "@/db/queries/asks";
import { confirmAskTags, routeSupportRequest, updateSupportRequest } from "@/lib/asks/support-requests";
import { DEFAULT_ASK_TAGS } from "@/core/asks/tags";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { DGA_UNITS } from "@/lib/reference/data/dga-units";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld, type AssessmentWorld } from "../support/assessment-fixtures";
import { actorOf, createUser } from "../support/factories";

describeEachDatabase("what agencies ask DGA for: asks, tags and support requests", ({ db }) => {
  let world: AssessmentWorld;
  let sent: number;
  let draft: number;
  let otherSent: number;

  beforeAll(async () => {
    await db().insert(askTags).values(DEFAULT_ASK_TAGS.map((t, i) => ({ ...t, keywords: [...t.keywords], ordinal: i })));
    await db().insert(dgaUnits).values([...DGA_UNITS]);
    world = await createAssessmentWorld(db());
    const base = { periodId: world.period.id, componentId: world.component.id, templateId: world.template.id };
    const [a] = await db()
      .insert(submissions)
      .values({ ...base, agencyId: world.agency.id, status: "submitted", firstSubmittedAt: new Date(), problemsText: "บุคลากรด้านดิจิทัลไม่เพียงพอ", supportText: "ขอคำปรึกษาด้านมาตรฐานการเชื่อมโยงข้อมูล" })
      .returning();
    const [b] = await db()
      .insert(submissions)
      .values({ ...base, agencyId: world.otherAgency.id, status: "approved", firstSubmittedAt: new Date(), supportText: "ขอสนับสนุนงบประมาณ" })
      .returning();
    sent = a!.id;
    otherSent = b!.id;
    // A draft is the agency's own: what it writes there reaches DGA only once sent.
    const world2 = await createAssessmentWorld(db());
    const [c] = await db()
      .insert(submissions)
      .values({ agencyId: world.agency.id, periodId: world.period.id, componentId: world2.component.id, templateId: world2.template.id, status: "draft", supportText: "ร่างที่ยังไม่ส่ง" })
      .returning();
    draft = c!.id;
  });

  const period = () => ({ periodIds: [world.period.id] });

  it("lists the texts of sent submissions only, and an officer only their own agency's whatever they ask for", async () => {
    const all = await listAsks(world.actors.analyst, period(), { limit: 50, offset: 0 });
    expect(all.rows.map((r) => [r.agencyCode, r.source, r.text])).toEqual(
      expect.arrayContaining([
        [world.agency.code, "submission_problems", "บุคลากรด้านดิจิทัลไม่เพียงพอ"],
        [world.agency.code, "submission_support", "ขอคำปรึกษาด้านมาตรฐานการเชื่อมโยงข้อมูล"],
        [world.otherAgency.code, "submission_support", "ขอสนับสนุนงบประมาณ"],
      ]),
    );
    expect(all.total).toBe(3);
    expect(all.rows.some((r) => r.sourceId === draft)).toBe(false);
    const own = await listAsks(world.actors.officer, { ...period(), agencyId: world.otherAgency.id }, { limit: 50, offset: 0 });
    expect(new Set(own.rows.map((r) => r.agencyCode))).toEqual(new Set([world.agency.code]));
    expect(own.total).toBe(2);
    const reviewer = actorOf(await createUser(db(), { role: "province_reviewer", province: "เชียงใหม่" }));
    await expect(listAsks(reviewer, period(), { limit: 50, offset: 0 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses an unknown tag and saves nothing; confirmed tags are counted", async () => {
    await expect(confirmAskTags(world.actors.analyst, { source: "submission_support", sourceId: sent, tags: ["standards", "astrology"] })).rejects.toMatchObject({ fieldErrors: { tags: ["unknown_tag"] } });
    expect(await db().select().from(asks)).toHaveLength(0);
    await expect(confirmAskTags(world.actors.analyst, { source: "submission_support", sourceId: sent, tags: [] })).rejects.toBeInstanceOf(ZodError);
    await expect(confirmAskTags(world.actors.officer, { source: "submission_support", sourceId: sent, tags: ["standards"] })).rejects.toBeInstanceOf(ForbiddenError);
    // A draft's text is no ask: not found, as if it did not exist.
    await expect(confirmAskTags(world.actors.analyst, { source: "submission_support", sourceId: draft, tags: ["standards"] })).rejects.toBeInstanceOf(NotFoundError);
    await confirmAskTags(world.actors.analyst, { source: "submission_support", sourceId: sent, tags: ["standards", "data_sharing"] });
    const counts = await countAsks(world.actors.analyst, period());
    expect(counts.total).toMatchObject({ asks: 3, routed: 0, answered: 0 });
    expect(counts.unconfirmed).toBe(2);
    expect(Object.fromEntries(counts.byTag.map((t) => [t.code, t.asks]))).toMatchObject({ standards: 1, data_sharing: 1, budget: 0 });
    expect(counts.byComponent).toEqual([expect.objectContaining({ code: world.component.code, asks: 3 })]);
    expect(counts.byMinistry.reduce((n, m) => n + m.asks, 0)).toBe(3);
  });

  it("routes, moves and answers a request; the asking agency's officers read the answer and are notified in their language", async () => {
    await expect(routeSupportRequest(world.actors.analyst, { source: "submission_support", sourceId: sent, unitCode: "no_such_unit" })).rejects.toMatchObject({ fieldErrors: { unitCode: ["unknown_unit"] } });
    const routed = await routeSupportRequest(world.actors.analyst, { source: "submission_support", sourceId: sent, unitCode: "policy_standards" });
    expect(routed.status).toBe("received");
    const update = (status: string, version: number, answer?: string) => updateSupportRequest(world.actors.analyst, { requestId: routed.id, version, status, answer });
    await expect(update("received", 1)).rejects.toMatchObject({ fieldErrors: { status: ["invalid_transition"] } });
    await expect(update("answered", 1, "   ")).rejects.toMatchObject({ fieldErrors: { answer: ["answer_required"] } });
    await expect(update("closed", 1)).rejects.toBeInstanceOf(ZodError);
    const moving = await update("in_progress", 1);
    expect(moving.status).toBe("in_progress");
    await expect(update("answered", 1, "ตอบ")).rejects.toMatchObject({ code: "stale_version" });
    await expect(updateSupportRequest(world.actors.officer, { requestId: routed.id, version: 2, status: "answered", answer: "เอง" })).rejects.toBeInstanceOf(ForbiddenError);
    const answered = await update("answered", 2, "ใช้มาตรฐานข้อมูลภาครัฐ (DGA Standard) และนัดประชุมหารือ");
    expect(answered.status).toBe("answered");
    await expect(update("in_progress", 3)).rejects.toBeInstanceOf(ValidationError);
    await expect(routeSupportRequest(world.actors.analyst, { source: "submission_support", sourceId: sent, unitCode: "academy" })).rejects.toBeInstanceOf(ConflictError);

    const mine = await listAsks(world.actors.officer, period(), { limit: 50, offset: 0 });
    const asked = mine.rows.find((r) => r.source === "submission_support")!;
    expect(asked.request).toMatchObject({ status: "answered", unitCode: "policy_standards", answer: "ใช้มาตรฐานข้อมูลภาครัฐ (DGA Standard) และนัดประชุมหารือ" });
    expect(asked.confirmedTags).toEqual(["data_sharing", "standards"]);
    // The officer and the head are told; nobody of the other agency.
    for (const actor of [world.actors.officer, world.actors.head]) {
      const [notice] = await db().select().from(notifications).where(and(eq(notifications.userId, actor.id), eq(notifications.kind, "support_request_answered")));
      expect(notice?.payload).toMatchObject({ answer: "ใช้มาตรฐานข้อมูลภาครัฐ (DGA Standard) และนัดประชุมหารือ", path: `/agencies/${world.agency.code}#asks` });
      const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.notificationId, notice!.id));
      expect(mail?.subject).toContain("สพร. ตอบคำขอการสนับสนุนแล้ว");
    }
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, world.actors.otherOfficer.id), eq(notifications.kind, "support_request_answered")))).toHaveLength(0);
    const counts = await countAsks(world.actors.executive, period());
    expect(counts.total).toMatchObject({ asks: 3, routed: 1, answered: 1 });
    const queue = await listAsks(world.actors.analyst, { ...period(), unitCode: "policy_standards" }, { limit: 50, offset: 0 });
    expect(queue.rows.map((r) => r.sourceId)).toEqual([sent]);
    expect(await db().select().from(supportRequests)).toHaveLength(1);
    expect(queue.rows.some((r) => r.sourceId === otherSent)).toBe(false);
  });
});

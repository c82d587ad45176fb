// Review levels (issue 19): officer → head endorses → submit → the ministry's (or province's) reviewer
// verifies → DGA approves; returns at each level; scoping by the hierarchy, server-side. PGlite and PostgreSQL.
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { agencies, agencyComponents, indicatorFacts, notifications, reviewChains, reviewComments, submissions } from "@/db/schema";
import type { Database } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import type { SubmissionAction } from "@/core/assessments/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "@/core/errors";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { updateReviewChain } from "@/lib/assessments/review-chains";
import { getSubmissionForm } from "@/db/queries/submissions";
import { listHoldingScopes, listLevelQueue } from "@/db/queries/review-levels";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { actorOf, createAgency, createUser } from "../support/factories";

/** The assessment world's agency placed under a ministry (two levels down: ministry → department → agency), with reviewers. */
async function ministryWorld(db: Database) {
  const w = await createAssessmentWorld(db);
  const ministry = await createAgency(db, { type: "ministry" });
  const department = await createAgency(db, { type: "department", parentId: ministry.id });
  await db.update(agencies).set({ type: "public_organization", parentId: department.id }).where(eq(agencies.id, w.agency.id));
  const otherMinistry = await createAgency(db, { type: "ministry" });
  const reviewer = actorOf(await createUser(db, { role: "ministry_reviewer", agencyId: ministry.id }), ministry.code);
  const otherReviewer = actorOf(await createUser(db, { role: "ministry_reviewer", agencyId: otherMinistry.id }), otherMinistry.code);
  const provinceReviewer = actorOf(await createUser(db, { role: "province_reviewer", province: "ลำปาง" }));
  let version = 0;
  let submissionId = 0;
  const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
  const save = async (actor: Actor, intent: "save" | "endorse" | "resubmit", fields = w.complete) => {
    const saved = await saveSubmission(actor, { ...base, version, fields, intent });
    version = saved.version;
    submissionId = saved.submissionId;
    return saved;
  };
  const step = async (actor: Actor, action: Exclude<SubmissionAction, "save">, extra: Partial<Parameters<typeof transitionSubmission>[1]> = {}) => {
    const updated = await transitionSubmission(actor, { submissionId, action, version, ...extra });
    version = updated.version;
    return updated;
  };
  const row = async () => (await db.select().from(submissions).where(eq(submissions.id, submissionId)))[0]!;
  const notified = async (actor: Actor) => db.select().from(notifications).where(and(eq(notifications.userId, actor.id), eq(notifications.kind, "submission_review_needed")));
  /** Up to "submitted": saved, endorsed, sent. */
  const submit = async () => {
    await save(w.actors.officer, "save");
    await step(w.actors.head, "endorse");
    return step(w.actors.officer, "submit");
  };
  return { w, ministry, otherMinistry, reviewer, otherReviewer, provinceReviewer, save, step, row, notified, submit, version: () => version };
}

describeEachDatabase("review levels", ({ db }) => {
  it("goes officer → head → ministry reviewer → DGA, and DGA approves only what the ministry verified", async () => {
    const m = await ministryWorld(db());
    const submitted = await m.submit();
    expect(submitted.status).toBe("submitted");
    // The ministry's reviewer is told; the other ministry's is not.
    expect(await m.notified(m.reviewer)).toHaveLength(1);
    expect(await m.notified(m.otherReviewer)).toHaveLength(0);

    // DGA cannot act before the ministry; nothing changes.
    await expect(m.step(m.w.actors.analyst, "approve")).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(m.step(m.w.actors.analyst, "return", { reason: "ตรวจ" })).rejects.toBeInstanceOf(ConflictError);
    // Out of scope: another ministry's reviewer, a provincial reviewer, an agency: "not found", nothing changes.
    await expect(m.step(m.otherReviewer, "verify")).rejects.toBeInstanceOf(NotFoundError);
    await expect(m.step(m.provinceReviewer, "verify")).rejects.toBeInstanceOf(NotFoundError);
    await expect(m.step(m.w.actors.head, "verify")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await m.row()).toMatchObject({ status: "submitted", version: submitted.version });
    await expect(getSubmissionForm(m.otherReviewer, m.w.agency.code, m.w.period.code, m.w.component.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getSubmissionForm(m.reviewer, m.w.agency.code, m.w.period.code, m.w.component.code)).resolves.toMatchObject({ review: { level: "ministry" } });

    // The reviewer's queue holds it; the other reviewer's does not; DGA's "waiting" view does not yet.
    expect((await listLevelQueue(m.reviewer)).rows.map((r) => r.id)).toEqual([submitted.id]);
    expect((await listLevelQueue(m.otherReviewer)).rows).toEqual([]);
    expect((await listLevelQueue(m.w.actors.analyst)).rows.map((r) => r.id)).not.toContain(submitted.id);
    expect(await listHoldingScopes(m.w.actors.analyst)).toContainEqual(expect.objectContaining({ level: "ministry", key: m.ministry.code, waiting: 1 }));

    const verified = await m.step(m.reviewer, "verify");
    expect(verified.status).toBe("verified");
    expect((await listLevelQueue(m.reviewer)).rows).toEqual([]);
    expect((await listLevelQueue(m.w.actors.analyst)).rows.map((r) => r.id)).toContain(submitted.id);
    // The reviewer cannot approve, nor verify twice.
    await expect(m.step(m.reviewer, "approve")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(m.step(m.reviewer, "verify")).rejects.toMatchObject({ code: "invalid_transition" });

    const approved = await m.step(m.w.actors.analyst, "approve");
    expect(approved.status).toBe("approved");
    const facts = await db().select().from(indicatorFacts).where(and(eq(indicatorFacts.agencyId, m.w.agency.id), eq(indicatorFacts.periodId, m.w.period.id)));
    expect(facts.map((f) => f.state)).toEqual(["approved"]);
  });

  it("returns at each level: the ministry to the officer with a field comment; DGA to the officer, or back to the ministry as the chain says", async () => {
    const m = await ministryWorld(db());
    await m.submit();
    // The ministry returns with a comment on one field.
    const returned = await m.step(m.reviewer, "return", { comments: [{ itemId: m.w.items.i1.id, field: null, reason: "incorrect_value", comment: "ตัวเลขไม่ตรงกับรายงาน" }] });
    expect(returned.status).toBe("returned");
    const [comment] = await db().select().from(reviewComments).where(eq(reviewComments.submissionId, returned.id));
    expect(comment).toMatchObject({ itemId: m.w.items.i1.id, authorId: m.reviewer.id, resolvedAt: null });
    // The officer fixes and resends: up to the ministry again, the comment answered.
    const resent = await m.save(m.w.actors.officer, "resubmit", { ...m.w.complete, [`value.${m.w.items.i1.id}`]: "13" });
    expect(resent.status).toBe("submitted");
    expect(await db().select().from(reviewComments).where(and(eq(reviewComments.submissionId, returned.id), isNull(reviewComments.resolvedAt)))).toHaveLength(0);
    expect(await m.notified(m.reviewer)).toHaveLength(2);
    await m.step(m.reviewer, "verify");

    // DGA returns: the default chain sends it to the officer.
    expect((await m.step(m.w.actors.analyst, "return", { reason: "โปรดแนบหลักฐาน" })).status).toBe("returned");
    await m.save(m.w.actors.officer, "resubmit");
    await m.step(m.reviewer, "verify");

    // Chain changed to "back one level": DGA's return goes to the ministry, which is told and may return it on.
    await expect(updateReviewChain(m.w.actors.analyst, { agencyType: "public_organization", intermediate: "ministry", dgaReturnTo: "previous_level" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().select().from(reviewChains).where(eq(reviewChains.agencyType, "public_organization"))).toHaveLength(0);
    await updateReviewChain(m.w.actors.admin, { agencyType: "public_organization", intermediate: "ministry", dgaReturnTo: "previous_level" });
    try {
      const back = await m.step(m.w.actors.analyst, "return", { comments: [{ itemId: null, field: "progress", reason: "unclear_narrative", comment: "อธิบายเพิ่ม" }] });
      expect(back.status).toBe("submitted");
      expect(await m.notified(m.reviewer)).toHaveLength(4);
      expect((await m.step(m.reviewer, "return", { reason: "ตามความเห็น สพร." })).status).toBe("returned");
    } finally {
      await db().delete(reviewChains).where(eq(reviewChains.agencyType, "public_organization"));
    }
  });

  it("sends a ministry's agency straight to DGA while the ministry has no active reviewer", async () => {
    const m = await ministryWorld(db());
    const { users } = await import("@/db/schema");
    await db().update(users).set({ active: false }).where(eq(users.id, m.reviewer.id));
    const submitted = await m.submit();
    expect(await m.notified(m.reviewer)).toHaveLength(0);
    expect(await listHoldingScopes(m.w.actors.analyst)).not.toContainEqual(expect.objectContaining({ key: m.ministry.code }));
    expect((await m.step(m.w.actors.analyst, "approve")).status).toBe("approved");
    expect(submitted.status).toBe("submitted");
  });

  it("lets a provincial reviewer act on their province's local administrations only", async () => {
    const w = await createAssessmentWorld(db());
    await db().update(agencies).set({ type: "local_administration", province: "น่าน" }).where(eq(agencies.id, w.agency.id));
    const reviewer = actorOf(await createUser(db(), { role: "province_reviewer", province: "น่าน" }));
    const elsewhere = actorOf(await createUser(db(), { role: "province_reviewer", province: "แพร่" }));
    const ministryReviewer = actorOf(await createUser(db(), { role: "ministry_reviewer", agencyId: (await createAgency(db(), { type: "ministry" })).id }));
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    let s = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: w.complete, intent: "save" });
    const id = s.submissionId;
    let version = (await transitionSubmission(w.actors.head, { submissionId: id, action: "endorse", version: s.version })).version;
    version = (await transitionSubmission(w.actors.officer, { submissionId: id, action: "submit", version })).version;
    for (const outsider of [elsewhere, ministryReviewer]) {
      await expect(transitionSubmission(outsider, { submissionId: id, action: "verify", version })).rejects.toBeInstanceOf(NotFoundError);
      await expect(getSubmissionForm(outsider, w.agency.code, w.period.code, w.component.code)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await listLevelQueue(elsewhere)).rows).toEqual([]);
    expect((await listLevelQueue(reviewer)).rows.map((r) => r.id)).toEqual([id]);
    expect(await listHoldingScopes(w.actors.analyst)).toContainEqual(expect.objectContaining({ level: "province", key: "น่าน", waiting: 1 }));
    const verified = await transitionSubmission(reviewer, { submissionId: id, action: "verify", version });
    expect(verified.status).toBe("verified");
    s = { ...s, version: verified.version };
    expect((await transitionSubmission(w.actors.analyst, { submissionId: id, action: "approve", version: s.version })).status).toBe("approved");
    // Another province's agency tagged with the component never shows in the reviewer's queue.
    await db().insert(agencyComponents).values({ agencyId: (await createAgency(db(), { type: "local_administration", province: "แพร่" })).id, componentId: w.component.id, dgaRole: "doer" });
    expect((await listLevelQueue(reviewer)).rows).toEqual([]);
  });

  it("pages the queue longest waiting first", async () => {
    const first = await ministryWorld(db());
    await first.submit();
    const rows = (await listLevelQueue(first.reviewer, { pageSize: 1 })).rows;
    expect(rows).toHaveLength(1);
    const page = await listLevelQueue(first.reviewer, { pageSize: 1, page: 2 });
    expect(page).toMatchObject({ total: 1, rows: [] });
  });
});

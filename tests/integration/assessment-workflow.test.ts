import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, emailOutbox, indicatorFacts, notifications, reviewComments, submissionEvents, submissions, submissionValues } from "@/db/schema";
import type { SubmissionAction, SubmissionStatus } from "@/core/assessments/enums";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { SubmissionConflictError } from "@/lib/assessments/submission-conflicts";
import type { Actor } from "@/core/auth/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { formatPeriod } from "@/core/format/thai";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld, type AssessmentWorld } from "../support/assessment-fixtures";
import type { Database } from "@/db/client";

type RoleKey = "officer" | "head" | "otherOfficer" | "otherHead" | "analyst" | "admin" | "executive";
const ROLE_KEYS: RoleKey[] = ["officer", "head", "otherOfficer", "otherHead", "analyst", "admin", "executive"];

/** Drives a fresh submission to a status by the legitimate path. */
async function bringTo(db: Database, status: SubmissionStatus) {
  const w = await createAssessmentWorld(db);
  const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
  const saved = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: w.complete, intent: "save" });
  let version = saved.version;
  const step = async (actor: Actor, action: Exclude<SubmissionAction, "save">, extra: { reason?: string; comments?: [] } = {}) => {
    const s = await transitionSubmission(actor, { submissionId: saved.submissionId, action, version, ...extra });
    version = s.version;
  };
  if (status !== "draft") await step(w.actors.head, "endorse");
  if (["submitted", "returned", "approved"].includes(status)) await step(w.actors.officer, "submit");
  if (status === "returned") await step(w.actors.analyst, "return", { reason: "ตรวจสอบตัวเลข" });
  if (status === "approved") await step(w.actors.analyst, "approve");
  return { w, submissionId: saved.submissionId, version: () => version, base };
}

const EXPECTED: Record<Exclude<SubmissionAction, "save">, { from: SubmissionStatus; allowed: RoleKey[] }> = {
  endorse: { from: "draft", allowed: ["head"] },
  return_to_officer: { from: "endorsed", allowed: ["head"] },
  submit: { from: "endorsed", allowed: ["officer", "head"] },
  resubmit: { from: "returned", allowed: ["officer", "head"] },
  return: { from: "submitted", allowed: ["analyst", "admin"] },
  approve: { from: "submitted", allowed: ["analyst", "admin"] },
  reopen: { from: "approved", allowed: ["admin"] },
  // The world's agency has no ministry above it: no intermediate level, nobody verifies (tests/integration/review-levels.test.ts).
  verify: { from: "submitted", allowed: [] },
};

describeEachDatabase("self-assessment workflow", ({ db }) => {
  for (const [action, { from, allowed }] of Object.entries(EXPECTED) as [Exclude<SubmissionAction, "save">, (typeof EXPECTED)[keyof typeof EXPECTED]][]) {
    for (const role of ROLE_KEYS) {
      const ok = allowed.includes(role);
      it(`${action} from ${from} by ${role}: ${ok ? "allowed" : "refused"}`, async () => {
        const { w, submissionId, version } = await bringTo(db(), from);
        const call = transitionSubmission(w.actors[role], { submissionId, action, version: version(), reason: "เหตุผล" });
        if (ok) {
          const updated = await call;
          const [event] = await db().select().from(submissionEvents).where(and(eq(submissionEvents.submissionId, submissionId), eq(submissionEvents.action, action)));
          expect(event).toMatchObject({ fromStatus: from, toStatus: updated.status, actorId: w.actors[role].id });
          const audits = await db().select().from(auditLog).where(and(eq(auditLog.entityId, String(submissionId)), eq(auditLog.action, `submission.${action}`)));
          expect(audits).toHaveLength(1);
        } else {
          // Other agencies' users get "not found" (no disclosure); everyone else lacks the permission.
          await expect(call).rejects.toBeInstanceOf(role === "otherOfficer" || role === "otherHead" ? NotFoundError : ForbiddenError);
          const [row] = await db().select().from(submissions).where(eq(submissions.id, submissionId));
          expect(row!.status).toBe(from);
        }
      });
    }
  }

  it("lets only the agency's officer and head save, and hides the agency from everyone else", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" as const };
    await expect(saveSubmission(w.actors.otherOfficer, base)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveSubmission(w.actors.otherHead, base)).rejects.toBeInstanceOf(NotFoundError);
    for (const role of ["analyst", "admin", "executive"] as const) await expect(saveSubmission(w.actors[role], base)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().select().from(submissions).where(eq(submissions.agencyId, w.agency.id))).toHaveLength(0);
    await expect(saveSubmission(w.actors.head, base)).resolves.toMatchObject({ status: "draft", version: 1 });
  });

  it("stores what the form holds on each save: changed answers replaced, emptied ones removed, notes kept without an answer", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, intent: "save" as const };
    const stored = async (submissionId: number) =>
      (await db().select().from(submissionValues).where(eq(submissionValues.submissionId, submissionId)))
        .map((v) => ({ itemId: v.itemId, numeric: v.numericValue === null ? null : Number(v.numericValue), level: v.levelValue, boolean: v.booleanValue, note: v.note }))
        .sort((a, b) => a.itemId - b.itemId);
    const first = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: w.complete });
    expect(await stored(first.submissionId)).toEqual([
      { itemId: w.items.i1.id, numeric: 12, level: null, boolean: null, note: null },
      { itemId: w.items.q1.id, numeric: 80, level: null, boolean: null, note: null },
      { itemId: w.items.q2.id, numeric: null, level: null, boolean: true, note: null },
      { itemId: w.items.q3.id, numeric: null, level: 3, boolean: null, note: null },
    ]);
    const { [`value.${w.items.q1.id}`]: _emptied, [`value.${w.items.q2.id}`]: _answerless, ...kept } = w.complete;
    const fields = { ...kept, [`value.${w.items.i1.id}`]: "15", [`note.${w.items.q2.id}`]: "รอมติคณะกรรมการ" };
    const second = await saveSubmission(w.actors.officer, { ...base, version: first.version, fields });
    expect(await stored(second.submissionId)).toEqual([
      { itemId: w.items.i1.id, numeric: 15, level: null, boolean: null, note: null },
      { itemId: w.items.q2.id, numeric: null, level: null, boolean: null, note: "รอมติคณะกรรมการ" },
      { itemId: w.items.q3.id, numeric: null, level: 3, boolean: null, note: null },
    ]);
  });

  it("refuses a forged transition on another agency's submission without revealing it", async () => {
    const { w, submissionId, version } = await bringTo(db(), "endorsed");
    await expect(transitionSubmission(w.actors.otherHead, { submissionId, action: "return_to_officer", version: version(), reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(transitionSubmission(w.actors.otherOfficer, { submissionId: 999_999, action: "submit", version: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("locks an approved submission until an admin reopens it with a reason", async () => {
    const { w, submissionId, version, base } = await bringTo(db(), "approved");
    await expect(saveSubmission(w.actors.officer, { ...base, version: version(), fields: w.complete, intent: "save" })).rejects.toMatchObject({ code: "locked" });
    await expect(transitionSubmission(w.actors.admin, { submissionId, action: "reopen", version: version(), reason: "  " })).rejects.toBeInstanceOf(ValidationError);
    const reopened = await transitionSubmission(w.actors.admin, { submissionId, action: "reopen", version: version(), reason: "แก้ไขข้อมูลตามผู้ตรวจสอบ" });
    expect(reopened).toMatchObject({ status: "returned", approvedAt: null });
    const saved = await saveSubmission(w.actors.officer, { ...base, version: reopened.version, fields: { ...w.complete, progress: "แก้ไขแล้ว" }, intent: "resubmit" });
    expect(saved.status).toBe("submitted");
  });

  it("refuses a stale version and reports what the other person changed", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    const first = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: w.complete, intent: "save" });
    // Both load version 1; the colleague saves first.
    await saveSubmission(w.actors.officer2, { ...base, version: first.version, fields: { ...w.complete, [`value.${w.items.i1.id}`]: "15" }, intent: "save" });
    const error = await saveSubmission(w.actors.officer, { ...base, version: first.version, fields: { ...w.complete, progress: "ของฉัน" }, intent: "save" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionConflictError);
    const detail = (error as SubmissionConflictError).detail;
    expect(detail.currentVersion).toBe(2);
    expect(detail.changes).toEqual([{ field: `value.${w.items.i1.id}`, value: "15" }]);
    expect(detail.changedBy).toBe(w.actors.officer2.name);
    const [row] = await db().select().from(submissions).where(eq(submissions.agencyId, w.agency.id));
    expect(row!.progressText).toBe("ดำเนินการตามแผน");
    // Two first saves of a new form: the second is a conflict, not a duplicate.
    const w2 = await createAssessmentWorld(db());
    const base2 = { agencyId: w2.agency.id, periodId: w2.period.id, componentId: w2.component.id, fields: w2.complete, intent: "save" as const };
    await saveSubmission(w2.actors.officer, { ...base2, version: 0 });
    await expect(saveSubmission(w2.actors.head, { ...base2, version: 0 })).rejects.toBeInstanceOf(SubmissionConflictError);
  });

  it("validates completely before endorsement and saves nothing when validation fails", async () => {
    const w = await createAssessmentWorld(db());
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    const draft = await saveSubmission(w.actors.officer, { ...base, version: 0, fields: { [`value.${w.items.i1.id}`]: "5" }, intent: "save" });
    const error = await saveSubmission(w.actors.head, { ...base, version: draft.version, fields: { [`value.${w.items.i1.id}`]: "7", [`value.${w.items.q1.id}`]: "150" }, intent: "endorse" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject({ [`value.${w.items.q1.id}`]: ["percent_range"], [`value.${w.items.q2.id}`]: ["required"], progress: ["required"] });
    const values = await db().select().from(submissionValues).where(eq(submissionValues.submissionId, draft.submissionId));
    expect(values.map((v) => v.numericValue)).toEqual(["5.0000"]);
    // Text in a number field is refused even in a draft.
    await expect(saveSubmission(w.actors.officer, { ...base, version: draft.version, fields: { [`value.${w.items.i1.id}`]: "สิบ" }, intent: "save" })).rejects.toMatchObject({ fieldErrors: { [`value.${w.items.i1.id}`]: ["not_a_number"] } });
    // A draft with gaps cannot be endorsed directly either.
    await expect(transitionSubmission(w.actors.head, { submissionId: draft.submissionId, action: "endorse", version: draft.version })).rejects.toMatchObject({ code: "incomplete" });
  });

  it("stores an implausible value with its reason as a warning, not an error", async () => {
    const w = await createAssessmentWorld(db());
    const fields = { ...w.complete, [`value.${w.items.i1.id}`]: "5000", [`reason.${w.items.i1.id}`]: "รวมบริการของจังหวัดทั้งหมด" };
    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields, intent: "save" });
    expect(saved.warnings).toEqual([w.items.i1.id]);
    const [value] = await db().select().from(submissionValues).where(and(eq(submissionValues.submissionId, saved.submissionId), eq(submissionValues.itemId, w.items.i1.id)));
    expect(value).toMatchObject({ outOfRange: true, outOfRangeReason: "รวมบริการของจังหวัดทั้งหมด" });
  });

  it("accepts a submission after the due date but marks it late, and keeps the mark through a return", async () => {
    const w = await createAssessmentWorld(db(), { dueOn: "2020-01-15" });
    const base = { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id };
    const endorsed = await saveSubmission(w.actors.head, { ...base, version: 0, fields: w.complete, intent: "endorse" });
    const submitted = await transitionSubmission(w.actors.officer, { submissionId: endorsed.submissionId, action: "submit", version: endorsed.version });
    expect(submitted).toMatchObject({ status: "submitted", late: true });
    expect(submitted.firstSubmittedAt).not.toBeNull();
  });

  it("returns with per-field reasons, notifies the agency, and resolves the comments on resubmission", async () => {
    const { w, submissionId, version, base } = await bringTo(db(), "submitted");
    const returned = await transitionSubmission(w.actors.analyst, {
      submissionId,
      action: "return",
      version: version(),
      comments: [
        { itemId: w.items.i1.id, field: null, reason: "incorrect_value", comment: "ตัวเลขไม่ตรงกับรายงาน" },
        { itemId: null, field: "progress", reason: "unclear_narrative", comment: "โปรดระบุรายละเอียด" },
      ],
    });
    expect(returned.status).toBe("returned");
    const comments = await db().select().from(reviewComments).where(eq(reviewComments.submissionId, submissionId));
    expect(comments.map((c) => [c.itemId, c.field, c.reason])).toEqual([
      [w.items.i1.id, null, "incorrect_value"],
      [null, "progress", "unclear_narrative"],
    ]);
    const notes = await db().select().from(notifications).where(eq(notifications.kind, "submission_returned"));
    const agencyUsers = [w.actors.officer.id, w.actors.officer2.id, w.actors.head.id, w.actors.otherOfficer.id];
    expect(notes.map((n) => n.userId).filter((id) => agencyUsers.includes(id)).sort()).toEqual([w.actors.officer.id, w.actors.officer2.id, w.actors.head.id].sort());
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, w.actors.officer.id));
    // The period in words, as the reader says it ("ไตรมาส 1/2658"), not its code.
    expect(mails.at(-1)!.subject).toContain(formatPeriod(w.period.code, "th", "short"));
    // A return without any reason is refused.
    const other = await bringTo(db(), "submitted");
    await expect(transitionSubmission(other.w.actors.analyst, { submissionId: other.submissionId, action: "return", version: other.version(), comments: [] })).rejects.toBeInstanceOf(ValidationError);

    const resubmitted = await saveSubmission(w.actors.officer, { ...base, version: returned.version, fields: { ...w.complete, [`value.${w.items.i1.id}`]: "11" }, intent: "resubmit" });
    expect(resubmitted.status).toBe("submitted");
    const open = (await db().select().from(reviewComments).where(eq(reviewComments.submissionId, submissionId))).filter((c) => !c.resolvedAt);
    expect(open).toHaveLength(0);
  });

  it("keeps the fact layer in step: provisional once submitted, approved on approval, gone after reopening to draft-like states", async () => {
    const { w, submissionId, version } = await bringTo(db(), "submitted");
    const facts = () => db().select().from(indicatorFacts).where(and(eq(indicatorFacts.agencyId, w.agency.id), eq(indicatorFacts.periodId, w.period.id)));
    expect((await facts()).map((f) => [f.indicatorId, f.value, f.state, f.source])).toEqual([[w.indicator.id, "12.0000", "provisional", "self_assessment"]]);
    const [value] = await db().select().from(submissionValues).where(and(eq(submissionValues.submissionId, submissionId), eq(submissionValues.itemId, w.items.i1.id)));
    expect((await facts())[0]!.sourceId).toBe(value!.id);
    await transitionSubmission(w.actors.analyst, { submissionId, action: "approve", version: version() });
    expect((await facts())[0]!.state).toBe("approved");
    const draft = await bringTo(db(), "endorsed");
    expect(await db().select().from(indicatorFacts).where(eq(indicatorFacts.agencyId, draft.w.agency.id))).toHaveLength(0);
  });

  it("refuses agency changes in a closed period", async () => {
    const w = await createAssessmentWorld(db(), { periodStatus: "closed" });
    await expect(
      saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" }),
    ).rejects.toMatchObject({ code: "period_closed" });
  });
});

export type { AssessmentWorld };

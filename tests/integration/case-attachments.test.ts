import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, caseEvents, flagRules, flags, periods } from "@/db/schema";
import { getCaseDetail } from "@/db/queries/flags";
import { MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";
import type { Actor } from "@/core/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { addCaseAttachment, getCaseAttachmentFile } from "@/lib/flags/case-attachments";
import { openCase, updateCase } from "@/lib/flags/cases";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

const pdf = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46]);
  return bytes;
};
const file = (name: string, type: string, bytes: Uint8Array) => ({ name, type, size: bytes.byteLength, bytes });

describeEachDatabase("follow-up case attachments", ({ db }) => {
  let analyst: Actor, executive: Actor, officer: Actor, head: Actor, strangerOfficer: Actor;
  let caseId: number;
  let caseVersion: number;

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
    const kase = await openCase(analyst, { flagIds: [flag!.id] });
    caseId = kase.id;
    caseVersion = kase.version;
  });

  it("lets the analyst and the agency's own officer and head attach files, each hashed, listed, evented and audited", async () => {
    const minutes = await addCaseAttachment(analyst, { caseId, title: "บันทึกการประชุม", file: file("C:\\docs\\minutes.pdf", "application/pdf", pdf()) });
    expect(minutes).toMatchObject({ caseId, title: "บันทึกการประชุม", fileName: "minutes.pdf", sizeBytes: 64, mimeType: "application/pdf" });
    expect(minutes.sha256).toMatch(/^[0-9a-f]{64}$/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await addCaseAttachment(officer, { caseId, title: "", file: file("plan.png", "image/png", png) });
    await addCaseAttachment(head, { caseId, title: "แผนแก้ไขที่ลงนาม", file: file("signed.pdf", "application/pdf", pdf(128)) });

    const detail = await getCaseDetail(officer, caseId);
    expect(detail.attachments.map((a) => [a.title, a.fileName, a.uploadedBy])).toEqual([
      ["บันทึกการประชุม", "minutes.pdf", analyst.name],
      // Without a title the file name stands in.
      ["plan.png", "plan.png", officer.name],
      ["แผนแก้ไขที่ลงนาม", "signed.pdf", head.name],
    ]);
    const events = await db().select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, "attachment_added")));
    expect(events.map((e) => [e.actorId, e.body])).toEqual([
      [analyst.id, "บันทึกการประชุม"],
      [officer.id, "plan.png"],
      [head.id, "แผนแก้ไขที่ลงนาม"],
    ]);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, "case.attach"), eq(auditLog.entityId, String(caseId))));
    expect(audits).toHaveLength(3);
    expect(audits[0]!.after).toMatchObject({ attachmentId: minutes.id, fileName: "minutes.pdf", sha256: minutes.sha256 });

    // Those who may see the case download the very bytes.
    for (const reader of [analyst, executive, officer]) {
      const download = await getCaseAttachmentFile(reader, minutes.id);
      expect(Buffer.from(download.content).subarray(0, 4).toString()).toBe("%PDF");
    }
  });

  it("answers 'not found' to another agency and refuses roles that do not work cases", async () => {
    const [first] = (await getCaseDetail(analyst, caseId)).attachments;
    await expect(addCaseAttachment(strangerOfficer, { caseId, title: "", file: file("a.pdf", "application/pdf", pdf()) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseAttachmentFile(strangerOfficer, first!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addCaseAttachment(executive, { caseId, title: "", file: file("a.pdf", "application/pdf", pdf()) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addCaseAttachment(analyst, { caseId: 999_999, title: "", file: file("a.pdf", "application/pdf", pdf()) })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses wrong types, disguised files, empty and oversized files with the evidence rules", async () => {
    const problem = async (f: ReturnType<typeof file>) =>
      ((await addCaseAttachment(officer, { caseId, title: "", file: f }).catch((e: unknown) => e)) as ValidationError).fieldErrors?.file;
    expect(await problem(file("big.pdf", "application/pdf", pdf(MAX_EVIDENCE_BYTES + 1)))).toEqual(["file_too_large"]);
    expect(await problem(file("run.exe", "application/x-msdownload", pdf()))).toEqual(["file_type"]);
    expect(await problem(file("fake.pdf", "application/pdf", new Uint8Array([0x4d, 0x5a, 0, 0])))).toEqual(["file_type"]);
    expect(await problem(file("empty.pdf", "application/pdf", new Uint8Array()))).toEqual(["empty_file"]);
    expect((await getCaseDetail(analyst, caseId)).attachments).toHaveLength(3);
  });

  it("takes no more files once the case is closed", async () => {
    await updateCase(analyst, { caseId, version: caseVersion, status: "resolved", resolution: "ดำเนินการครบถ้วน" });
    await expect(addCaseAttachment(officer, { caseId, title: "", file: file("late.pdf", "application/pdf", pdf()) })).rejects.toBeInstanceOf(ConflictError);
  });
}, { seeded: true });

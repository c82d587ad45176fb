import { expect, it } from "vitest";
import { addEvidenceFile, addEvidenceLink, getEvidenceFile, removeEvidence } from "@/lib/assessments/evidence";
import { MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";
import { saveSubmission } from "@/lib/assessments/submission-save";
import { transitionSubmission } from "@/lib/assessments/submissions";
import { ConflictError, NotFoundError, ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";

const pdf = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x25, 0x50, 0x44, 0x46]);
  return bytes;
};

describeEachDatabase("evidence files", ({ db }) => {
  it("stores files with their hash, refuses bad files, and serves them only within scope", async () => {
    const w = await createAssessmentWorld(db());
    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    const file = (name: string, type: string, bytes: Uint8Array) => ({ name, type, size: bytes.byteLength, bytes });

    const row = await addEvidenceFile(w.actors.officer, { submissionId: saved.submissionId, title: "รายงานผล", file: file("../../report.pdf", "application/pdf", pdf()) });
    expect(row).toMatchObject({ fileName: "report.pdf", sizeBytes: 64, kind: "file" });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);

    const problem = async (f: ReturnType<typeof file>) =>
      ((await addEvidenceFile(w.actors.officer, { submissionId: saved.submissionId, title: "", file: f }).catch((e: unknown) => e)) as ValidationError).fieldErrors?.file;
    expect(await problem(file("big.pdf", "application/pdf", pdf(MAX_EVIDENCE_BYTES + 1)))).toEqual(["file_too_large"]);
    expect(await problem(file("run.exe", "application/x-msdownload", pdf()))).toEqual(["file_type"]);
    expect(await problem(file("fake.pdf", "application/pdf", new Uint8Array([0x4d, 0x5a, 0, 0])))).toEqual(["file_type"]);
    expect(await problem(file("empty.pdf", "application/pdf", new Uint8Array()))).toEqual(["empty_file"]);
    await expect(addEvidenceLink(w.actors.officer, { submissionId: saved.submissionId, title: "x", url: "javascript:alert(1)" })).rejects.toBeInstanceOf(ValidationError);
    await addEvidenceLink(w.actors.officer, { submissionId: saved.submissionId, title: "แดชบอร์ด", url: "https://example.go.th/dashboard" });

    // Another agency can neither add nor download; DGA staff can download.
    await expect(addEvidenceFile(w.actors.otherOfficer, { submissionId: saved.submissionId, title: "", file: file("a.pdf", "application/pdf", pdf()) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEvidenceFile(w.actors.otherOfficer, row.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeEvidence(w.actors.otherOfficer, row.id)).rejects.toBeInstanceOf(NotFoundError);
    const download = await getEvidenceFile(w.actors.analyst, row.id);
    expect(Buffer.from(download.content).subarray(0, 4).toString()).toBe("%PDF");

    // Once it has gone to DGA the evidence is frozen with the values.
    const endorsed = await transitionSubmission(w.actors.head, { submissionId: saved.submissionId, action: "endorse", version: saved.version });
    expect(endorsed.status).toBe("endorsed");
    await expect(removeEvidence(w.actors.officer, row.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it("attaches evidence to one item of the form, with the same checks, and only to items of the submission's own template", async () => {
    const w = await createAssessmentWorld(db());
    const other = await createAssessmentWorld(db());
    const saved = await saveSubmission(w.actors.officer, { agencyId: w.agency.id, periodId: w.period.id, componentId: w.component.id, version: 0, fields: w.complete, intent: "save" });
    const file = (name: string, type: string, bytes: Uint8Array) => ({ name, type, size: bytes.byteLength, bytes });

    const row = await addEvidenceFile(w.actors.officer, { submissionId: saved.submissionId, itemId: w.items.i1.id, title: "หนังสือรับรองตัวเลข", file: file("i1.pdf", "application/pdf", pdf()) });
    expect(row).toMatchObject({ itemId: w.items.i1.id, kind: "file" });
    const link = await addEvidenceLink(w.actors.head, { submissionId: saved.submissionId, itemId: w.items.q3.id, title: "แผนงาน", url: "https://example.go.th/plan" });
    expect(link.itemId).toBe(w.items.q3.id);
    // The same type, size and signature checks as for the whole submission.
    const refused = await addEvidenceFile(w.actors.officer, { submissionId: saved.submissionId, itemId: w.items.i1.id, title: "", file: file("fake.pdf", "application/pdf", new Uint8Array([0x4d, 0x5a, 0, 0])) }).catch((e: unknown) => e);
    expect((refused as ValidationError).fieldErrors).toEqual({ file: ["file_type"] });
    // An item of another component's template is not part of this form.
    const foreign = await addEvidenceFile(w.actors.officer, { submissionId: saved.submissionId, itemId: other.items.i1.id, title: "", file: file("x.pdf", "application/pdf", pdf()) }).catch((e: unknown) => e);
    expect((foreign as ValidationError).fieldErrors).toEqual({ itemId: ["unknown_item"] });
    await expect(addEvidenceLink(w.actors.otherOfficer, { submissionId: saved.submissionId, itemId: w.items.i1.id, title: "x", url: "https://example.go.th" })).rejects.toBeInstanceOf(NotFoundError);

    const { getSubmissionForm } = await import("@/db/queries/submissions");
    const form = await getSubmissionForm(w.actors.analyst, w.agency.code, w.period.code, w.component.code);
    expect(form.evidence.map((e) => [e.title, e.itemId])).toEqual([
      ["หนังสือรับรองตัวเลข", w.items.i1.id],
      ["แผนงาน", w.items.q3.id],
    ]);
    await expect(getEvidenceFile(w.actors.otherOfficer, row.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(Buffer.from((await getEvidenceFile(w.actors.executive, row.id)).content).subarray(0, 4).toString()).toBe("%PDF");
  });
});

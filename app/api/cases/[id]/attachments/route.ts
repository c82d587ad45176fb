import { NextResponse } from "next/server";
import { MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";
import { fileFromForm, readUploadForm } from "@/lib/files/uploads";
import { addCaseAttachment, assertCanAttach } from "@/lib/flags/case-attachments";
import { parseIdParam, withActor } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/** Attach a file (multipart: file, title) to a follow-up case; who may, and to which case, is decided by the service. */
export const POST = withActor<Ctx>("flags.view", async (request, { params, actor }) => {
  const caseId = parseIdParam((await params).id, "case");
  await assertCanAttach(actor, caseId);
  const form = await readUploadForm(request, MAX_EVIDENCE_BYTES);
  const row = await addCaseAttachment(actor, { caseId, title: String(form.get("title") ?? ""), file: await fileFromForm(form) });
  return NextResponse.json({ id: row.id }, { status: 201 });
});

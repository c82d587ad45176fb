import { NextResponse } from "next/server";
import { addEvidenceFile, addEvidenceLink } from "@/lib/assessments/evidence";
import { MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";
import { ValidationError } from "@/core/errors";
import { fileFromForm, readUploadForm } from "@/lib/files/uploads";
import { parseIdParam, withActor } from "@/lib/http/route";
import { isRecordId } from "@/core/parse/ids";

type Ctx = { params: Promise<{ id: string }> };

/** Upload a file (multipart: file, title, optional itemId) or add a link (url, title, optional itemId) to a submission's evidence. */
export const POST = withActor<Ctx>("submission.edit", async (request, { params, actor }) => {
  const id = parseIdParam((await params).id, "submission");
  const form = await readUploadForm(request, MAX_EVIDENCE_BYTES);
  const title = String(form.get("title") ?? "");
  // Evidence of one item of the form (an indicator or question) rather than of the whole submission.
  const rawItem = form.get("itemId");
  const itemId = typeof rawItem === "string" && rawItem !== "" ? Number(rawItem) : null;
  if (itemId !== null && !isRecordId(itemId)) throw new ValidationError({ itemId: ["unknown_item"] });
  const url = form.get("url");
  if (typeof url === "string" && url) {
    const row = await addEvidenceLink(actor, { submissionId: id, itemId, title, url });
    return NextResponse.json({ id: row.id }, { status: 201 });
  }
  const row = await addEvidenceFile(actor, { submissionId: id, itemId, title, file: await fileFromForm(form) });
  return NextResponse.json({ id: row.id }, { status: 201 });
});

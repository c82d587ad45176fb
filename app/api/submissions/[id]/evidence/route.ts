import { NextResponse } from "next/server";
import { addEvidenceFile, addEvidenceLink } from "@/lib/assessments/evidence";
import { MAX_EVIDENCE_BYTES } from "@/lib/assessments/evidence-rules";
import { NotFoundError } from "@/lib/errors";
import { fileFromForm, readUploadForm } from "@/lib/files/uploads";
import { withActor } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/** Upload a file (multipart: file, title) or add a link (url, title) to a submission's evidence. */
export const POST = withActor<Ctx>("submission.edit", async (request, { params, actor }) => {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError("submission");
  const form = await readUploadForm(request, MAX_EVIDENCE_BYTES);
  const title = String(form.get("title") ?? "");
  const url = form.get("url");
  if (typeof url === "string" && url) {
    const row = await addEvidenceLink(actor, { submissionId: id, title, url });
    return NextResponse.json({ id: row.id }, { status: 201 });
  }
  const row = await addEvidenceFile(actor, { submissionId: id, title, file: await fileFromForm(form) });
  return NextResponse.json({ id: row.id }, { status: 201 });
});

import { NextResponse } from "next/server";
import { getEvidenceFile, removeEvidence } from "@/lib/assessments/evidence";
import { NotFoundError } from "@/core/errors";
import { fileDownloadResponse } from "@/lib/files/uploads";
import { parseIdParam, withActor } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/** Download, always as an attachment with a fixed type, so an uploaded file never runs in our origin. */
export const GET = withActor<Ctx>("submission.view", async (_request, { params, actor }) => {
  const file = await getEvidenceFile(actor, parseIdParam((await params).id, "evidence"));
  if (file.kind === "link" || !file.fileName) throw new NotFoundError("evidence");
  return fileDownloadResponse({ content: file.content, mimeType: file.mimeType, fileName: file.fileName });
});

export const DELETE = withActor<Ctx>("submission.edit", async (_request, { params, actor }) => {
  await removeEvidence(actor, parseIdParam((await params).id, "evidence"));
  return new NextResponse(null, { status: 204 });
});

import { fileDownloadResponse } from "@/lib/files/uploads";
import { getCaseAttachmentFile } from "@/lib/flags/case-attachments";
import { parseIdParam, withActor } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/** Download a case attachment (another agency's answers 404). */
export const GET = withActor<Ctx>("flags.view", async (_request, { params, actor }) => {
  return fileDownloadResponse(await getCaseAttachmentFile(actor, parseIdParam((await params).id, "attachment")));
});

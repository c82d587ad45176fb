import { fileDownloadResponse } from "@/lib/files/uploads";
import { getCaseAttachmentFile } from "@/lib/flags/case-attachments";
import { parseIdParam, withActor } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/**
 * Download a case attachment: to whoever may read the case — DGA, the agency, and the reviewers of the agency
 * (checked in getCaseAttachmentFile; anyone else's answers 404). Any signed-in role may ask.
 */
export const GET = withActor<Ctx>("dashboard.view", async (_request, { params, actor }) => {
  return fileDownloadResponse(await getCaseAttachmentFile(actor, parseIdParam((await params).id, "attachment")));
});

import { NotFoundError } from "@/lib/errors";
import { fileDownloadResponse } from "@/lib/files/uploads";
import { getCaseAttachmentFile } from "@/lib/flags/case-attachments";
import { withActor } from "@/lib/http/route";

type Ctx = { params: Promise<{ id: string }> };

/** Download a case attachment (another agency's answers 404). */
export const GET = withActor<Ctx>("flags.view", async (_request, { params, actor }) => {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError("attachment");
  return fileDownloadResponse(await getCaseAttachmentFile(actor, id));
});

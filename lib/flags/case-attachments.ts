import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { caseAttachmentBlobs, caseAttachments, caseEvents, followUpCases } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { canViewAgencyFollowUp } from "@/db/queries/review-levels";
import { isAgencyRole } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "@/core/errors";
import { acceptUpload, type UploadedFile } from "@/lib/files/uploads";

// Files attached to a follow-up case: meeting minutes, a remediation plan, proof of recovery. DGA
// analysts attach to any case, the agency's officers and head to their own agency's; the same file rules
// and storage as self-assessment evidence (lib/files/uploads.ts).

export interface AddCaseAttachmentOptions {
  caseId: number;
  title: string;
  file: UploadedFile;
}

/**
 * Whether the actor may attach files to the case at all: checked before an upload is read, so a refused
 * caller learns nothing from a validation message (another agency's case is "not found").
 */
export async function assertCanAttach(actor: Actor, caseId: number): Promise<void> {
  if (!can(actor, "flags.manage") && !can(actor, "flags.respond")) throw new ForbiddenError();
  const [kase] = await getDb().select({ agencyId: followUpCases.agencyId }).from(followUpCases).where(eq(followUpCases.id, caseId));
  if (!kase || (isAgencyRole(actor.role) && kase.agencyId !== actor.agencyId)) throw new NotFoundError("case");
}

export async function addCaseAttachment(actor: Actor, options: AddCaseAttachmentOptions) {
  if (!can(actor, "flags.manage") && !can(actor, "flags.respond")) throw new ForbiddenError();
  return getDb().transaction(async (tx) => {
    const [kase] = await tx.select().from(followUpCases).where(eq(followUpCases.id, options.caseId)).for("update");
    // Another agency's case is "not found" to agency roles: its existence is not disclosed.
    if (!kase || (isAgencyRole(actor.role) && kase.agencyId !== actor.agencyId)) throw new NotFoundError("case");
    if (kase.status === "resolved" || kase.status === "waived") throw new ConflictError("case_closed");
    const file = acceptUpload(options.file);
    const title = (options.title.trim() || file.fileName).slice(0, 300);
    const [row] = await tx
      .insert(caseAttachments)
      .values({ caseId: kase.id, title, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sha256: file.sha256, uploadedById: actor.id })
      .returning();
    await tx.insert(caseAttachmentBlobs).values({ attachmentId: row!.id, content: file.content });
    await tx.insert(caseEvents).values({ caseId: kase.id, kind: "attachment_added", actorId: actor.id, body: title });
    await recordAudit(tx, actor, {
      action: "case.attach",
      entityType: "follow_up_case",
      entityId: kase.id,
      after: { attachmentId: row!.id, fileName: row!.fileName, sizeBytes: row!.sizeBytes, sha256: row!.sha256 },
    });
    return row!;
  });
}

/** An attachment for download, only to those who may see the case. */
export async function getCaseAttachmentFile(actor: Actor, attachmentId: number) {
  const [row] = await getDb()
    .select({ attachment: caseAttachments, agencyId: followUpCases.agencyId, content: caseAttachmentBlobs.content })
    .from(caseAttachments)
    .innerJoin(followUpCases, eq(followUpCases.id, caseAttachments.caseId))
    .innerJoin(caseAttachmentBlobs, eq(caseAttachmentBlobs.attachmentId, caseAttachments.id))
    .where(eq(caseAttachments.id, attachmentId));
  if (!row || !(await canViewAgencyFollowUp(getDb(), actor, row.agencyId))) throw new NotFoundError("attachment");
  return { ...row.attachment, content: row.content };
}

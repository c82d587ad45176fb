import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessmentItems, evidence, evidenceBlobs, submissions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { canViewAgencySubmissions } from "@/db/queries/review-levels";
import { isAgencyRole } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { acceptUpload, type UploadedFile } from "@/lib/files/uploads";
import { isEditable } from "@/core/assessments/workflow";

async function editableSubmission(actor: Actor, submissionId: number) {
  const [row] = await getDb().select().from(submissions).where(eq(submissions.id, submissionId));
  if (!row || !isAgencyRole(actor.role) || actor.agencyId !== row.agencyId) throw new NotFoundError("submission");
  if (!can(actor, "submission.edit")) throw new ForbiddenError();
  if (!isEditable(row.status)) throw new ConflictError(row.status === "approved" ? "locked" : "invalid_transition");
  return row;
}

/** Evidence for one item must be for an active item of the submission's own template. */
async function checkItem(submission: { templateId: number }, itemId: number | null | undefined): Promise<number | null> {
  if (itemId == null) return null;
  const [item] = await getDb()
    .select({ id: assessmentItems.id })
    .from(assessmentItems)
    .where(and(eq(assessmentItems.id, itemId), eq(assessmentItems.templateId, submission.templateId), eq(assessmentItems.active, true)));
  if (!item) throw new ValidationError({ itemId: ["unknown_item"] });
  return item.id;
}

export interface AddEvidenceFileOptions {
  submissionId: number;
  /** The form item (indicator or question) the file supports; absent: the submission as a whole. */
  itemId?: number | null;
  title: string;
  file: UploadedFile;
}

/** Stores an uploaded file in the database (never under the web root), with its SHA-256. */
export async function addEvidenceFile(actor: Actor, options: AddEvidenceFileOptions) {
  const submission = await editableSubmission(actor, options.submissionId);
  const itemId = await checkItem(submission, options.itemId);
  const file = acceptUpload(options.file);
  const title = options.title.trim() || file.fileName;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(evidence)
      .values({
        submissionId: submission.id,
        itemId,
        kind: "file",
        title: title.slice(0, 300),
        fileName: file.fileName,
        mimeType: file.mimeType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        uploadedById: actor.id,
      })
      .returning();
    await tx.insert(evidenceBlobs).values({ evidenceId: row!.id, content: file.content });
    await recordAudit(tx, actor, { action: "evidence.upload", entityType: "submission", entityId: submission.id, after: { evidenceId: row!.id, itemId, fileName: row!.fileName, sizeBytes: row!.sizeBytes, sha256: file.sha256 } });
    return row!;
  });
}

export async function addEvidenceLink(actor: Actor, options: { submissionId: number; itemId?: number | null; title: string; url: string }) {
  const submission = await editableSubmission(actor, options.submissionId);
  const itemId = await checkItem(submission, options.itemId);
  let url: URL;
  try {
    url = new URL(options.url.trim());
  } catch {
    throw new ValidationError({ url: ["invalid_url"] });
  }
  // Only web links: a javascript: or file: URL in the review screen would be an attack, not evidence.
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ValidationError({ url: ["invalid_url"] });
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(evidence)
      .values({ submissionId: submission.id, itemId, kind: "link", title: (options.title.trim() || url.hostname).slice(0, 300), url: url.toString(), uploadedById: actor.id })
      .returning();
    await recordAudit(tx, actor, { action: "evidence.link", entityType: "submission", entityId: submission.id, after: { evidenceId: row!.id, itemId, url: row!.url } });
    return row!;
  });
}

export async function removeEvidence(actor: Actor, evidenceId: number) {
  const [row] = await getDb().select().from(evidence).where(eq(evidence.id, evidenceId));
  if (!row) throw new NotFoundError("evidence");
  await editableSubmission(actor, row.submissionId);
  await getDb().transaction(async (tx) => {
    await tx.delete(evidence).where(and(eq(evidence.id, evidenceId), eq(evidence.submissionId, row.submissionId)));
    await recordAudit(tx, actor, { action: "evidence.remove", entityType: "submission", entityId: row.submissionId, before: { evidenceId, title: row.title, sha256: row.sha256, url: row.url } });
  });
}

/** A file for download, only to those who may see the submission. */
export async function getEvidenceFile(actor: Actor, evidenceId: number) {
  const [row] = await getDb()
    .select({ evidence, agencyId: submissions.agencyId, content: evidenceBlobs.content })
    .from(evidence)
    .innerJoin(submissions, eq(submissions.id, evidence.submissionId))
    .innerJoin(evidenceBlobs, eq(evidenceBlobs.evidenceId, evidence.id))
    .where(eq(evidence.id, evidenceId));
  // Reviewers open the evidence of the submissions they review.
  if (!row || !(await canViewAgencySubmissions(getDb(), actor, row.agencyId))) throw new NotFoundError("evidence");
  return { ...row.evidence, content: row.content };
}

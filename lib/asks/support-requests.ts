import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { getDb, type Transaction } from "@/db/client";
import { agencies, askTagLinks, askTags, asks, components, dgaUnits, emenscrProgress, emenscrProjects, submissions, supportRequests, users, type SupportRequest } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { notifyUsers } from "@/lib/notifications/notify";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ANSWER_MAX_LENGTH, ASK_SOURCES, canMoveSupportRequest, isSubmissionSource, SUPPORT_REQUEST_STATUSES, type AskSource } from "@/core/asks/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";

// Analysts' work on an ask: confirming its tags, routing it to a DGA unit as a support request, moving the
// request on and answering it. Each is one transaction with its audit row; the answer notifies the agency.

const askKey = { source: z.enum(ASK_SOURCES, "invalid"), sourceId: recordId };

export const confirmTagsInput = z.object({
  ...askKey,
  tags: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z
      .array(z.string().trim())
      .min(1, "required")
      .max(20, "too_long")
      // A code no tag could have is an unknown tag, said of the field the form shows (not of one checkbox).
      .refine((codes) => codes.every((code) => code.length > 0 && code.length <= 40), "unknown_tag")),
});

export const routeRequestInput = z.object({ ...askKey, unitCode: z.string().trim().min(1, "required").max(40) });

export const updateRequestInput = z.object({
  requestId: recordId,
  version: z.coerce.number().int().min(1),
  status: z.enum(SUPPORT_REQUEST_STATUSES, "invalid"),
  answer: z.string().trim().max(ANSWER_MAX_LENGTH, "too_long").optional(),
});

/**
 * The ask of a source row, created on first use with the row's agency, period and component. A submission
 * the agency never sent to DGA, or a blank text, is no ask: not found (drafts are the agency's own).
 */
async function ensureAsk(tx: Transaction, source: AskSource, sourceId: number): Promise<number> {
  const [existing] = await tx.select({ id: asks.id }).from(asks).where(and(eq(asks.source, source), eq(asks.sourceId, sourceId)));
  if (existing) return existing.id;
  let origin: { agencyId: number; periodId: number; componentId: number | null; text: string | null } | undefined;
  if (isSubmissionSource(source)) {
    const [row] = await tx
      .select({ agencyId: submissions.agencyId, periodId: submissions.periodId, componentId: submissions.componentId, problems: submissions.problemsText, support: submissions.supportText, sent: submissions.firstSubmittedAt })
      .from(submissions)
      .where(eq(submissions.id, sourceId));
    if (row?.sent) origin = { ...row, text: source === "submission_problems" ? row.problems : row.support };
  } else {
    const [row] = await tx
      .select({
        agencyId: emenscrProjects.agencyId,
        periodId: emenscrProgress.periodId,
        componentId: sql<number | null>`(select pc.component_id from project_components pc join components c on c.id = pc.component_id where pc.project_id = ${emenscrProjects.id} order by c.ordinal limit 1)`,
        problems: emenscrProgress.problems,
        recommendations: emenscrProgress.recommendations,
      })
      .from(emenscrProgress)
      .innerJoin(emenscrProjects, eq(emenscrProjects.id, emenscrProgress.projectId))
      .where(eq(emenscrProgress.id, sourceId));
    if (row?.agencyId) origin = { agencyId: row.agencyId, periodId: row.periodId, componentId: row.componentId, text: source === "emenscr_problems" ? row.problems : row.recommendations };
  }
  if (!origin || !origin.text?.trim()) throw new NotFoundError("ask");
  const [created] = await tx
    .insert(asks)
    .values({ source, sourceId, agencyId: origin.agencyId, periodId: origin.periodId, componentId: origin.componentId })
    .onConflictDoNothing()
    .returning({ id: asks.id });
  if (created) return created.id;
  // Another analyst created it in between: use theirs.
  const [raced] = await tx.select({ id: asks.id }).from(asks).where(and(eq(asks.source, source), eq(asks.sourceId, sourceId)));
  return raced!.id;
}

/** Replaces an ask's tags with the analyst's confirmed choice (codes of active tags). */
export async function confirmAskTags(actor: Actor, raw: unknown): Promise<{ askId: number; tags: string[] }> {
  if (!can(actor, "asks.manage")) throw new ForbiddenError();
  const input = confirmTagsInput.parse(raw);
  const codes = [...new Set(input.tags)];
  return getDb().transaction(async (tx) => {
    const tags = await tx.select({ id: askTags.id, code: askTags.code }).from(askTags).where(and(inArray(askTags.code, codes), eq(askTags.active, true)));
    if (tags.length !== codes.length) throw new ValidationError({ tags: ["unknown_tag"] });
    const askId = await ensureAsk(tx, input.source, input.sourceId);
    const before = await tx.select({ tagId: askTagLinks.tagId }).from(askTagLinks).where(eq(askTagLinks.askId, askId));
    await tx.delete(askTagLinks).where(eq(askTagLinks.askId, askId));
    await tx.insert(askTagLinks).values(tags.map((t) => ({ askId, tagId: t.id })));
    await tx.update(asks).set({ tagsConfirmedAt: new Date(), tagsConfirmedById: actor.id }).where(eq(asks.id, askId));
    await recordAudit(tx, actor, { action: "ask.tags_confirm", entityType: "ask", entityId: askId, before: { tagIds: before.map((b) => b.tagId) }, after: { tags: codes } });
    return { askId, tags: codes };
  });
}

/** Routes an ask to a DGA unit (received), or moves an unanswered request to another unit. */
export async function routeSupportRequest(actor: Actor, raw: unknown): Promise<SupportRequest> {
  if (!can(actor, "asks.manage")) throw new ForbiddenError();
  const input = routeRequestInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const [unit] = await tx.select().from(dgaUnits).where(and(eq(dgaUnits.code, input.unitCode), eq(dgaUnits.active, true)));
    if (!unit) throw new ValidationError({ unitCode: ["unknown_unit"] });
    const askId = await ensureAsk(tx, input.source, input.sourceId);
    const [current] = await tx.select().from(supportRequests).where(eq(supportRequests.askId, askId)).for("update");
    if (current?.status === "answered") throw new ConflictError("request_answered");
    const [saved] = current
      ? await tx.update(supportRequests).set({ unitId: unit.id, version: current.version + 1 }).where(eq(supportRequests.id, current.id)).returning()
      : await tx.insert(supportRequests).values({ askId, unitId: unit.id, routedById: actor.id }).returning();
    await recordAudit(tx, actor, { action: current ? "support_request.reroute" : "support_request.route", entityType: "support_request", entityId: saved!.id, before: current ?? null, after: saved });
    return saved!;
  });
}

/**
 * Moves a request on (received → in progress → answered; received → answered). Answering needs the answer's
 * text; the asking agency's officers and head are notified with it in the same transaction.
 */
export async function updateSupportRequest(actor: Actor, raw: unknown): Promise<SupportRequest> {
  if (!can(actor, "asks.manage")) throw new ForbiddenError();
  const input = updateRequestInput.parse(raw);
  const answer = input.answer?.trim() || null;
  if (input.status === "answered" && !answer) throw new ValidationError({ answer: ["answer_required"] });
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(supportRequests).where(eq(supportRequests.id, input.requestId)).for("update");
    if (!current) throw new NotFoundError("support_request");
    if (current.version !== input.version) throw new ConflictError("stale_version");
    if (!canMoveSupportRequest(current.status, input.status)) throw new ValidationError({ status: ["invalid_transition"] });
    const answering = input.status === "answered";
    const [saved] = await tx
      .update(supportRequests)
      .set({ status: input.status, version: current.version + 1, ...(answering ? { answer, answeredAt: new Date(), answeredById: actor.id } : {}) })
      .where(eq(supportRequests.id, current.id))
      .returning();
    if (answering) await notifyAnswered(tx, saved!);
    await recordAudit(tx, actor, { action: "support_request.update", entityType: "support_request", entityId: current.id, before: current, after: saved });
    return saved!;
  });
}

async function notifyAnswered(tx: Transaction, request: SupportRequest): Promise<void> {
  const [row] = await tx
    .select({ agencyId: asks.agencyId, agencyCode: agencies.code, agencyNameTh: agencies.nameTh, componentTh: components.nameTh, componentEn: components.nameEn, unitTh: dgaUnits.nameTh, unitEn: dgaUnits.nameEn })
    .from(asks)
    .innerJoin(agencies, eq(agencies.id, asks.agencyId))
    .innerJoin(dgaUnits, eq(dgaUnits.id, request.unitId))
    .leftJoin(components, eq(components.id, asks.componentId))
    .where(eq(asks.id, request.askId));
  if (!row) return;
  const recipients = await tx.select({ id: users.id }).from(users).where(and(eq(users.agencyId, row.agencyId), inArray(users.role, ["agency_officer", "agency_head"]), eq(users.active, true)));
  await notifyUsers(tx, {
    userIds: recipients.map((u) => u.id),
    kind: "support_request_answered",
    payload: { agency: row.agencyNameTh, component: row.componentTh ?? "–", componentEn: row.componentEn ?? "–", unit: row.unitTh, unitEn: row.unitEn, answer: excerpt(request.answer ?? "") },
    dedupeKey: `support-answer:${request.id}`,
    path: `/agencies/${row.agencyCode}#asks`,
  });
}

function excerpt(text: string): string {
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { getDb, type Transaction } from "@/db/client";
import { caseEvents, caseFlags, flags, followUpCases, type FollowUpCase } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole, type CaseStatus } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { isIsoDate } from "@/core/fiscal/calendar";
import { normaliseText } from "@/core/parse/values";
import { notifyCaseAssigned } from "./notices";
import { assertAssignable } from "./assignees";
import { followParts } from "./group-cases";

// Follow-up cases: analysts turn flags into cases and drive them to resolved or waived; the agency
// answers with an explanation and a plan. Every change is an event and an audit entry, in one transaction.

const isoDate = z.string().refine(isIsoDate, "invalid_date");
const text = (max: number) => z.string().trim().max(max, "too_long");
/** Text that shows something: spaces and invisible characters alone are no explanation. */
const notBlank = (v: string) => normaliseText(v) !== "";

export const openCaseInput = z.object({
  flagIds: z.array(recordId).min(1, "required"),
  assigneeId: recordId.optional(),
  dueOn: isoDate.optional(),
  plannedActions: text(4000).optional(),
});

export const updateCaseInput = z
  .object({
    caseId: recordId,
    version: z.coerce.number().int().positive(),
    status: z.enum(["open", "in_progress", "resolved", "waived"]).optional(),
    assigneeId: recordId.nullable().optional(),
    dueOn: isoDate.nullable().optional(),
    plannedActions: text(4000).optional(),
    /** Required to resolve (what was done) or waive (why). */
    resolution: text(4000).optional(),
    note: text(4000).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.status === "resolved" || v.status === "waived") && !v.resolution) {
      ctx.addIssue({ code: "custom", path: ["resolution"], message: v.status === "waived" ? "waiver_reason_required" : "resolution_required" });
    }
  });

export const respondInput = z.object({
  caseId: recordId,
  explanation: text(4000).refine(notBlank, "required"),
  plannedBy: isoDate.optional(),
});

/** Which status may follow which. Resolved and waived are final unless an analyst reopens. */
const TRANSITIONS: Record<CaseStatus, CaseStatus[]> = {
  open: ["in_progress", "resolved", "waived"],
  in_progress: ["open", "resolved", "waived"],
  resolved: ["in_progress"],
  waived: ["in_progress"],
};

async function loadCaseInScope(tx: Transaction, actor: Actor, caseId: number): Promise<FollowUpCase> {
  const [row] = await tx.select().from(followUpCases).where(eq(followUpCases.id, caseId)).for("update");
  // Another agency's case is "not found" to agency roles: its existence is not disclosed.
  if (!row || (isAgencyRole(actor.role) && row.agencyId !== actor.agencyId)) throw new NotFoundError("case");
  return row;
}


export async function openCase(actor: Actor, raw: unknown): Promise<FollowUpCase> {
  if (!can(actor, "flags.manage")) throw new ForbiddenError();
  const input = openCaseInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const rows = await tx.select().from(flags).where(inArray(flags.id, input.flagIds));
    if (rows.length !== new Set(input.flagIds).size) throw new NotFoundError("flag");
    const agencyIds = new Set(rows.map((f) => f.agencyId));
    const periodIds = new Set(rows.map((f) => f.periodId));
    if (agencyIds.size !== 1 || periodIds.size !== 1) throw new ValidationError({ flagIds: ["flags_must_share_agency_and_period"] });
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    const [kase] = await tx
      .insert(followUpCases)
      .values({
        agencyId: rows[0]!.agencyId,
        periodId: rows[0]!.periodId,
        assigneeId: input.assigneeId ?? null,
        dueOn: input.dueOn ?? null,
        plannedActions: input.plannedActions ?? null,
        createdBy: actor.id,
      })
      .returning();
    await tx.insert(caseFlags).values(rows.map((f) => ({ caseId: kase!.id, flagId: f.id })));
    await tx.insert(caseEvents).values({ caseId: kase!.id, kind: "created", actorId: actor.id, toStatus: "open", body: input.plannedActions ?? null });
    if (input.assigneeId) {
      await tx.insert(caseEvents).values({ caseId: kase!.id, kind: "assigned", actorId: actor.id, body: String(input.assigneeId) });
      await notifyCaseAssigned(tx, { caseId: kase!.id, assigneeId: input.assigneeId, assignedBy: actor.id });
    }
    await recordAudit(tx, actor, { action: "case.open", entityType: "follow_up_case", entityId: kase!.id, after: { ...kase, flagIds: input.flagIds } });
    return kase!;
  });
}

export async function updateCase(actor: Actor, raw: unknown): Promise<FollowUpCase> {
  if (!can(actor, "flags.manage")) throw new ForbiddenError();
  const input = updateCaseInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const current = await loadCaseInScope(tx, actor, input.caseId);
    // Two analysts editing one case: the second save must not silently overwrite the first.
    if (current.version !== input.version) throw new ConflictError("stale_version");
    if (input.status && input.status !== current.status && !TRANSITIONS[current.status].includes(input.status)) {
      throw new ValidationError({ status: ["invalid_transition"] });
    }
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    const changes: Partial<FollowUpCase> = {};
    if (input.status && input.status !== current.status) changes.status = input.status;
    if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId) changes.assigneeId = input.assigneeId;
    if (input.dueOn !== undefined && input.dueOn !== current.dueOn) changes.dueOn = input.dueOn;
    if (input.plannedActions !== undefined && input.plannedActions !== (current.plannedActions ?? "")) changes.plannedActions = input.plannedActions;
    if (input.resolution !== undefined && changes.status && (changes.status === "resolved" || changes.status === "waived")) changes.resolution = input.resolution;
    if (!Object.keys(changes).length && !input.note) return current;

    const [updated] = await tx
      .update(followUpCases)
      .set({ ...changes, version: current.version + 1 })
      .where(and(eq(followUpCases.id, current.id), eq(followUpCases.version, current.version)))
      .returning();
    if (changes.status) {
      await tx.insert(caseEvents).values({ caseId: current.id, kind: "status_changed", actorId: actor.id, fromStatus: current.status, toStatus: changes.status, body: changes.resolution ?? null });
    }
    if (changes.assigneeId !== undefined) {
      await tx.insert(caseEvents).values({ caseId: current.id, kind: "assigned", actorId: actor.id, body: changes.assigneeId == null ? null : String(changes.assigneeId) });
      if (changes.assigneeId != null) await notifyCaseAssigned(tx, { caseId: current.id, assigneeId: changes.assigneeId, assignedBy: actor.id });
    }
    if (input.note) await tx.insert(caseEvents).values({ caseId: current.id, kind: "note", actorId: actor.id, body: input.note });
    // A part of a ministry's or province's case: the group closes with its last part, reopens with any.
    if (changes.status && current.groupId != null) await followParts(tx, actor, [current.groupId]);
    await recordAudit(tx, actor, { action: "case.update", entityType: "follow_up_case", entityId: current.id, before: current, after: updated });
    return updated!;
  });
}

/** The agency's answer: an explanation and (optionally) the date by which it plans to recover. */
export async function respondToCase(actor: Actor, raw: unknown): Promise<void> {
  if (!can(actor, "flags.respond")) throw new ForbiddenError();
  const input = respondInput.parse(raw);
  await getDb().transaction(async (tx) => {
    const current = await loadCaseInScope(tx, actor, input.caseId);
    if (current.status === "resolved" || current.status === "waived") throw new ConflictError("case_closed");
    await tx.insert(caseEvents).values({ caseId: current.id, kind: "agency_response", actorId: actor.id, body: input.explanation, plannedBy: input.plannedBy ?? null });
    await recordAudit(tx, actor, { action: "case.respond", entityType: "follow_up_case", entityId: current.id, after: input });
  });
}

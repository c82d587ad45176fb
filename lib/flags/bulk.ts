import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { getDb } from "@/db/client";
import { agencies, caseEvents, followUpCases, periods } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { normaliseText } from "@/core/parse/values";
import { assertAssignable } from "./assignees";
import { applyToCases, futureDate } from "./group-cases";

// The worklist's bulk actions on agency rows: assign, set a due date or waive (with a reason) the follow-up
// of many agencies at once. An agency whose open flags no open case follows yet gets its case first, so
// "assign these twenty" means the same whether or not a case was opened by hand before.

export const BULK_ACTIONS = ["assign", "due", "waive"] as const;
/** One page of the worklist at most. */
export const BULK_MAX_AGENCIES = 100;

export const bulkFollowUpInput = z
  .object({
    periodId: recordId,
    agencyIds: z.array(recordId).min(1, "required").max(BULK_MAX_AGENCIES, "too_many"),
    action: z.enum(BULK_ACTIONS),
    assigneeId: recordId.optional(),
    dueOn: futureDate.optional(),
    reason: z.string().trim().max(4000, "too_long").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "assign" && !v.assigneeId) ctx.addIssue({ code: "custom", path: ["assigneeId"], message: "required" });
    if (v.action === "due" && !v.dueOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "required" });
    if (v.action === "waive" && (!v.reason || normaliseText(v.reason) === "")) ctx.addIssue({ code: "custom", path: ["reason"], message: "waiver_reason_required" });
  });

export interface BulkResult {
  cases: number;
  opened: number;
}

export async function bulkFollowUp(actor: Actor, raw: unknown): Promise<BulkResult> {
  if (!can(actor, "flags.manage")) throw new ForbiddenError();
  const input = bulkFollowUpInput.parse(raw);
  const agencyIds = [...new Set(input.agencyIds)];
  return getDb().transaction(async (tx) => {
    const [period] = await tx.select({ id: periods.id }).from(periods).where(eq(periods.id, input.periodId));
    if (!period) throw new NotFoundError("period");
    const known = await tx.select({ id: agencies.id }).from(agencies).where(inArray(agencies.id, agencyIds));
    if (known.length !== agencyIds.length) throw new NotFoundError("agency");
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);

    // A case for each agency's open flags that no open case follows yet (one per agency).
    const uncovered = sql`select f.id, f.agency_id from flags f
      where f.period_id = ${input.periodId} and f.status = 'open' and f.agency_id = any(${sql.param(agencyIds)}::int[])
        and not exists (select 1 from case_flags cf join follow_up_cases c on c.id = cf.case_id where cf.flag_id = f.id and c.status in ('open', 'in_progress'))`;
    const opened = await tx.execute<{ id: number }>(sql`
      insert into follow_up_cases (agency_id, period_id, created_by)
      select distinct u.agency_id, ${input.periodId}::int, ${actor.id}::int from (${uncovered}) u
      returning id`);
    const openedIds = opened.rows.map((r) => Number(r.id));
    if (openedIds.length) {
      await tx.execute(sql`insert into case_flags (case_id, flag_id)
        select c.id, u.id from (${uncovered}) u join follow_up_cases c on c.agency_id = u.agency_id and c.id = any(${sql.param(openedIds)}::int[])`);
      await tx.insert(caseEvents).values(openedIds.map((caseId) => ({ caseId, kind: "created" as const, actorId: actor.id, toStatus: "open" as const })));
    }
    const cases = await tx
      .select()
      .from(followUpCases)
      .where(and(eq(followUpCases.periodId, input.periodId), inArray(followUpCases.agencyId, agencyIds), inArray(followUpCases.status, ["open", "in_progress"])));
    if (!cases.length) throw new ValidationError({ agencyIds: ["nothing_to_follow_up"] });
    await applyToCases(tx, actor, cases, {
      assigneeId: input.action === "assign" ? input.assigneeId : undefined,
      dueOn: input.action === "due" ? input.dueOn : undefined,
      waiveReason: input.action === "waive" ? input.reason : undefined,
    });
    const result = { cases: cases.length, opened: openedIds.length };
    await recordAudit(tx, actor, { action: `case.bulk_${input.action}`, entityType: "period", entityId: input.periodId, after: { ...input, ...result } });
    return result;
  });
}

import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { getDb, type Queryable, type Transaction } from "@/db/client";
import { agencies, caseEvents, caseGroupEvents, caseGroups, followUpCases, periods, type CaseGroup } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { CASE_SCOPES, type CaseStatus } from "@/core/enums";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { isIsoDate, todayInBangkok } from "@/core/fiscal/calendar";
import { normaliseText } from "@/core/parse/values";
import { assertAssignable } from "./assignees";
import { notifyCaseAssigned } from "./notices";

// Ministry and province cases: one case for the level that can act, cascading to one part per agency
// (an ordinary follow-up case with groupId), which the agency answers alone. The group follows its parts:
// it closes when every part is resolved or waived (the data recovering resolves a part by itself), and
// opens again when a part does. Every change is written with its events and audit in one transaction.

const CLOSED: readonly CaseStatus[] = ["resolved", "waived"];
const isOpen = (status: CaseStatus) => !CLOSED.includes(status);

/** A due date is a promise about the future: today or later (Bangkok). */
export const futureDate = z
  .string()
  .refine(isIsoDate, "invalid_date")
  .refine((v) => v >= todayInBangkok(), "date_in_past");
const text = (max: number) => z.string().trim().max(max, "too_long");

export const openGroupCaseInput = z
  .object({
    periodId: recordId,
    scope: z.enum(CASE_SCOPES),
    /** The ministry's agency code (scope ministry) or the province's name (scope province). */
    key: z.string().trim().min(1, "required").max(200, "too_long"),
    assigneeId: recordId.optional(),
    dueOn: futureDate.optional(),
    plannedActions: text(4000).optional(),
  });

export interface GroupCaseOpened {
  group: CaseGroup;
  parts: number;
  flags: number;
}

/**
 * Opens a ministry's or a province's case for a quarter: every open flag of its agencies not yet followed
 * by an open case goes into the part of its agency. Set-based (a national ministry's case covers
 * thousands of flags): a few statements whatever the count.
 */
export async function openGroupCase(actor: Actor, raw: unknown): Promise<GroupCaseOpened> {
  if (!can(actor, "flags.manage")) throw new ForbiddenError();
  const input = openGroupCaseInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const [period] = await tx.select({ id: periods.id }).from(periods).where(eq(periods.id, input.periodId));
    if (!period) throw new NotFoundError("period");
    let ministryId: number | null = null;
    if (input.scope === "ministry") {
      const [ministry] = await tx.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.code, input.key), eq(agencies.type, "ministry")));
      if (!ministry) throw new NotFoundError("agency");
      ministryId = ministry.id;
    } else {
      const [any] = await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.province, input.key)).limit(1);
      if (!any) throw new NotFoundError("province");
    }
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    const inScope =
      input.scope === "ministry"
        ? sql`f.agency_id in (select s.agency_id from agency_flag_summaries s where s.period_id = ${input.periodId} and s.ministry_id = ${ministryId})`
        : sql`f.agency_id in (select a.id from agencies a where a.province = ${input.key})`;
    // Open flags of the scope that no open case follows yet, grouped per agency.
    const uncovered = sql`select f.id, f.agency_id from flags f
      where f.period_id = ${input.periodId} and f.status = 'open' and ${inScope}
        and not exists (select 1 from case_flags cf join follow_up_cases c on c.id = cf.case_id
          where cf.flag_id = f.id and c.status in ('open', 'in_progress'))`;
    const [counted] = (await tx.execute<{ flags: number; agencies: number }>(sql`select count(*)::int as flags, count(distinct agency_id)::int as agencies from (${uncovered}) u`)).rows;
    if (!counted || Number(counted.flags) === 0) throw new ValidationError({ key: ["nothing_to_follow_up"] });

    const [group] = await tx
      .insert(caseGroups)
      .values({
        scope: input.scope,
        ministryId,
        province: input.scope === "province" ? input.key : null,
        periodId: input.periodId,
        assigneeId: input.assigneeId ?? null,
        dueOn: input.dueOn ?? null,
        plannedActions: input.plannedActions ?? null,
        createdBy: actor.id,
      })
      .returning();
    const parts = await tx.execute<{ id: number }>(sql`
      insert into follow_up_cases (agency_id, period_id, assignee_id, due_on, planned_actions, created_by, group_id)
      select distinct u.agency_id, ${input.periodId}::int, ${input.assigneeId ?? null}::int, ${input.dueOn ?? null}::date, ${input.plannedActions ?? null}::text, ${actor.id}::int, ${group!.id}::int
      from (${uncovered}) u
      returning id`);
    await tx.execute(sql`
      insert into case_flags (case_id, flag_id)
      select c.id, u.id from (${uncovered}) u join follow_up_cases c on c.group_id = ${group!.id} and c.agency_id = u.agency_id`);
    await tx.execute(sql`
      insert into case_events (case_id, kind, actor_id, to_status, body)
      select c.id, 'created', ${actor.id}::int, 'open', ${input.plannedActions ?? null}::text from follow_up_cases c where c.group_id = ${group!.id}`);
    await tx.insert(caseGroupEvents).values({ groupId: group!.id, kind: "created", actorId: actor.id, toStatus: "open", body: input.plannedActions ?? null });
    if (input.assigneeId) await tx.insert(caseGroupEvents).values({ groupId: group!.id, kind: "assigned", actorId: actor.id, body: String(input.assigneeId) });
    const summary = { parts: parts.rows.length, flags: Number(counted.flags) };
    await recordAudit(tx, actor, { action: "case_group.open", entityType: "case_group", entityId: group!.id, after: { ...group, ...summary } });
    return { group: group!, ...summary };
  });
}

export const updateGroupCaseInput = z
  .object({
    groupId: recordId,
    version: z.coerce.number().int().positive(),
    status: z.enum(["open", "in_progress", "waived"]).optional(),
    assigneeId: recordId.nullable().optional(),
    dueOn: futureDate.nullable().optional(),
    plannedActions: text(4000).optional(),
    resolution: text(4000).optional(),
    note: text(4000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "waived" && (!v.resolution || normaliseText(v.resolution) === "")) ctx.addIssue({ code: "custom", path: ["resolution"], message: "waiver_reason_required" });
  });

/**
 * Changes a ministry's or province's case. Its assignee and due date pass to its open parts (a new due
 * date restarts their escalation); waiving it waives every open part with the same reason. Resolving is
 * not asked for: the case resolves itself with its last part.
 */
export async function updateGroupCase(actor: Actor, raw: unknown): Promise<CaseGroup> {
  if (!can(actor, "flags.manage")) throw new ForbiddenError();
  const input = updateGroupCaseInput.parse(raw);
  return getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(caseGroups).where(eq(caseGroups.id, input.groupId)).for("update");
    if (!current) throw new NotFoundError("case");
    if (current.version !== input.version) throw new ConflictError("stale_version");
    if (input.status && input.status !== current.status && input.status !== "waived" && !isOpen(current.status) && current.status !== "waived") {
      throw new ValidationError({ status: ["invalid_transition"] });
    }
    if (input.assigneeId) await assertAssignable(tx, input.assigneeId);
    const changes: Partial<CaseGroup> = {};
    if (input.status && input.status !== current.status) changes.status = input.status;
    if (input.assigneeId !== undefined && input.assigneeId !== current.assigneeId) changes.assigneeId = input.assigneeId;
    if (input.dueOn !== undefined && input.dueOn !== current.dueOn) {
      changes.dueOn = input.dueOn;
      changes.escalationSteps = 0;
    }
    if (input.plannedActions !== undefined && input.plannedActions !== (current.plannedActions ?? "")) changes.plannedActions = input.plannedActions;
    if (changes.status === "waived") changes.resolution = input.resolution!;
    if (!Object.keys(changes).length && !input.note) return current;
    const [updated] = await tx
      .update(caseGroups)
      .set({ ...changes, version: current.version + 1 })
      .where(eq(caseGroups.id, current.id))
      .returning();
    const events: (typeof caseGroupEvents.$inferInsert)[] = [];
    if (changes.status) events.push({ groupId: current.id, kind: "status_changed", actorId: actor.id, fromStatus: current.status, toStatus: changes.status, body: changes.resolution ?? null });
    if (changes.assigneeId !== undefined) events.push({ groupId: current.id, kind: "assigned", actorId: actor.id, body: changes.assigneeId == null ? null : String(changes.assigneeId) });
    if (changes.dueOn !== undefined) events.push({ groupId: current.id, kind: "due_changed", actorId: actor.id, body: changes.dueOn });
    if (input.note) events.push({ groupId: current.id, kind: "note", actorId: actor.id, body: input.note });
    if (events.length) await tx.insert(caseGroupEvents).values(events);

    const parts = await tx.select().from(followUpCases).where(and(eq(followUpCases.groupId, current.id), inArray(followUpCases.status, ["open", "in_progress"])));
    await applyToCases(tx, actor, parts, {
      assigneeId: changes.assigneeId,
      dueOn: changes.dueOn,
      waiveReason: changes.status === "waived" ? changes.resolution! : undefined,
    });
    await recordAudit(tx, actor, { action: "case_group.update", entityType: "case_group", entityId: current.id, before: current, after: updated });
    return updated!;
  });
}

export interface CaseChanges {
  assigneeId?: number | null;
  dueOn?: string | null;
  waiveReason?: string;
}

/** Applies one change to many cases (parts of a group, or the worklist's bulk actions): events, versions, notices. */
export async function applyToCases(tx: Transaction, actor: Actor, cases: readonly (typeof followUpCases.$inferSelect)[], changes: CaseChanges): Promise<void> {
  if (!cases.length || (changes.assigneeId === undefined && changes.dueOn === undefined && changes.waiveReason === undefined)) return;
  const ids = cases.map((c) => c.id);
  await tx
    .update(followUpCases)
    .set({
      ...(changes.assigneeId !== undefined ? { assigneeId: changes.assigneeId } : {}),
      ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn, escalationSteps: 0 } : {}),
      ...(changes.waiveReason !== undefined ? { status: "waived" as const, resolution: changes.waiveReason } : {}),
      version: sql`${followUpCases.version} + 1`,
    })
    .where(inArray(followUpCases.id, ids));
  const events: (typeof caseEvents.$inferInsert)[] = [];
  for (const c of cases) {
    if (changes.assigneeId !== undefined) events.push({ caseId: c.id, kind: "assigned", actorId: actor.id, body: changes.assigneeId == null ? null : String(changes.assigneeId) });
    if (changes.dueOn !== undefined) events.push({ caseId: c.id, kind: "due_changed", actorId: actor.id, body: changes.dueOn });
    if (changes.waiveReason !== undefined) events.push({ caseId: c.id, kind: "status_changed", actorId: actor.id, fromStatus: c.status, toStatus: "waived", body: changes.waiveReason });
  }
  await tx.insert(caseEvents).values(events);
  if (changes.assigneeId != null) {
    for (const c of cases) if (c.assigneeId !== changes.assigneeId) await notifyCaseAssigned(tx, { caseId: c.id, assigneeId: changes.assigneeId, assignedBy: actor.id });
  }
  const groupIds = [...new Set(cases.map((c) => c.groupId).filter((g): g is number => g != null))];
  await followParts(tx, actor, groupIds);
}

/**
 * A group follows its parts: closed (resolved, or waived when every part was waived) once no part is
 * open, open again (in progress) when a part reopens.
 */
export async function followParts(db: Queryable, actor: Actor, groupIds: readonly number[]): Promise<void> {
  if (!groupIds.length) return;
  const rows = await db
    .select({
      group: caseGroups,
      open: sql<number>`count(*) filter (where ${followUpCases.status} in ('open', 'in_progress'))`.mapWith(Number),
      waived: sql<number>`count(*) filter (where ${followUpCases.status} = 'waived')`.mapWith(Number),
      total: sql<number>`count(*)`.mapWith(Number),
    })
    .from(caseGroups)
    .innerJoin(followUpCases, eq(followUpCases.groupId, caseGroups.id))
    .where(inArray(caseGroups.id, [...groupIds]))
    .groupBy(caseGroups.id);
  for (const { group, open, waived, total } of rows) {
    const next: CaseStatus | null = open === 0 ? (isOpen(group.status) ? (waived === total ? "waived" : "resolved") : null) : isOpen(group.status) ? null : "in_progress";
    if (!next) continue;
    await db.update(caseGroups).set({ status: next, version: group.version + 1 }).where(eq(caseGroups.id, group.id));
    await db.insert(caseGroupEvents).values({ groupId: group.id, kind: next === "in_progress" ? "status_changed" : "auto_resolved", actorId: actor.id > 0 ? actor.id : null, fromStatus: group.status, toStatus: next });
    await recordAudit(db, actor, { action: "case_group.follow_parts", entityType: "case_group", entityId: group.id, before: { status: group.status }, after: { status: next } });
  }
}

/**
 * After flags recovered: the parts of groups among these cases whose every flag has now recovered are
 * resolved by the data (an event says so), and their groups follow. A case of its own stays as it is
 * (the analyst settles it; its timeline shows the recovery).
 */
export async function resolveRecoveredParts(db: Queryable, actor: Actor, caseIds: readonly number[]): Promise<void> {
  if (!caseIds.length) return;
  const settled = await db.execute<{ id: number; status: CaseStatus; group_id: number }>(sql`
    update follow_up_cases c set status = 'resolved', version = c.version + 1, updated_at = now()
    from (select c0.id, c0.status from follow_up_cases c0 where c0.id = any(${sql.param([...caseIds])}::int[]) and c0.group_id is not null
      and c0.status in ('open', 'in_progress')
      and not exists (select 1 from case_flags cf join flags f on f.id = cf.flag_id where cf.case_id = c0.id and f.status = 'open')) prior
    where c.id = prior.id
    returning c.id, prior.status, c.group_id`);
  if (!settled.rows.length) return;
  await db.insert(caseEvents).values(
    settled.rows.map((r) => ({ caseId: Number(r.id), kind: "auto_resolved" as const, actorId: actor.id > 0 ? actor.id : null, fromStatus: r.status, toStatus: "resolved" as const })),
  );
  await followParts(db, actor, [...new Set(settled.rows.map((r) => Number(r.group_id)))]);
}

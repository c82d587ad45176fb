import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, caseGroupEvents, caseGroups, followUpCases, periods, users, type CaseGroup } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { listAssignableUsers } from "./users";

/**
 * Who sees a ministry's or province's case: DGA (analysts, administrators, executives), and the reviewer
 * of that ministry or province. Agencies see their own part only (an ordinary case page), so the group is
 * "not found" to them, as to every other reviewer.
 */
export function canViewGroupCase(actor: Pick<Actor, "role" | "agencyId" | "province">, group: Pick<CaseGroup, "scope" | "ministryId" | "province">): boolean {
  if (actor.role === "admin" || actor.role === "analyst" || actor.role === "executive") return true;
  if (actor.role === "ministry_reviewer") return group.scope === "ministry" && group.ministryId !== null && group.ministryId === actor.agencyId;
  if (actor.role === "province_reviewer") return group.scope === "province" && !!group.province && group.province === actor.province;
  return false;
}

export async function getGroupCaseDetail(actor: Actor, groupId: number) {
  const db = getDb();
  const assignee = alias(users, "assignee");
  const [row] = await db
    .select({ group: caseGroups, period: periods, ministryTh: agencies.nameTh, ministryEn: agencies.nameEn, ministryCode: agencies.code, assigneeName: assignee.name })
    .from(caseGroups)
    .innerJoin(periods, eq(periods.id, caseGroups.periodId))
    .leftJoin(agencies, eq(agencies.id, caseGroups.ministryId))
    .leftJoin(assignee, eq(assignee.id, caseGroups.assigneeId))
    .where(eq(caseGroups.id, groupId));
  if (!row || !canViewGroupCase(actor, row.group)) throw new NotFoundError("case");
  const [parts, events, analysts] = await Promise.all([
    db
      .select({
        id: followUpCases.id,
        status: followUpCases.status,
        dueOn: followUpCases.dueOn,
        agencyCode: agencies.code,
        agencyTh: agencies.nameTh,
        agencyEn: agencies.nameEn,
        flags: sql<number>`(select count(*) from case_flags cf where cf.case_id = ${followUpCases.id})`.mapWith(Number),
        recovered: sql<number>`(select count(*) from case_flags cf join flags f on f.id = cf.flag_id where cf.case_id = ${followUpCases.id} and f.status = 'recovered')`.mapWith(Number),
        responses: sql<number>`(select count(*) from case_events e where e.case_id = ${followUpCases.id} and e.kind = 'agency_response')`.mapWith(Number),
      })
      .from(followUpCases)
      .innerJoin(agencies, eq(agencies.id, followUpCases.agencyId))
      .where(eq(followUpCases.groupId, groupId))
      .orderBy(asc(agencies.code)),
    db
      .select({ event: caseGroupEvents, actorName: users.name, actorRole: users.role })
      .from(caseGroupEvents)
      .leftJoin(users, eq(users.id, caseGroupEvents.actorId))
      .where(eq(caseGroupEvents.groupId, groupId))
      .orderBy(asc(caseGroupEvents.id)),
    can(actor, "flags.manage") ? listAssignableUsers(actor) : Promise.resolve([]),
  ]);
  return { ...row, parts, events, analysts };
}
export type GroupCaseDetail = Awaited<ReturnType<typeof getGroupCaseDetail>>;

/** The group a case is part of (for the part's page), if any. */
export async function getCaseGroupOf(caseId: number) {
  const [row] = await getDb()
    .select({ group: caseGroups })
    .from(followUpCases)
    .innerJoin(caseGroups, eq(caseGroups.id, followUpCases.groupId))
    .where(eq(followUpCases.id, caseId))
    .orderBy(desc(caseGroups.id));
  return row?.group ?? null;
}

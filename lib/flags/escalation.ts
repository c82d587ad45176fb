import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { agencies, caseEvents, caseGroupEvents, caseGroups, followUpCases, periods, users } from "@/db/schema";
import { getAgencyReview, loadReviewChains } from "@/db/queries/review-levels";
import { recordAudit } from "@/lib/audit/record";
import { sendNotices, type Notice } from "@/lib/notifications/notify";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { daysBetween } from "@/core/fiscal/calendar";
import { nextEscalation, type EscalationLevel } from "@/core/flags/escalation";
import en from "@/messages/en.json";
import th from "@/messages/th.json";

// Daily (the cases-escalate job): an overdue follow-up case is told to the next level of the review chain
// (core/flags/escalation.ts). A case of its own goes to its agency's ministry or province reviewer, then
// DGA; a ministry's or province's case goes to DGA (its executives and the case's assignee). Its parts are
// not escalated one by one: the case of the level escalates. Each step once per due date (dedupe key and
// the case's step counter, in one transaction per run).

export interface EscalationSummary {
  escalated: number;
  notifications: number;
}

interface Target {
  kind: "case" | "group";
  id: number;
  level: EscalationLevel;
  recipients: number[];
  days: number;
  dueOn: string;
  step: number;
  nameTh: string;
  nameEn: string;
  period: string;
}

export async function escalateOverdueCases(today: string): Promise<EscalationSummary> {
  const db = getDb();
  return db.transaction(async (tx) => {
    const chains = await loadReviewChains(tx);
    const targets: Target[] = [];
    const cases = await tx
      .select({ kase: followUpCases, nameTh: agencies.nameTh, nameEn: agencies.nameEn, period: periods.code })
      .from(followUpCases)
      .innerJoin(agencies, eq(agencies.id, followUpCases.agencyId))
      .innerJoin(periods, eq(periods.id, followUpCases.periodId))
      .where(and(inArray(followUpCases.status, ["open", "in_progress"]), lt(followUpCases.dueOn, today), sql`${followUpCases.groupId} is null`))
      .for("update", { of: followUpCases });
    for (const { kase, nameTh, nameEn, period } of cases) {
      const review = await getAgencyReview(tx, kase.agencyId, chains);
      const reviewLevel = review.level === "ministry" || review.level === "province" ? review.level : "none";
      const days = daysBetween(kase.dueOn!, today);
      const level = nextEscalation({ scope: "agency", reviewLevel, daysOverdue: days, stepsTaken: kase.escalationSteps });
      if (!level) continue;
      const recipients = await recipientsOf(tx, level, { ministryId: review.ministryId, province: review.province, assigneeId: kase.assigneeId });
      targets.push({ kind: "case", id: kase.id, level, recipients, days, dueOn: kase.dueOn!, step: kase.escalationSteps + 1, nameTh, nameEn, period });
    }
    const groups = await tx
      .select({ group: caseGroups, ministryTh: agencies.nameTh, ministryEn: agencies.nameEn, period: periods.code })
      .from(caseGroups)
      .leftJoin(agencies, eq(agencies.id, caseGroups.ministryId))
      .innerJoin(periods, eq(periods.id, caseGroups.periodId))
      .where(and(inArray(caseGroups.status, ["open", "in_progress"]), lt(caseGroups.dueOn, today)))
      .for("update", { of: caseGroups });
    for (const { group, ministryTh, ministryEn, period } of groups) {
      const days = daysBetween(group.dueOn!, today);
      const level = nextEscalation({ scope: group.scope, reviewLevel: "none", daysOverdue: days, stepsTaken: group.escalationSteps });
      if (!level) continue;
      const recipients = await recipientsOf(tx, level, { ministryId: group.ministryId, province: group.province, assigneeId: group.assigneeId });
      const nameTh = ministryTh ?? `จังหวัด${group.province}`;
      const nameEn = ministryEn ?? `${group.province} province`;
      targets.push({ kind: "group", id: group.id, level, recipients, days, dueOn: group.dueOn!, step: group.escalationSteps + 1, nameTh, nameEn, period });
    }

    const notices: Notice[] = [];
    for (const t of targets) {
      if (t.kind === "case") {
        await tx.update(followUpCases).set({ escalationSteps: t.step }).where(eq(followUpCases.id, t.id));
        await tx.insert(caseEvents).values({ caseId: t.id, kind: "escalated", actorId: null, body: t.level });
      } else {
        await tx.update(caseGroups).set({ escalationSteps: t.step }).where(eq(caseGroups.id, t.id));
        await tx.insert(caseGroupEvents).values({ groupId: t.id, kind: "escalated", actorId: null, body: t.level });
      }
      const path = t.kind === "case" ? `/cases/${t.id}` : `/cases/group/${t.id}`;
      for (const userId of t.recipients) {
        notices.push({
          userId,
          kind: "case_escalated",
          payload: {
            caseId: t.id,
            agency: t.nameTh,
            agencyEn: t.nameEn,
            period: t.period,
            days: t.days,
            level: th.worklist.escalationLevel[t.level],
            levelEn: en.worklist.escalationLevel[t.level],
          },
          dedupeKey: `case-escalated:${t.kind}:${t.id}:${t.dueOn}:${t.step}`,
          path,
        });
      }
      await recordAudit(tx, SYSTEM_ACTOR, { action: "case.escalate", entityType: t.kind === "case" ? "follow_up_case" : "case_group", entityId: t.id, after: { level: t.level, step: t.step, days: t.days } });
    }
    const notifications = await sendNotices(tx, notices);
    return { escalated: targets.length, notifications };
  });

  async function recipientsOf(q: Queryable, level: EscalationLevel, at: { ministryId: number | null; province: string | null; assigneeId: number | null }): Promise<number[]> {
    const where =
      level === "ministry"
        ? and(eq(users.role, "ministry_reviewer"), eq(users.agencyId, at.ministryId ?? -1))
        : level === "province"
          ? and(eq(users.role, "province_reviewer"), eq(users.province, at.province ?? ""))
          : eq(users.role, "executive");
    // In the run's transaction: on the embedded database another connection would wait for it forever.
    const rows = await q.select({ id: users.id }).from(users).where(and(where, eq(users.active, true)));
    const ids = rows.map((r) => r.id);
    if (level === "dga" && at.assigneeId) ids.push(at.assigneeId);
    return [...new Set(ids)];
  }
}

import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { effectiveTemplateIdSql } from "@/db/queries/assessment-items";
import { periodPhase } from "@/core/fiscal/period-phase";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, assessmentTemplates, components, periods, submissionEvents, submissions, users } from "@/db/schema";
import type { NotificationKind } from "@/core/assessments/enums";
import { daysBetween } from "@/core/fiscal/calendar";
import { formatDate } from "@/core/format/thai";
import { notifyUsers } from "./notify";

/** Reminders start this many days before the due date. */
export const DUE_SOON_DAYS = 7;

export type ReminderStage = "due_soon" | "due_today" | "overdue";

/**
 * Which reminder (if any) a missing submission gets today, and who receives it: the officers first;
 * on the due date also the head; once overdue also the responsible analyst, repeated weekly.
 */
export function reminderStage(today: string, dueOn: string): { stage: ReminderStage; kind: NotificationKind; days: number; round: string } | null {
  const days = daysBetween(today, dueOn);
  if (days > DUE_SOON_DAYS) return null;
  if (days > 0) return { stage: "due_soon", kind: "reminder_due_soon", days, round: "soon" };
  if (days === 0) return { stage: "due_today", kind: "reminder_due_today", days: 0, round: "today" };
  return { stage: "overdue", kind: "reminder_overdue", days: -days, round: `w${Math.floor((-days - 1) / 7)}` };
}

export interface ReminderSummary {
  missing: number;
  notifications: number;
}

/**
 * Sends reminders for every open period to agencies that have not yet submitted (never to those that
 * have). Idempotent per stage and week: running it twice a day sends nothing new the second time.
 */
export async function runReminders(today: string): Promise<ReminderSummary> {
  const db = getDb();
  // Upcoming quarters and those past their closing day take no more work: nobody is reminded of them.
  const openPeriods = (await db.select().from(periods).where(eq(periods.status, "open"))).filter((p) => periodPhase(p, today) === "open");
  const summary: ReminderSummary = { missing: 0, notifications: 0 };
  for (const period of openPeriods) {
    const stage = reminderStage(today, period.dueOn);
    if (!stage) continue;
    const missing = await db
      .select({ agencyId: agencies.id, agencyCode: agencies.code, agencyNameTh: agencies.nameTh, componentId: components.id, componentCode: components.code, componentNameTh: components.nameTh, componentNameEn: components.nameEn })
      .from(agencyComponents)
      .innerJoin(agencies, and(eq(agencies.id, agencyComponents.agencyId), eq(agencies.active, true)))
      .innerJoin(components, eq(components.id, agencyComponents.componentId))
      .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, effectiveTemplateIdSql(components.id, sql`${period.startsOn}::date`)))
      .leftJoin(submissions, and(eq(submissions.agencyId, agencies.id), eq(submissions.componentId, components.id), eq(submissions.periodId, period.id)))
      .where(isNull(submissions.firstSubmittedAt));
    summary.missing += missing.length;
    const analysts = await db.select({ id: users.id }).from(users).where(and(eq(users.role, "analyst"), eq(users.active, true)));
    const digest = new Map<number, number>();
    for (const m of missing) {
      const roles = stage.stage === "due_soon" ? (["agency_officer"] as const) : (["agency_officer", "agency_head"] as const);
      const recipients = (await db.select({ id: users.id }).from(users).where(and(eq(users.agencyId, m.agencyId), inArray(users.role, [...roles]), eq(users.active, true)))).map((u) => u.id);
      if (stage.stage === "overdue") {
        // Analysts get one digest per period and week, not one message per missing form.
        for (const id of await responsibleAnalysts(m.agencyId, analysts.map((a) => a.id))) digest.set(id, (digest.get(id) ?? 0) + 1);
      }
      summary.notifications += await db.transaction((tx) =>
        notifyUsers(tx, {
          userIds: [...new Set(recipients)],
          kind: stage.kind,
          payload: { period: period.code, agency: m.agencyNameTh, component: m.componentNameTh, componentEn: m.componentNameEn, dueOn: formatDate(period.dueOn, "th"), days: stage.days },
          dedupeKey: `reminder:${period.code}:${m.agencyCode}:${m.componentCode}:${stage.round}`,
          path: `/submissions/${m.agencyCode}/${period.code}/${m.componentCode}`,
        }),
      );
    }
    for (const [analystId, count] of digest) {
      summary.notifications += await db.transaction((tx) =>
        notifyUsers(tx, {
          userIds: [analystId],
          kind: "reminder_overdue_digest",
          payload: { period: period.code, count, dueOn: formatDate(period.dueOn, "th"), days: stage.days },
          dedupeKey: `reminder-digest:${period.code}:${stage.round}`,
          path: `/completeness?period=${period.code}`,
        }),
      );
    }
  }
  return summary;
}

/**
 * There is no assignment of analysts to agencies yet; the analyst who last reviewed the agency
 * (returned or approved one of its submissions) is the one who knows it. Without one, every analyst.
 */
async function responsibleAnalysts(agencyId: number, allAnalysts: number[]): Promise<number[]> {
  const reviewer = alias(users, "reviewer");
  const [last] = await getDb()
    .select({ id: reviewer.id })
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .innerJoin(reviewer, eq(reviewer.id, submissionEvents.actorId))
    .where(and(eq(submissions.agencyId, agencyId), inArray(submissionEvents.action, ["approve", "return"]), eq(reviewer.role, "analyst"), eq(reviewer.active, true)))
    .orderBy(desc(submissionEvents.at))
    .limit(1);
  return last ? [last.id] : allAnalysts;
}

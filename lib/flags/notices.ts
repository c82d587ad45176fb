import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { agencies, flagRules, flags, followUpCases, periods, users } from "@/db/schema";
import { daysBetween } from "@/core/fiscal/calendar";
import { formatDate } from "@/core/format/thai";
import { sendNotices, type Notice } from "@/lib/notifications/notify";
import { flagSubjectName } from "@/db/queries/flags";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { SEVERITIES, type Severity } from "@/core/flags/rules";

/** Most severe first. */
const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();

// Notices of the lagging-agency domain: a flag opened for an agency, a case assigned, a case overdue.
// Each is written in the transaction of the event (or, for overdue cases, the daily run) with a dedupe
// key, so a retried or repeated run never sends the same notice twice.

const AGENCY_ROLES = ["agency_officer", "agency_head"] as const;

/** The officers and head of each agency, active accounts only. */
async function agencyStaff(db: Queryable, agencyIds: number[]): Promise<Map<number, number[]>> {
  const staff = new Map<number, number[]>();
  if (!agencyIds.length) return staff;
  const rows = await db
    .select({ id: users.id, agencyId: users.agencyId })
    .from(users)
    .where(and(inArray(users.agencyId, [...new Set(agencyIds)]), inArray(users.role, [...AGENCY_ROLES]), eq(users.active, true)));
  for (const r of rows) staff.set(r.agencyId!, [...(staff.get(r.agencyId!) ?? []), r.id]);
  return staff;
}

/**
 * Tells each agency's officers and head about the flags that just opened (or re-opened after
 * recovering) for it: ONE notice per person, agency and quarter, listing every finding with what it is
 * about (the indicator or component by name), most severe first. The key carries the flags and their
 * moment of opening, so a re-opening is a new notice while a repeated evaluation, which opens nothing,
 * sends nothing.
 */
export async function notifyFlagsOpened(db: Queryable, flagIds: readonly number[]): Promise<number> {
  if (!flagIds.length) return 0;
  // One statement, joined to the recipients: at national scale most agencies have no account yet, and
  // an evaluation can open tens of thousands of flags.
  const rows = await db
    .select({
      id: flags.id,
      userId: users.id,
      agencyId: flags.agencyId,
      severity: flags.severity,
      openedAt: flags.lastChangedAt,
      agencyCode: agencies.code,
      agencyTh: agencies.nameTh,
      agencyEn: agencies.nameEn,
      ruleTh: flagRules.nameTh,
      ruleEn: flagRules.nameEn,
      subjectTh: flagSubjectName("th"),
      subjectEn: flagSubjectName("en"),
      period: periods.code,
    })
    .from(flags)
    .innerJoin(users, and(eq(users.agencyId, flags.agencyId), inArray(users.role, [...AGENCY_ROLES]), eq(users.active, true)))
    .innerJoin(agencies, eq(agencies.id, flags.agencyId))
    .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
    .innerJoin(periods, eq(periods.id, flags.periodId))
    .where(sql`${flags.id} = any(${sql.param([...flagIds])}::int[])`)
    .orderBy(flags.id, users.id);
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.userId}:${row.agencyId}:${row.period}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const notices: Notice[] = [];
  for (const group of groups.values()) {
    const findings = [...group].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity as Severity) - SEVERITY_ORDER.indexOf(b.severity as Severity) || a.id - b.id);
    const first = findings[0]!;
    const item = (r: (typeof rows)[number], locale: "th" | "en") =>
      locale === "th" ? `${r.ruleTh}: ${r.subjectTh ?? "-"} (ระดับ${th.flags.severity[r.severity as Severity]})` : `${r.ruleEn}: ${r.subjectEn ?? "-"} (${en.flags.severity[r.severity as Severity]})`;
    const identity = findings.map((r) => `${r.id}@${r.openedAt.getTime()}`).join(",");
    notices.push({
      userId: first.userId,
      kind: "flag_opened",
      payload: {
        period: first.period,
        agency: first.agencyTh,
        agencyEn: first.agencyEn,
        count: findings.length,
        items: findings.map((r) => item(r, "th")).join("; "),
        itemsEn: findings.map((r) => item(r, "en")).join("; "),
      },
      dedupeKey: `flags-opened:${first.agencyId}:${first.period}:${createHash("sha256").update(identity).digest("hex").slice(0, 32)}`,
      path: `/lagging/${first.agencyCode}?period=${first.period}`,
    });
  }
  return sendNotices(db, notices);
}

async function caseHeadline(db: Queryable, caseId: number) {
  const [row] = await db
    .select({ kase: followUpCases, agencyTh: agencies.nameTh, agencyEn: agencies.nameEn, period: periods.code })
    .from(followUpCases)
    .innerJoin(agencies, eq(agencies.id, followUpCases.agencyId))
    .innerJoin(periods, eq(periods.id, followUpCases.periodId))
    .where(eq(followUpCases.id, caseId));
  return row!;
}

const dueOnValues = (dueOn: string | null) => ({
  dueOn: dueOn ? formatDate(dueOn, "th") : th.flags.noDueDate,
  dueOnEn: dueOn ? formatDate(dueOn, "en") : en.flags.noDueDate,
});

/** Tells the analyst a case was assigned to (nobody is told about assigning a case to themselves). */
export async function notifyCaseAssigned(db: Queryable, options: { caseId: number; assigneeId: number; assignedBy: number }): Promise<number> {
  if (options.assigneeId === options.assignedBy) return 0;
  const { kase, agencyTh, agencyEn, period } = await caseHeadline(db, options.caseId);
  return sendNotices(db, [
    {
      userId: options.assigneeId,
      kind: "case_assigned",
      payload: { caseId: kase.id, agency: agencyTh, agencyEn, period, ...dueOnValues(kase.dueOn) },
      // A case can be handed back and forth: each assignment (a new case version) is its own notice.
      dedupeKey: `case-assigned:${kase.id}:${kase.version}`,
      path: `/cases/${kase.id}`,
    },
  ]);
}

export interface OverdueSummary {
  overdue: number;
  notifications: number;
}

/**
 * Daily: every open or in-progress case past its due date is notified once to its assignee and to the
 * agency's officers and head. Moving the due date makes a new deadline, which is notified once again.
 */
export async function notifyOverdueCases(today: string): Promise<OverdueSummary> {
  const db = getDb();
  const rows = await db
    .select({ kase: followUpCases, agencyCode: agencies.code, agencyTh: agencies.nameTh, agencyEn: agencies.nameEn, period: periods.code })
    .from(followUpCases)
    .innerJoin(agencies, eq(agencies.id, followUpCases.agencyId))
    .innerJoin(periods, eq(periods.id, followUpCases.periodId))
    .where(and(inArray(followUpCases.status, ["open", "in_progress"]), lt(followUpCases.dueOn, today)))
    .orderBy(followUpCases.id);
  if (!rows.length) return { overdue: 0, notifications: 0 };
  const notifications = await db.transaction(async (tx) => {
    const staff = await agencyStaff(
      tx,
      rows.map((r) => r.kase.agencyId),
    );
    const notices: Notice[] = rows.flatMap(({ kase, agencyTh, agencyEn, period }) => {
      const recipients = new Set([...(kase.assigneeId ? [kase.assigneeId] : []), ...(staff.get(kase.agencyId) ?? [])]);
      return [...recipients].map((userId) => ({
        userId,
        kind: "case_overdue" as const,
        payload: { caseId: kase.id, agency: agencyTh, agencyEn, period, days: daysBetween(kase.dueOn!, today), ...dueOnValues(kase.dueOn) },
        dedupeKey: `case-overdue:${kase.id}:${kase.dueOn}`,
        path: `/cases/${kase.id}`,
      }));
    });
    return sendNotices(tx, notices);
  });
  return { overdue: rows.length, notifications };
}

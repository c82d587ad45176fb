import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, agencyComponents, assessmentTemplates, components, periods, submissions } from "@/db/schema";
import type { SubmissionStatus } from "@/lib/assessments/enums";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isAgencyRole } from "@/lib/domain/enums";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { daysBetween } from "@/lib/fiscal/calendar";

export interface CompletenessCounts {
  expected: number;
  submitted: number;
  onTime: number;
  approved: number;
}

export interface ExpectedSubmission {
  agencyCode: string;
  agencyNameTh: string;
  agencyNameEn: string;
  ministryCode: string | null;
  ministryNameTh: string | null;
  ministryNameEn: string | null;
  componentCode: string;
  componentNameTh: string;
  componentNameEn: string;
  status: SubmissionStatus | null;
  late: boolean;
  firstSubmittedAt: Date | null;
}

/**
 * Expected = every active agency tagged with a component that has an active template. A submission
 * counts as submitted once it first reached DGA (a later return does not un-submit it), on time when
 * that was by the due date, approved when approved now.
 */
export function classify(row: Pick<ExpectedSubmission, "status" | "late" | "firstSubmittedAt">) {
  const submitted = row.firstSubmittedAt !== null;
  return { submitted, onTime: submitted && !row.late, approved: row.status === "approved" };
}

export function tally(rows: readonly Pick<ExpectedSubmission, "status" | "late" | "firstSubmittedAt">[]): CompletenessCounts {
  const counts: CompletenessCounts = { expected: 0, submitted: 0, onTime: 0, approved: 0 };
  for (const row of rows) {
    const c = classify(row);
    counts.expected++;
    if (c.submitted) counts.submitted++;
    if (c.onTime) counts.onTime++;
    if (c.approved) counts.approved++;
  }
  return counts;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string) {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Narrows the tally to one component, ministry or agency (reports); all of them when empty. */
export interface CompletenessScope {
  componentCode?: string;
  ministryCode?: string;
  agencyCode?: string;
}

/**
 * Completeness of a period across agencies. DGA roles see every agency; an agency role only its own
 * agency's tally, and only by asking for it (its quarterly report).
 */
export async function getCompleteness(actor: Actor, periodCode: string, today: string, scope: CompletenessScope = {}) {
  const ownAgencyOnly = isAgencyRole(actor.role) && scope.agencyCode !== undefined && scope.agencyCode === actor.agencyCode;
  if (!can(actor, "completeness.view") && !ownAgencyOnly) throw new ForbiddenError();
  const db = getDb();
  const [period] = await db.select().from(periods).where(eq(periods.code, periodCode)).limit(1);
  if (!period) throw new NotFoundError("period");
  const ministry = alias(agencies, "ministry");
  const narrowed = and(
    scope.componentCode !== undefined ? eq(components.code, scope.componentCode) : undefined,
    scope.ministryCode !== undefined ? eq(ministry.code, scope.ministryCode) : undefined,
    scope.agencyCode !== undefined ? eq(agencies.code, scope.agencyCode) : undefined,
  );
  const rows: ExpectedSubmission[] = await db
    .select({
      agencyCode: agencies.code,
      agencyNameTh: agencies.nameTh,
      agencyNameEn: agencies.nameEn,
      ministryCode: ministry.code,
      ministryNameTh: ministry.nameTh,
      ministryNameEn: ministry.nameEn,
      componentCode: components.code,
      componentNameTh: components.nameTh,
      componentNameEn: components.nameEn,
      status: submissions.status,
      late: submissions.late,
      firstSubmittedAt: submissions.firstSubmittedAt,
    })
    .from(agencyComponents)
    .innerJoin(agencies, and(eq(agencies.id, agencyComponents.agencyId), eq(agencies.active, true)))
    .leftJoin(ministry, eq(ministry.id, agencies.parentId))
    .innerJoin(components, eq(components.id, agencyComponents.componentId))
    .innerJoin(assessmentTemplates, and(eq(assessmentTemplates.componentId, components.id), eq(assessmentTemplates.active, true)))
    .leftJoin(submissions, and(eq(submissions.agencyId, agencies.id), eq(submissions.componentId, components.id), eq(submissions.periodId, period.id)))
    .where(narrowed)
    .orderBy(asc(components.ordinal), asc(agencies.code))
    .then((list) => list.map((r) => ({ ...r, late: r.late ?? false })));

  const byComponent = [...groupBy(rows, (r) => r.componentCode).entries()].map(([code, list]) => ({
    code,
    nameTh: list[0]!.componentNameTh,
    nameEn: list[0]!.componentNameEn,
    ...tally(list),
  }));
  const byMinistry = [...groupBy(rows, (r) => r.ministryCode ?? r.agencyCode).entries()]
    .map(([code, list]) => ({
      code,
      nameTh: list[0]!.ministryNameTh ?? list[0]!.agencyNameTh,
      nameEn: list[0]!.ministryNameEn ?? list[0]!.agencyNameEn,
      ...tally(list),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const byAgency = [...groupBy(rows, (r) => r.agencyCode).entries()]
    .map(([code, list]) => ({ code, nameTh: list[0]!.agencyNameTh, nameEn: list[0]!.agencyNameEn, ministryCode: list[0]!.ministryCode, ...tally(list) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const pastDue = today > period.dueOn;
  const overdue = rows
    .filter((r) => !classify(r).submitted)
    .map((r) => ({ ...r, daysOverdue: pastDue ? daysBetween(period.dueOn, today) : 0 }));
  return { period, total: tally(rows), byComponent, byMinistry, byAgency, overdue, pastDue };
}

import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import {
  agencies,
  agencyComponents,
  assessmentTemplates,
  components,
  evidence,
  indicatorFacts,
  periods,
  reviewComments,
  submissionEvents,
  submissions,
  submissionValues,
  users,
} from "@/db/schema";
import { effectiveTemplateIdSql, getActiveTemplate, listTemplateItems } from "@/db/queries/assessment-items";
import { storedFields } from "@/core/assessments/stored-fields";
import type { SubmissionStatus } from "@/core/assessments/enums";
import type { Actor } from "@/core/auth/actor";
import { can, canViewAgency } from "@/core/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { previousPeriod } from "@/core/fiscal/calendar";

/**
 * Everything the submission page shows for agency × period × component. Agency roles get only their
 * own agency; anything out of scope, unknown or not expected (agency not tagged with the component, no
 * template) is the same NotFoundError.
 */
export async function getSubmissionForm(actor: Actor, agencyCode: string, periodCode: string, componentCode: string) {
  if (!can(actor, "submission.view")) throw new NotFoundError("submission");
  const db = getDb();
  const [agency] = await db.select().from(agencies).where(eq(agencies.code, agencyCode)).limit(1);
  if (!agency || !canViewAgency(actor, agency.id)) throw new NotFoundError("submission");
  const [period] = await db.select().from(periods).where(eq(periods.code, periodCode)).limit(1);
  const [component] = await db.select().from(components).where(eq(components.code, componentCode)).limit(1);
  if (!period || !component) throw new NotFoundError("submission");
  const [tag] = await db
    .select()
    .from(agencyComponents)
    .where(and(eq(agencyComponents.agencyId, agency.id), eq(agencyComponents.componentId, component.id)));
  const [submission] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.agencyId, agency.id), eq(submissions.periodId, period.id), eq(submissions.componentId, component.id)));
  const [template] = submission
    ? await db.select().from(assessmentTemplates).where(eq(assessmentTemplates.id, submission.templateId))
    : [await getActiveTemplate(db, component.id, period.id)];
  if (!template || (!tag && !submission)) throw new NotFoundError("submission");

  const items = await listTemplateItems(db, template.id, period.id, agency.id);
  const values = submission ? await db.select().from(submissionValues).where(eq(submissionValues.submissionId, submission.id)) : [];
  const fields = submission ? storedFields(submission, values) : {};

  // The previous period's answers, shown beside each field for comparison.
  const previousCode = safePrevious(period.code);
  const [previous] = previousCode
    ? await db
        .select({ submission: submissions, periodCode: periods.code })
        .from(submissions)
        .innerJoin(periods, eq(periods.id, submissions.periodId))
        .where(and(eq(submissions.agencyId, agency.id), eq(periods.code, previousCode), eq(submissions.componentId, component.id)))
    : [];
  const previousValues = previous ? await db.select().from(submissionValues).where(eq(submissionValues.submissionId, previous.submission.id)) : [];
  const previousFields = previous ? storedFields(previous.submission, previousValues) : {};

  const evidenceRows = submission
    ? await db
        .select({ id: evidence.id, kind: evidence.kind, title: evidence.title, fileName: evidence.fileName, mimeType: evidence.mimeType, sizeBytes: evidence.sizeBytes, sha256: evidence.sha256, url: evidence.url, itemId: evidence.itemId, createdAt: evidence.createdAt })
        .from(evidence)
        .where(eq(evidence.submissionId, submission.id))
        .orderBy(asc(evidence.id))
    : [];
  const comments = submission
    ? await db
        .select({ comment: reviewComments, authorName: users.name })
        .from(reviewComments)
        .leftJoin(users, eq(users.id, reviewComments.authorId))
        .where(eq(reviewComments.submissionId, submission.id))
        .orderBy(desc(reviewComments.id))
    : [];
  // Values held as implausible: what the reviewer reads first, and confirms so that they count.
  const confirmer = alias(users, "confirmer");
  const held = submission
    ? await db
        .select({
          factId: indicatorFacts.id,
          itemId: submissionValues.itemId,
          value: indicatorFacts.value,
          state: indicatorFacts.state,
          reason: submissionValues.outOfRangeReason,
          confirmedAt: indicatorFacts.confirmedAt,
          confirmedBy: confirmer.name,
        })
        .from(indicatorFacts)
        .innerJoin(submissionValues, and(eq(submissionValues.id, indicatorFacts.sourceId), eq(indicatorFacts.source, "self_assessment")))
        .leftJoin(confirmer, eq(confirmer.id, indicatorFacts.confirmedById))
        .where(and(eq(submissionValues.submissionId, submission.id), eq(indicatorFacts.needsConfirmation, true)))
        .orderBy(asc(submissionValues.itemId))
    : [];
  const events = submission
    ? await db
        .select({ event: submissionEvents, actorName: users.name })
        .from(submissionEvents)
        .leftJoin(users, eq(users.id, submissionEvents.actorId))
        .where(eq(submissionEvents.submissionId, submission.id))
        .orderBy(asc(submissionEvents.id))
    : [];
  return {
    agency,
    period,
    component,
    template,
    items,
    submission: submission ?? null,
    values,
    fields,
    previous: previous ? { periodCode: previous.periodCode, fields: previousFields } : null,
    evidence: evidenceRows,
    held,
    comments: comments.map((c) => ({ ...c.comment, authorName: c.authorName })),
    events: events.map((e) => ({ ...e.event, actorName: e.actorName })),
  };
}
export type SubmissionForm = Awaited<ReturnType<typeof getSubmissionForm>>;

function safePrevious(code: string): string | null {
  try {
    return previousPeriod(code);
  } catch {
    return null;
  }
}

/**
 * An agency's expected submissions (its component tags that have a template) in the given periods,
 * with status where one exists: the officer's home and the agency profile.
 */
export async function listAgencySubmissions(actor: Actor, agencyId: number, periodIds: number[]) {
  if (!can(actor, "submission.view") || !canViewAgency(actor, agencyId)) throw new NotFoundError("agency");
  if (!periodIds.length) return [];
  const db = getDb();
  const rows = await db
    .select({
      periodId: periods.id,
      periodCode: periods.code,
      startsOn: periods.startsOn,
      dueOn: periods.dueOn,
      periodStatus: periods.status,
      closesOn: periods.closesOn,
      componentId: components.id,
      componentCode: components.code,
      nameTh: components.nameTh,
      nameEn: components.nameEn,
      submissionId: submissions.id,
      status: submissions.status,
      late: submissions.late,
      submittedAt: submissions.submittedAt,
      statusChangedAt: submissions.statusChangedAt,
    })
    .from(agencyComponents)
    .innerJoin(components, eq(components.id, agencyComponents.componentId))
    .innerJoin(periods, inArray(periods.id, periodIds))
    .innerJoin(assessmentTemplates, eq(assessmentTemplates.id, effectiveTemplateIdSql(components.id, periods.startsOn)))
    .leftJoin(submissions, and(eq(submissions.agencyId, agencyComponents.agencyId), eq(submissions.componentId, components.id), eq(submissions.periodId, periods.id)))
    .where(eq(agencyComponents.agencyId, agencyId))
    .orderBy(desc(periods.startsOn), asc(components.ordinal));
  return rows;
}

export interface ReviewQueueOptions {
  periodCode?: string;
  componentCode?: string;
  status?: SubmissionStatus;
  ministryCode?: string;
}

/** DGA's queue: submissions with agency, ministry, and how long they have waited in their current step. */
export async function listReviewQueue(actor: Actor, options: ReviewQueueOptions = {}) {
  if (!can(actor, "submission.review") && !can(actor, "completeness.view")) throw new ForbiddenError();
  const db = getDb();
  const ministry = alias(agencies, "ministry");
  const filters: SQL[] = [];
  if (options.periodCode) filters.push(eq(periods.code, options.periodCode));
  if (options.componentCode) filters.push(eq(components.code, options.componentCode));
  if (options.status) filters.push(eq(submissions.status, options.status));
  if (options.ministryCode) filters.push(eq(ministry.code, options.ministryCode));
  const rows = await db
    .select({
      id: submissions.id,
      status: submissions.status,
      late: submissions.late,
      version: submissions.version,
      statusChangedAt: submissions.statusChangedAt,
      submittedAt: submissions.submittedAt,
      periodCode: periods.code,
      dueOn: periods.dueOn,
      componentCode: components.code,
      componentNameTh: components.nameTh,
      componentNameEn: components.nameEn,
      agencyCode: agencies.code,
      agencyNameTh: agencies.nameTh,
      agencyNameEn: agencies.nameEn,
      ministryNameTh: ministry.nameTh,
      ministryNameEn: ministry.nameEn,
      openComments: sql<number>`(select count(*)::int from ${reviewComments} where ${reviewComments.submissionId} = ${submissions.id} and ${reviewComments.resolvedAt} is null)`,
    })
    .from(submissions)
    .innerJoin(periods, eq(periods.id, submissions.periodId))
    .innerJoin(components, eq(components.id, submissions.componentId))
    .innerJoin(agencies, eq(agencies.id, submissions.agencyId))
    .leftJoin(ministry, eq(ministry.id, agencies.parentId))
    .where(filters.length ? and(...filters) : undefined)
    // Oldest waiting first: that is the order a reviewer should work in.
    .orderBy(asc(submissions.statusChangedAt))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const events = ids.length
    ? await db.select().from(submissionEvents).where(inArray(submissionEvents.submissionId, ids)).orderBy(asc(submissionEvents.id))
    : [];
  return rows.map((row) => ({ ...row, steps: timeInSteps(events.filter((e) => e.submissionId === row.id)) }));
}

/** Total time spent in each status, from the event history (the current step runs until now). */
export function timeInSteps(events: { toStatus: SubmissionStatus; at: Date }[], now: Date = new Date()): Partial<Record<SubmissionStatus, number>> {
  const totals: Partial<Record<SubmissionStatus, number>> = {};
  events.forEach((event, index) => {
    const end = events[index + 1]?.at ?? now;
    totals[event.toStatus] = (totals[event.toStatus] ?? 0) + Math.max(0, end.getTime() - event.at.getTime());
  });
  return totals;
}

import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
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
import type { Actor } from "@/core/auth/actor";
import { can, canViewAgency } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";
import { previousPeriod } from "@/core/fiscal/calendar";
import { canViewAgencySubmissions, getAgencyReview } from "@/db/queries/review-levels";

/**
 * Everything the submission page shows for agency × period × component. Agency roles get only their
 * own agency; anything out of scope, unknown or not expected (agency not tagged with the component, no
 * template) is the same NotFoundError.
 */
export async function getSubmissionForm(actor: Actor, agencyCode: string, periodCode: string, componentCode: string) {
  if (!can(actor, "submission.view")) throw new NotFoundError("submission");
  const db = getDb();
  const [agency] = await db.select().from(agencies).where(eq(agencies.code, agencyCode)).limit(1);
  if (!agency || !(await canViewAgencySubmissions(db, actor, agency.id))) throw new NotFoundError("submission");
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
    review: await getAgencyReview(db, agency.id),
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

// The records the authorization matrix points its sample requests at, created on top of the demo data
// through the same services the app uses. Everything agency-specific belongs to the officer's own agency
// (DOPA, 03002), so that the officer of another agency (Revenue, 02003) must be answered "not found".
import { and, desc, eq, inArray, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import {
  agencies,
  assessmentItems,
  assessmentTemplates,
  caseFlags,
  components,
  emenscrProjects,
  flagRules,
  flags,
  indicatorFacts,
  indicators,
  periods,
  services,
  submissions,
  users,
} from "@/db/schema";
import { addEvidenceFile, addEvidenceLink } from "@/lib/assessments/evidence";
import type { Actor } from "@/core/auth/actor";
import { createComponentRule } from "@/lib/emenscr/batch-service";
import { commitImport } from "@/lib/emenscr/import-service";
import { addCaseAttachment } from "@/lib/flags/case-attachments";
import { openGroupCase } from "@/lib/flags/group-cases";
import { openCase } from "@/lib/flags/cases";
import { generateReport } from "@/lib/reports/generate";
import { publishOpenData } from "@/lib/open-data/publish";
import { issueApiToken, revokeApiToken } from "@/lib/api/tokens";
import { apiTokens } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { demoEmailOf, OTHER_AGENCY, OTHER_MINISTRY, OWN_AGENCY, OWN_MINISTRY, SUBJECTS, type Fixtures, type Subject, type TokenSubject } from "./matrix";
import { routeSupportRequest } from "@/lib/asks/support-requests";

const PERIOD = "2570Q1";
const COMPONENT = "midstream";
/** A closed demo quarter, published as open data. */
const PUBLISHED_PERIOD = "2569Q4";

/** The session's view of a demo user, as getActor would return it. */
export async function demoActor(subject: Subject): Promise<Actor | null> {
  const email = demoEmailOf(subject);
  if (!email) return null;
  const [row] = await getDb()
    .select({ user: users, agencyCode: agencies.code })
    .from(users)
    .leftJoin(agencies, eq(agencies.id, users.agencyId))
    .where(eq(users.email, email));
  if (!row) throw new Error(`demo user ${email} missing: seed the database first`);
  const { user } = row;
  return { id: user.id, email: user.email, name: user.name, role: user.role, agencyId: user.agencyId, agencyCode: row.agencyCode, locale: user.locale, province: user.province, managesUsers: user.managesUsers };
}

const PDF = Buffer.from("%PDF-1.4\n% authorization matrix evidence\n%%EOF\n");

/** Creates the matrix's records (idempotence is not needed: each run starts from a fresh database). */
export async function createAuthzFixtures(): Promise<Fixtures> {
  const db = getDb();
  const actors = Object.fromEntries(await Promise.all(SUBJECTS.map(async (s) => [s, await demoActor(s)] as const))) as Record<Subject, Actor | null>;
  const analyst = actors.analyst!;
  const officer = actors.agency_officer!;
  const [agency] = await db.select().from(agencies).where(eq(agencies.code, OWN_AGENCY));
  const [period] = await db.select().from(periods).where(eq(periods.code, PERIOD));
  const [component] = await db.select().from(components).where(eq(components.code, COMPONENT));
  if (!agency || !period || !component) throw new Error("demo data missing: seed the database first");

  // The demo's draft (editable) and a submission waiting for DGA's review, both of the own agency.
  const [draft] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.agencyId, agency.id), eq(submissions.periodId, period.id), eq(submissions.componentId, component.id)));
  if (!draft || draft.status !== "draft") throw new Error("the demo's draft submission is missing");
  const [downstream] = await db.select().from(components).where(eq(components.code, "downstream"));
  const [downstreamTemplate] = await db.select().from(assessmentTemplates).where(eq(assessmentTemplates.componentId, downstream!.id));
  const [submitted] = await db
    .insert(submissions)
    .values({ agencyId: agency.id, periodId: period.id, componentId: downstream!.id, templateId: downstreamTemplate!.id, status: "submitted", version: 1, createdById: officer.id, updatedById: officer.id })
    .returning();
  // What the agency asked DGA for, in the submission it sent: one text tagged, one routed to a unit.
  await db
    .update(submissions)
    .set({ problemsText: "งบประมาณไม่เพียงพอ", supportText: "ขอคำปรึกษาด้านมาตรฐานข้อมูล", firstSubmittedAt: new Date() })
    .where(eq(submissions.id, submitted!.id));
  const supportRequest = await routeSupportRequest(analyst, { source: "submission_support", sourceId: submitted!.id, unitCode: "agency_support" });
  const [templateItem] = await db.select().from(assessmentItems).where(eq(assessmentItems.templateId, draft.templateId)).limit(1);

  const evidence = await addEvidenceFile(officer, {
    submissionId: draft.id,
    title: "หลักฐานทดสอบสิทธิ์",
    file: { name: "authz.pdf", type: "application/pdf", size: PDF.byteLength, bytes: new Uint8Array(PDF) },
  });
  // One link per subject for the delete requests (an allowed delete must not take another test's record).
  const disposable: Record<string, string> = {};
  for (const key of [...SUBJECTS, "crossOrigin"]) {
    const row = await addEvidenceLink(officer, { submissionId: draft.id, title: `ลบได้ ${key}`, url: `https://example.org/authz/${key}` });
    disposable[`disposableEvidence.${key}`] = String(row.id);
  }

  // Open flags of the own agency: one becomes a case, another is left for opening one.
  const caseFlagIds = db.select({ id: caseFlags.flagId }).from(caseFlags);
  const openFlags = await db
    .select({ id: flags.id })
    .from(flags)
    .where(and(eq(flags.agencyId, agency.id), eq(flags.status, "open"), notInArray(flags.id, caseFlagIds)))
    .orderBy(desc(flags.periodId), flags.id)
    .limit(2);
  if (openFlags.length < 2) throw new Error(`expected two open lagging flags for ${OWN_AGENCY} (the demo seed evaluates them)`);
  const kase = await openCase(analyst, { flagIds: [openFlags[0]!.id], plannedActions: "ติดตามการทดสอบสิทธิ์" });
  // A ministry case of DOPA's ministry (Interior), covering the open flags no case follows yet.
  const [groupFlag] = await db.select({ periodId: flags.periodId }).from(flags).where(eq(flags.id, openFlags[1]!.id));
  const groupCase = await openGroupCase(analyst, { periodId: groupFlag!.periodId, scope: "ministry", key: OWN_MINISTRY });
  const plan = Buffer.from("%PDF-1.4\n% authz fixture\n");
  const caseAttachment = await addCaseAttachment(analyst, { caseId: kase.id, title: "แผนการแก้ไข", file: { name: "plan.pdf", type: "application/pdf", size: plan.length, bytes: plan } });

  // A published quarter for the public open-data URLs and the scorecard.
  const [closedQuarter] = await db.select().from(periods).where(eq(periods.code, PUBLISHED_PERIOD));
  await publishOpenData(analyst, closedQuarter!.id);

  const reportId = await generateReport(officer, { period: PERIOD, scope: "agency", code: OWN_AGENCY, format: "csv", locale: "th" });

  const csv = [
    "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ",
    `AUTHZ-001,โครงการทดสอบสิทธิ์,กรมการปกครอง,${OWN_AGENCY},"1,000,000","500,000",50`,
  ].join("\n");
  const batch = await commitImport(analyst, { fileName: "authz.csv", bytes: Buffer.from(csv), periodCode: PERIOD });
  if (!batch.batchId) throw new Error("the fixture import did not commit");
  const [project] = await db.select({ code: emenscrProjects.projectCode }).from(emenscrProjects).where(eq(emenscrProjects.projectCode, "AUTHZ-001"));
  const componentRule = await createComponentRule(analyst, { componentId: component.id, field: "name", match: "keyword", pattern: "ทดสอบสิทธิ์" });
  const [flagRule] = await db.select().from(flagRules).orderBy(flagRules.id).limit(1);
  // A value held as implausible (an eMENSCR figure of the own agency, marked so): what an analyst confirms.
  const [heldFact] = await db
    .update(indicatorFacts)
    .set({ needsConfirmation: true })
    .where(inArray(indicatorFacts.id, db.select({ id: indicatorFacts.id }).from(indicatorFacts).where(and(eq(indicatorFacts.agencyId, agency.id), eq(indicatorFacts.importBatchId, batch.batchId))).limit(1)))
    .returning({ id: indicatorFacts.id });
  if (!heldFact) throw new Error("the fixture import wrote no fact to hold");

  const revocable = await issueApiToken(SYSTEM_ACTOR, { name: "authz revocable", scope: "national", expiresOn: liveTokenExpiry() });

  return {
    agency: OWN_AGENCY,
    apiToken: String(revocable.id),
    tokenExpiry: liveTokenExpiry(),
    agencyId: String(agency.id),
    otherAgency: OTHER_AGENCY,
    ministry: OWN_MINISTRY,
    period: PERIOD,
    periodId: String(period.id),
    periodDueOn: String(period.dueOn),
    publishedYear: String(closedQuarter!.fiscalYear),
    publishedQuarter: String(closedQuarter!.quarter),
    component: COMPONENT,
    componentId: String(component.id),
    indicator: "MID-01",
    indicatorId: String((await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, "MID-01")))[0]!.id),
    platform: "svc.thaid",
    platformId: String((await db.select({ id: services.id }).from(services).where(eq(services.code, "svc.thaid")))[0]!.id),
    submission: String(draft.id),
    submissionVersion: String(draft.version),
    submittedSubmission: String(submitted!.id),
    submittedSubmissionVersion: String(submitted!.version),
    templateItem: String(templateItem!.id),
    askSubmission: String(submitted!.id),
    supportRequest: String(supportRequest.id),
    supportRequestVersion: String(supportRequest.version),
    evidence: String(evidence.id),
    ...disposable,
    case: String(kase.id),
    caseAttachment: String(caseAttachment.id),
    caseVersion: String(kase.version),
    group: String(groupCase.group.id),
    groupVersion: String(groupCase.group.version),
    flag: String(openFlags[1]!.id),
    report: String(reportId),
    batch: String(batch.batchId),
    project: project!.code,
    componentRule: String(componentRule.id),
    flagRule: String(flagRule!.id),
    flagRuleVersion: String(flagRule!.version),
    heldFact: String(heldFact.id),
    otherOfficerUserId: String(actors.other_agency_officer!.id),
    officerUserId: String(officer.id),
    adminUserId: String(actors.admin!.id),
  };
}

/** The last day of a token that is still live for the tests' lifetime (about three months from now). */
export function liveTokenExpiry(now: Date = new Date()): string {
  return new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
}

/** One API token per token subject of the matrix (the secrets, by subject); the dead ones made so. */
export async function createTokenFixtures(): Promise<Record<TokenSubject, string>> {
  const expiresOn = liveTokenExpiry();
  const issue = (name: string, scope: "national" | "ministry" | "agency", agencyCode: string, canWrite: boolean) =>
    issueApiToken(SYSTEM_ACTOR, { name, scope, agencyCode, canWrite, expiresOn, rateLimitPerMinute: 1000 });
  const national = await issue("authz national", "national", "", true);
  const ministry = await issue("authz ministry", "ministry", OWN_MINISTRY, false);
  const agency = await issue("authz agency", "agency", OWN_AGENCY, true);
  const otherMinistry = await issue("authz other ministry", "ministry", OTHER_MINISTRY, true);
  const expired = await issue("authz expired", "national", "", true);
  await getDb().update(apiTokens).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(apiTokens.id, expired.id));
  const revoked = await issue("authz revoked", "national", "", true);
  await revokeApiToken(SYSTEM_ACTOR, revoked.id);
  return {
    national_token: national.secret,
    ministry_token: ministry.secret,
    agency_token: agency.secret,
    other_ministry_token: otherMinistry.secret,
    expired_token: expired.secret,
    revoked_token: revoked.secret,
  };
}

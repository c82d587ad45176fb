// DEMO DATA — self-assessment templates for the seven components and a handful of submissions in every
// workflow state, so that the form, review queue and completeness screens are not empty. Deterministic and
// idempotent: templates and items are upserted by code; a demo submission is created only if its
// agency × period × component has none yet (never overwriting what someone has typed since).
import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import {
  agencies,
  assessmentItems,
  assessmentTemplates,
  components,
  periods,
  reviewComments,
  submissionEvents,
  submissions,
  submissionValues,
  users,
} from "@/db/schema";
import type { SubmissionAction, SubmissionStatus } from "@/core/assessments/enums";
import { syncSubmissionFacts } from "@/lib/facts/write/submission-facts";
import { addDays } from "@/core/fiscal/calendar";
import { listAgencyTargets } from "@/db/queries/owed-figures";

interface DemoSubmission {
  agency: string;
  period: string;
  component: string;
  status: SubmissionStatus;
  /** Submitted after the due date ON PURPOSE, so timeliness and the "late" flag have something to show. */
  late?: boolean;
  /** Only some answers filled (a draft in progress). */
  partial?: boolean;
  comment?: { item?: boolean; text: string };
  /** Who returned it: DGA (default) or the intermediate level. */
  returnedBy?: "dga" | "ministry";
  /** Sent up this many days earlier than the others (the queue's longest waiting). */
  waitedDays?: number;
}

const DOPA = "03002";
const RD = "02003";
// The history: submitted a few days before each due date and approved in the following days, except for
// two reports submitted late ON PURPOSE (LATE_ON_PURPOSE below): DOPA's downstream report for 2569Q4 and
// RD's downstream report for 2569Q2.
export const LATE_ON_PURPOSE: ReadonlySet<string> = new Set([`${DOPA}|2569Q4|downstream`, `${RD}|2569Q2|downstream`]);
const approvedHistory = (agency: string, periods: string[], components: string[]): DemoSubmission[] =>
  periods.flatMap((period) =>
    components.map((component) => ({ agency, period, component, status: "approved" as const, late: LATE_ON_PURPOSE.has(`${agency}|${period}|${component}`) })),
  );
const DEMO_SUBMISSIONS: DemoSubmission[] = [
  ...approvedHistory(DOPA, ["2569Q1", "2569Q2", "2569Q3", "2569Q4"], ["midstream", "downstream", "cybersecurity"]),
  ...approvedHistory(RD, ["2569Q1", "2569Q2", "2569Q3", "2569Q4"], ["midstream", "downstream"]),
  // The open quarter: one of each state. DOPA's downstream form is left untouched for the walkthrough.
  { agency: DOPA, period: "2570Q1", component: "midstream", status: "draft", partial: true },
  { agency: DOPA, period: "2570Q1", component: "cybersecurity", status: "returned", comment: { item: true, text: "ตัวเลขไม่ตรงกับรายงานของ สกมช. กรุณาตรวจสอบ" } },
  { agency: RD, period: "2570Q1", component: "midstream", status: "submitted" },
  { agency: RD, period: "2570Q1", component: "downstream", status: "endorsed" },
  { agency: "02004", period: "2570Q1", component: "downstream", status: "approved" },
  // Review levels (issue 19): the Ministry of Interior's reviewer has two forms waiting, returned one to its
  // department, and forwarded one to DGA; Chiang Mai's provincial reviewer has one waiting.
  { agency: "03004", period: "2570Q1", component: "midstream", status: "submitted" },
  { agency: "03001", period: "2570Q1", component: "downstream", status: "submitted", waitedDays: 9 },
  { agency: "03006", period: "2570Q1", component: "downstream", status: "returned", returnedBy: "ministry", comment: { item: true, text: "ตัวเลขผู้ใช้บริการสูงกว่าไตรมาสก่อนมาก โปรดแนบหลักฐาน" } },
  { agency: "03005", period: "2570Q1", component: "downstream", status: "verified" },
  { agency: "03101", period: "2570Q1", component: "downstream", status: "submitted" },
  { agency: "02004", period: "2569Q4", component: "downstream", status: "approved" },
];

/**
 * The agency × period × component of every demo submission: their self-assessment figures come from the
 * submission, so the generated demo facts (scripts/seed/data/facts.ts) leave them out.
 */
export const DEMO_SUBMISSION_KEYS: ReadonlySet<string> = new Set(DEMO_SUBMISSIONS.map((d) => `${d.agency}|${d.period}|${d.component}`));

/** Deterministic pseudo-variation (0.85–1.15) so demo values differ by agency, period and item. */
function factor(key: string): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return 0.85 + ((h >>> 0) % 31) / 100;
}

const PATH: Record<SubmissionStatus, SubmissionAction[]> = {
  draft: ["save"],
  endorsed: ["save", "endorse"],
  submitted: ["save", "endorse", "submit"],
  verified: ["save", "endorse", "submit", "verify"],
  returned: ["save", "endorse", "submit", "return"],
  approved: ["save", "endorse", "submit", "approve"],
};
const STEP_TO: Record<string, SubmissionStatus> = { save: "draft", endorse: "endorsed", submit: "submitted", verify: "verified", return: "returned", approve: "approved" };

export async function seedDemoSubmissions(tx: Transaction): Promise<number> {
  const agencyRows = await tx.select().from(agencies).where(inArray(agencies.code, [...new Set(DEMO_SUBMISSIONS.map((d) => d.agency))]));
  const periodRows = await tx.select().from(periods);
  const componentRows = await tx.select().from(components);
  const templates = await tx.select().from(assessmentTemplates);
  const staff = await tx.select().from(users);
  const analyst = staff.find((u) => u.role === "analyst");
  const ministryReviewer = (agencyId: number) => staff.find((u) => u.role === "ministry_reviewer" && u.agencyId === agencyId);
  let created = 0;
  for (const demo of DEMO_SUBMISSIONS) {
    const agency = agencyRows.find((a) => a.code === demo.agency);
    const period = periodRows.find((p) => p.code === demo.period);
    const component = componentRows.find((c) => c.code === demo.component);
    const template = templates.find((t) => t.componentId === component?.id && t.version === 1);
    if (!agency || !period || !component || !template) continue;
    const officer = staff.find((u) => u.agencyId === agency.id && u.role === "agency_officer");
    const head = staff.find((u) => u.agencyId === agency.id && u.role === "agency_head");
    // Event times at 10:00 Bangkok: days before (or after, when late on purpose) the due date. In the open
    // quarter, whose due date is still ahead, a few weeks into the quarter instead, so nothing is in the future.
    const anchor = period.status === "open" ? addDays(period.startsOn, 50) : period.dueOn;
    const day = (offset: number) => new Date(`${anchor}T03:00:00Z`).getTime() + offset * 86_400_000;
    const submitOffset = (demo.late ? 4 : -3) - (demo.waitedDays ?? 0);
    const times: Record<string, number> = {
      save: day(-12 - (demo.waitedDays ?? 0)),
      endorse: day(submitOffset - 1),
      submit: day(submitOffset),
      verify: day(submitOffset + 2),
      return: day(submitOffset + 3),
      approve: day(submitOffset + 6),
    };
    const steps = PATH[demo.status];
    const at = (step: SubmissionAction) => new Date(times[step]!);
    const last = steps.at(-1)!;
    const [row] = await tx
      .insert(submissions)
      .values({
        agencyId: agency.id,
        periodId: period.id,
        componentId: component.id,
        templateId: template.id,
        status: demo.status,
        version: steps.length,
        late: !!demo.late && steps.includes("submit"),
        progressText: demo.partial ? null : "ดำเนินการตามแผนงานประจำไตรมาส ระบบหลักเปิดให้บริการครบตามกำหนด และเชื่อมโยงข้อมูลกับหน่วยงานที่เกี่ยวข้องเพิ่มขึ้น",
        problemsText: demo.partial ? null : "บุคลากรด้านดิจิทัลไม่เพียงพอ และงบประมาณปรับปรุงระบบเดิมได้รับล่าช้า",
        supportText: demo.partial ? null : "ขอคำปรึกษาด้านมาตรฐานการเชื่อมโยงข้อมูลและการใช้คลาวด์ภาครัฐ",
        createdById: officer?.id ?? null,
        updatedById: officer?.id ?? null,
        endorsedAt: steps.includes("endorse") ? at("endorse") : null,
        endorsedById: steps.includes("endorse") ? (head?.id ?? null) : null,
        firstSubmittedAt: steps.includes("submit") ? at("submit") : null,
        submittedAt: steps.includes("submit") ? at("submit") : null,
        submittedById: steps.includes("submit") ? (officer?.id ?? null) : null,
        returnedAt: steps.includes("return") ? at("return") : null,
        approvedAt: steps.includes("approve") ? at("approve") : null,
        approvedById: steps.includes("approve") ? (analyst?.id ?? null) : null,
        statusChangedAt: at(last),
        createdAt: at("save"),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) continue;
    created++;
    const items = await tx.select().from(assessmentItems).where(eq(assessmentItems.templateId, template.id)).orderBy(assessmentItems.ordinal);
    // Around the target the agency is held to: its own, or its share of a summed national target.
    const agencyTargets = await listAgencyTargets(tx, agency.id, period.id, items.flatMap((i) => (i.indicatorId === null ? [] : [i.indicatorId])));
    for (const [index, item] of items.entries()) {
      if (demo.partial && index % 2 === 1) continue;
      const target = item.indicatorId === null ? null : (agencyTargets.get(item.indicatorId)?.target ?? null);
      const f = factor(`${demo.agency}|${demo.period}|${item.code}`);
      const base = target ?? 10;
      const numeric = item.answerType === "percent" ? Math.min(100, Math.round(base * f * 10) / 10) : base >= 10 ? Math.round(base * f) : Math.round(base * f * 100) / 100;
      await tx.insert(submissionValues).values({
        submissionId: row.id,
        itemId: item.id,
        numericValue: item.answerType === "number" || item.answerType === "percent" ? String(numeric) : null,
        levelValue: item.answerType === "level" ? Math.min(5, Math.max(1, Math.round(3 * f))) : null,
        booleanValue: item.answerType === "boolean" ? f >= 0.9 : null,
        textValue: item.answerType === "text" ? "ดำเนินการแล้ว" : null,
      });
    }
    let from: SubmissionStatus | null = null;
    const reviewer = agency.parentId === null ? undefined : ministryReviewer(agency.parentId);
    for (const step of steps) {
      const byMinistry = step === "verify" || (step === "return" && demo.returnedBy === "ministry");
      const actor = step === "endorse" ? head : byMinistry ? reviewer : step === "return" || step === "approve" ? analyst : officer;
      const [event] = await tx
        .insert(submissionEvents)
        .values({ submissionId: row.id, action: step, fromStatus: from, toStatus: STEP_TO[step]!, actorId: actor?.id ?? null, reason: step === "return" ? "โปรดแก้ไขตามความเห็น" : null, at: at(step) })
        .returning({ id: submissionEvents.id });
      if (step === "return" && demo.comment) {
        await tx.insert(reviewComments).values({
          submissionId: row.id,
          itemId: demo.comment.item ? (items[0]?.id ?? null) : null,
          reason: "incorrect_value",
          comment: demo.comment.text,
          authorId: actor?.id ?? null,
          eventId: event!.id,
          createdAt: at(step),
        });
      }
      from = STEP_TO[step]!;
    }
    await syncSubmissionFacts(tx, row);
  }
  return created;
}

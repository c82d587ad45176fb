import { agencyComponents, assessmentItems, assessmentTemplates, components, indicators, periods, targets } from "@/db/schema";
import type { Database } from "@/db/client";
import { actorOf, createAgency, createUser } from "./factories";

let sequence = 0;

/**
 * A component with a four-item template (number with a national target, percent, yes/no, maturity level),
 * an open period, and one agency tagged with the component with an officer and a head, plus another
 * agency's officer, an analyst, an admin and an executive.
 */
export async function createAssessmentWorld(db: Database, options: { dueOn?: string; periodStatus?: "open" | "closed" } = {}) {
  const n = ++sequence;
  const [component] = await db
    .insert(components)
    .values({ code: `cmp-${n}-${Math.random().toString(36).slice(2, 6)}`, ordinal: n, group: "enabler", nameTh: `องค์ประกอบ ${n}`, nameEn: `Component ${n}`, descriptionTh: "-", descriptionEn: "-" })
    .returning();
  // A distinct, valid period per world (fiscal years 2501–2700 hold 800 quarters): codes outside the calendar's
  // range are not periods at all, and pages would show them raw.
  const year = 2501 + Math.floor(n / 4);
  const quarter = ((n % 4) + 1) as 1 | 2 | 3 | 4;
  const [period] = await db
    .insert(periods)
    .values({ code: `${year}Q${quarter}`, fiscalYear: year, quarter, startsOn: "2026-10-01", endsOn: "2026-12-31", dueOn: options.dueOn ?? "2999-01-15", status: options.periodStatus ?? "open" })
    .returning();
  const [indicator] = await db
    .insert(indicators)
    .values({ code: `IND-${n}-${component!.id}`, componentId: component!.id, nameTh: "จำนวนบริการ", nameEn: "Services", definitionTh: "-", definitionEn: "-", unitTh: "บริการ", unitEn: "services", valueType: "number", source: "self_assessment" })
    .returning();
  await db.insert(targets).values({ indicatorId: indicator!.id, periodId: period!.id, agencyId: null, value: "10" });
  const [template] = await db.insert(assessmentTemplates).values({ componentId: component!.id, nameTh: "แบบประเมิน", nameEn: "Assessment" }).returning();
  const levels = [1, 2, 3, 4, 5].map((level) => ({ level, th: `ระดับ ${level}`, en: `Level ${level}` }));
  const items = await db
    .insert(assessmentItems)
    .values([
      { templateId: template!.id, code: "I1", ordinal: 1, kind: "indicator", indicatorId: indicator!.id, answerType: "number" },
      { templateId: template!.id, code: "Q1", ordinal: 2, kind: "question", questionTh: "ร้อยละความครอบคลุม", questionEn: "Coverage", answerType: "percent" },
      { templateId: template!.id, code: "Q2", ordinal: 3, kind: "question", questionTh: "มีแผนหรือไม่", questionEn: "Has a plan?", answerType: "boolean" },
      { templateId: template!.id, code: "Q3", ordinal: 4, kind: "question", questionTh: "ระดับความพร้อม", questionEn: "Maturity", answerType: "level", levelDescriptors: levels },
    ])
    .returning();
  const agency = await createAgency(db);
  const otherAgency = await createAgency(db);
  for (const a of [agency, otherAgency]) await db.insert(agencyComponents).values({ agencyId: a.id, componentId: component!.id, dgaRole: "doer" });
  const officerUser = await createUser(db, { role: "agency_officer", agencyId: agency.id });
  const headUser = await createUser(db, { role: "agency_head", agencyId: agency.id });
  const actors = {
    officer: actorOf(officerUser, agency.code),
    officer2: actorOf(await createUser(db, { role: "agency_officer", agencyId: agency.id }), agency.code),
    head: actorOf(headUser, agency.code),
    otherOfficer: actorOf(await createUser(db, { role: "agency_officer", agencyId: otherAgency.id }), otherAgency.code),
    otherHead: actorOf(await createUser(db, { role: "agency_head", agencyId: otherAgency.id }), otherAgency.code),
    analyst: actorOf(await createUser(db, { role: "analyst" })),
    admin: actorOf(await createUser(db, { role: "admin" })),
    executive: actorOf(await createUser(db, { role: "executive" })),
  };
  const [i1, q1, q2, q3] = items as [typeof items[number], typeof items[number], typeof items[number], typeof items[number]];
  const complete = {
    [`value.${i1.id}`]: "12",
    [`value.${q1.id}`]: "80",
    [`value.${q2.id}`]: "yes",
    [`value.${q3.id}`]: "3",
    progress: "ดำเนินการตามแผน",
  };
  return { component: component!, period: period!, indicator: indicator!, template: template!, items: { i1, q1, q2, q3 }, agency, otherAgency, actors, complete };
}
export type AssessmentWorld = Awaited<ReturnType<typeof createAssessmentWorld>>;

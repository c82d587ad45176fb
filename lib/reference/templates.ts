// REFERENCE CATALOGUE — the starting self-assessment templates: one per component, from its self-assessment
// indicators plus a maturity question on the readiness-survey scale. Loaded by `npm run setup` and the demo seed
// (lib/reference/load.ts) and marked as a starting point for DGA to adapt.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { assessmentItems, assessmentTemplates, components, indicators, type LevelDescriptor, type NewAssessmentItem } from "@/db/schema";

/** The readiness-survey style maturity scale every component template ends with. */
const MATURITY: LevelDescriptor[] = [
  { level: 1, th: "เริ่มต้น: มีแนวคิดแต่ยังไม่มีแผนหรือผู้รับผิดชอบชัดเจน", en: "Initial: ideas exist but no plan or owner yet" },
  { level: 2, th: "กำลังพัฒนา: มีแผนและเริ่มดำเนินการบางส่วน", en: "Developing: a plan exists and parts are under way" },
  { level: 3, th: "กำหนดแล้ว: ดำเนินการตามแผนครบและมีการวัดผล", en: "Defined: the plan is carried out in full and measured" },
  { level: 4, th: "บริหารจัดการ: ใช้ข้อมูลปรับปรุงอย่างต่อเนื่อง", en: "Managed: data drives continuous improvement" },
  { level: 5, th: "เหมาะสมที่สุด: เป็นต้นแบบและเชื่อมโยงกับหน่วยงานอื่น", en: "Optimised: a model for others, connected across agencies" },
];

const QUESTIONS: Record<string, { th: string; en: string }> = {
  upstream: { th: "ระดับความพร้อมด้านโครงสร้างพื้นฐานและมาตรฐานดิจิทัลของหน่วยงาน", en: "Agency maturity in digital infrastructure and standards" },
  midstream: { th: "ระดับการเชื่อมโยงและแลกเปลี่ยนข้อมูลกับหน่วยงานอื่น", en: "Maturity of data linkage and exchange with other agencies" },
  downstream: { th: "ระดับการให้บริการดิจิทัลแก่ประชาชนและภาคธุรกิจ", en: "Maturity of digital services to citizens and businesses" },
  cybersecurity: { th: "ระดับการบริหารความมั่นคงปลอดภัยไซเบอร์", en: "Maturity of cybersecurity management" },
  policy_governance: { th: "ระดับการกำกับและติดตามแผนพัฒนารัฐบาลดิจิทัลของหน่วยงาน", en: "Maturity of the agency's digital-government plan governance" },
  agency_support: { th: "ระดับการใช้ประโยชน์จากการสนับสนุนของ สพร.", en: "Maturity in using DGA's support" },
  monitoring_evaluation: { th: "ระดับการติดตามประเมินผลภายในหน่วยงาน", en: "Maturity of the agency's own monitoring and evaluation" },
};

/**
 * One starting template per component. "fill" (setup) creates the templates of components that have none and
 * leaves every existing template as it is; "refresh" (the demo seed) also rewrites the existing ones and
 * their items. Returns how many templates were created.
 */
export async function loadStartingTemplates(tx: Transaction, mode: "fill" | "refresh"): Promise<number> {
  const all = await tx.select().from(components);
  let created = 0;
  for (const component of all) {
    // The starting template is version 1 (applies from the start); later versions are made in the app.
    const values = { componentId: component.id, version: 1, nameTh: `แบบประเมินตนเอง ${component.nameTh}`, nameEn: `Self-assessment: ${component.nameEn}` };
    const firstVersion = and(eq(assessmentTemplates.componentId, component.id), eq(assessmentTemplates.version, 1));
    // Looked for first: a conflicting insert would still advance the identity sequence (setup must change nothing).
    const [existing] = await tx.select({ id: assessmentTemplates.id }).from(assessmentTemplates).where(eq(assessmentTemplates.componentId, component.id)).limit(1);
    if (existing && mode === "fill") continue;
    const [inserted] = existing ? [] : await tx.insert(assessmentTemplates).values({ ...values, isStartingPoint: true }).returning();
    if (inserted) created++;
    const [template] = inserted
      ? [inserted]
      : await tx.update(assessmentTemplates).set(values).where(firstVersion).returning();
    const own = await tx
      .select()
      .from(indicators)
      .where(and(eq(indicators.componentId, component.id), eq(indicators.source, "self_assessment"), eq(indicators.active, true)))
      .orderBy(indicators.ordinal);
    const items: NewAssessmentItem[] = own.map((indicator, index) => ({
      templateId: template!.id,
      code: indicator.code,
      ordinal: index + 1,
      kind: "indicator",
      indicatorId: indicator.id,
      answerType: indicator.valueType,
      required: true,
      levelDescriptors: indicator.valueType === "level" ? MATURITY : null,
    }));
    const question = QUESTIONS[component.code] ?? { th: "ระดับความพร้อมโดยรวม", en: "Overall maturity" };
    items.push({
      templateId: template!.id,
      code: `${component.code}.maturity`,
      ordinal: items.length + 1,
      kind: "question",
      indicatorId: null,
      questionTh: question.th,
      questionEn: question.en,
      answerType: "level",
      required: true,
      levelDescriptors: MATURITY,
    });
    for (const row of items) {
      await tx
        .insert(assessmentItems)
        .values(row)
        .onConflictDoUpdate({ target: [assessmentItems.templateId, assessmentItems.code], set: { ...row, templateId: undefined, code: undefined } });
    }
  }
  return created;
}

// The default lagging rules (admin-editable afterwards). Thresholds follow common Thai government
// practice: amber within 10 points of target, Cabinet disbursement targets of about 30/52/75/96 %.
import type { RuleKind, Severity } from "@/core/flags/rules";

export interface SeedRule {
  code: string;
  kind: RuleKind;
  severity: Severity;
  params: Record<string, unknown>;
  nameTh: string;
  nameEn: string;
  descriptionTh: string;
  descriptionEn: string;
}

export const DEFAULT_RULES: SeedRule[] = [
  {
    code: "KPI-BELOW-TARGET",
    kind: "indicator_below_target",
    severity: "medium",
    params: { minShareOfTarget: 0.9 },
    nameTh: "ผลตัวชี้วัดต่ำกว่าเป้าหมาย",
    nameEn: "Indicator below target",
    descriptionTh: "ผลการดำเนินงานต่ำกว่าร้อยละ 90 ของค่าเป้าหมายของไตรมาส (ตัวชี้วัดที่ยิ่งต่ำยิ่งดี: สูงกว่าค่าเป้าหมายหารด้วย 0.9)",
    descriptionEn: "Result below 90 % of the quarter's target (lower-is-better indicators: above the target divided by 0.9)",
  },
  {
    code: "PROGRESS-BEHIND",
    kind: "physical_progress_behind",
    severity: "medium",
    params: { maxPointsBehind: 10 },
    nameTh: "ความก้าวหน้าโครงการล่าช้ากว่าแผน",
    nameEn: "Project progress behind plan",
    descriptionTh: "ความก้าวหน้าทางกายภาพของโครงการ eMENSCR ต่ำกว่าสัดส่วนเวลาที่ผ่านไปของโครงการเกิน 10 จุด",
    descriptionEn: "eMENSCR physical progress more than 10 points behind the elapsed share of the project's duration",
  },
  {
    code: "DISBURSEMENT-BELOW",
    kind: "disbursement_below_target",
    severity: "high",
    params: { quarterTargets: { q1: 30, q2: 52, q3: 75, q4: 96 } },
    nameTh: "การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย",
    nameEn: "Disbursement below target",
    descriptionTh: "ผลการเบิกจ่ายสะสมต่ำกว่าเป้าหมายการเบิกจ่ายรายไตรมาสตามมติคณะรัฐมนตรี (ไตรมาส 1–4: 30/52/75/96%)",
    descriptionEn: "Cumulative disbursement below the quarterly disbursement target set by the Cabinet (Q1–Q4: 30/52/75/96 %)",
  },
  {
    code: "REPORT-MISSING",
    kind: "submission_missing_or_late",
    severity: "high",
    params: { graceDays: 0, flagLate: true },
    nameTh: "ไม่ส่งหรือส่งรายงานล่าช้า",
    nameEn: "Report missing or late",
    descriptionTh: "ไม่ได้ส่งผลการประเมินตนเองภายในกำหนดส่ง หรือส่งหลังกำหนด",
    descriptionEn: "Self-assessment not submitted by the deadline, or submitted after it",
  },
  {
    code: "SCORE-DROP",
    kind: "score_drop",
    severity: "low",
    params: { maxDropPoints: 10 },
    nameTh: "คะแนนลดลงจากไตรมาสก่อน",
    nameEn: "Score dropped from the previous quarter",
    descriptionTh: "คะแนนผลการดำเนินงานลดลงมากกว่า 10 คะแนนเมื่อเทียบกับไตรมาสก่อนหน้า",
    descriptionEn: "Performance score dropped by more than 10 points from the previous quarter",
  },
  {
    code: "RECURRING",
    kind: "recurrence",
    severity: "high",
    params: { lookbackPeriods: 4 },
    nameTh: "ปัญหาเดิมกลับมาอีก",
    nameEn: "Recurring problem",
    descriptionTh: "ประเด็นที่เคยแก้ไขแล้วหรือข้อมูลเคยกลับสู่เกณฑ์ภายใน 4 ไตรมาสที่ผ่านมา กลับมาล่าช้าอีกครั้ง",
    descriptionEn: "A finding resolved or recovered within the last 4 quarters is lagging again",
  },
];

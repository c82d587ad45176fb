// The fields an eMENSCR export can carry and the header spellings seen for each. Header text differs
// between export versions and agencies ("รหัสโครงการ", "รหัส โครงการ", "Project Code", "วงเงินงบประมาณ (บาท)"),
// so headers are compared after folding case, spaces, punctuation and invisible characters.

import { cellText, normaliseHeader } from "@/core/parse/headers";
import { withoutHeaderUnit } from "./amount-units";

export { cellText, normaliseHeader };

export const IMPORT_FIELDS = [
  "projectCode",
  "projectName",
  "agencyCode",
  "agencyName",
  "ministry",
  "fiscalYear",
  "strategy",
  "masterPlan",
  "subPlan",
  "budgetSource",
  "budget",
  "disbursed",
  "spent",
  "disbursedPercent",
  "physicalProgress",
  "startDate",
  "endDate",
  "kpiName",
  "kpiUnit",
  "kpiTarget",
  "kpiResult",
  "reportingPeriod",
  "status",
  "approvalStatus",
  "problems",
  "recommendations",
  "reportedOn",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export function isImportField(value: unknown): value is ImportField {
  return typeof value === "string" && (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** Without these a row cannot become a project. The agency needs a name or a code (checked separately). */
export const REQUIRED_FIELDS = ["projectCode", "projectName"] as const satisfies readonly ImportField[];

const HEADER_VARIANTS: Record<ImportField, readonly string[]> = {
  projectCode: ["รหัสโครงการ", "รหัสโครงการ eMENSCR", "เลขที่โครงการ", "Project Code", "Project ID", "Project No", "Code"],
  projectName: ["ชื่อโครงการ", "โครงการ", "ชื่อโครงการ/การดำเนินงาน", "ชื่อโครงการ / การดำเนินงาน", "Project Name", "Project", "Project Title"],
  agencyCode: ["รหัสหน่วยงาน", "รหัสส่วนราชการ", "Agency Code", "Agency ID", "Department Code"],
  agencyName: [
    "หน่วยงาน",
    "ชื่อหน่วยงาน",
    "หน่วยงานเจ้าของโครงการ",
    "หน่วยงานรับผิดชอบ",
    "หน่วยงานรับผิดชอบหลัก",
    "ส่วนราชการ",
    "กรม",
    "Agency",
    "Agency Name",
    "Owner Agency",
    "Responsible Agency",
    "Department",
  ],
  ministry: ["กระทรวง", "สังกัดกระทรวง", "Ministry"],
  fiscalYear: ["ปีงบประมาณ", "ปีงบ", "ปี งปม", "Fiscal Year", "FY", "Budget Year"],
  strategy: ["ยุทธศาสตร์ชาติ", "ยุทธศาสตร์", "ยุทธศาสตร์ชาติที่เกี่ยวข้อง", "National Strategy", "Strategy"],
  masterPlan: ["แผนแม่บท", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", "แผนแม่บทฯ", "Master Plan"],
  subPlan: ["แผนย่อย", "แผนย่อยของแผนแม่บท", "แผนย่อยของแผนแม่บทฯ", "Sub Plan", "Subplan", "Sub-plan"],
  budgetSource: ["แหล่งงบประมาณ", "แหล่งเงิน", "ประเภทงบประมาณ", "Budget Source", "Source of Funds", "Funding Source"],
  budget: [
    "วงเงินงบประมาณ",
    "งบประมาณ",
    "วงเงินงบประมาณที่ได้รับจัดสรร",
    "งบประมาณที่ได้รับจัดสรร",
    "วงเงินงบประมาณทั้งสิ้น",
    "Budget",
    "Allocated Budget",
    "Budget Allocated",
  ],
  disbursed: [
    "ผลการเบิกจ่ายสะสม",
    "ผลการเบิกจ่าย",
    "เบิกจ่ายสะสม",
    "ผลการเบิกจ่ายงบประมาณสะสม",
    "Disbursed",
    "Cumulative Disbursement",
    "Budget Disbursed",
    "Disbursement",
  ],
  spent: ["ผลการใช้จ่าย", "ผลการใช้จ่ายสะสม", "ผลการใช้จ่ายงบประมาณ", "Spent", "Spending", "Expenditure"],
  disbursedPercent: ["ร้อยละการเบิกจ่าย", "ร้อยละผลการเบิกจ่าย", "% การเบิกจ่าย", "% Disbursed", "Percent Disbursed", "Disbursement Rate"],
  physicalProgress: [
    "ความก้าวหน้าโครงการ",
    "ความก้าวหน้า",
    "ร้อยละความก้าวหน้า",
    "ความก้าวหน้าของโครงการ",
    "ผลความก้าวหน้าโครงการ",
    "Physical Progress",
    "Progress",
    "Progress %",
  ],
  startDate: ["วันเริ่มต้น", "วันเริ่มต้นโครงการ", "วันที่เริ่มต้น", "วันที่เริ่มต้นโครงการ", "Start Date", "Start"],
  endDate: ["วันสิ้นสุด", "วันสิ้นสุดโครงการ", "วันที่สิ้นสุด", "วันที่สิ้นสุดโครงการ", "End Date", "End"],
  kpiName: ["ตัวชี้วัด", "ตัวชี้วัดโครงการ", "ชื่อตัวชี้วัด", "KPI", "KPI Name", "Indicator"],
  kpiUnit: ["หน่วยนับ", "หน่วยนับตัวชี้วัด", "KPI Unit", "Unit"],
  kpiTarget: ["ค่าเป้าหมาย", "เป้าหมาย", "ค่าเป้าหมายตัวชี้วัด", "KPI Target", "Target"],
  kpiResult: ["ผลการดำเนินงาน", "ผลการดำเนินงานตามตัวชี้วัด", "ผลการดำเนินงานตามค่าเป้าหมาย", "KPI Result", "Result", "Actual"],
  reportingPeriod: ["ห้วงการรายงาน", "ห้วงเวลาการรายงาน", "ไตรมาส", "งวดการรายงาน", "Reporting Period", "Period", "Quarter"],
  status: ["สถานะโครงการ", "สถานะ", "สถานะการดำเนินงาน", "Status", "Project Status"],
  approvalStatus: ["สถานะการอนุมัติ", "สถานะการรายงาน", "Approval Status"],
  problems: ["ปัญหาอุปสรรค", "ปัญหา/อุปสรรค", "ปัญหาและอุปสรรค", "Problems", "Issues", "Obstacles"],
  recommendations: ["ข้อเสนอแนะ", "แนวทางแก้ไข", "Recommendations", "Suggestions"],
  reportedOn: [
    "วันที่ปรับปรุงข้อมูลล่าสุด",
    "วันที่ปรับปรุงล่าสุด",
    "วันที่รายงาน",
    "วันที่บันทึกข้อมูล",
    "Last Updated",
    "Report Date",
    "Reported On",
    "Updated",
  ],
};

const FIELD_BY_HEADER = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  for (const variant of HEADER_VARIANTS[field]) {
    const key = normaliseHeader(variant);
    if (!FIELD_BY_HEADER.has(key)) FIELD_BY_HEADER.set(key, field);
  }
}

/** The field a header names, or null. A saved mapping (profile) wins over the built-in spellings. */
export function recogniseHeader(header: string, mapping?: Readonly<Record<string, string | null>>): ImportField | null {
  const key = normaliseHeader(header);
  if (key === "") return null;
  if (mapping && key in mapping) {
    const mapped = mapping[key];
    return isImportField(mapped) ? mapped : null;
  }
  return FIELD_BY_HEADER.get(key) ?? FIELD_BY_HEADER.get(normaliseHeader(withoutHeaderUnit(header))) ?? null;
}

export interface ColumnMapping {
  /** 0-based column index in the row. */
  index: number;
  /** The column as a spreadsheet names it: "A", "B", …, "AA". */
  letter: string;
  /** The header text; "" for a file without a header row. */
  header: string;
  field: ImportField | null;
  /** The first values of the column, as text (for the mapping screen). */
  samples: string[];
}

/** "A", "B", …, "Z", "AA": the column as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Maps a header row. When two columns name the same field, the first keeps it and the later one is
 * ignored (shown unmapped in the preview, where the analyst can choose).
 */
export function mapColumns(headers: readonly unknown[], mapping?: Readonly<Record<string, string | null>>): ColumnMapping[] {
  const taken = new Set<ImportField>();
  return headers.map((cell, index) => {
    const header = cellText(cell);
    let field = recogniseHeader(header, mapping);
    if (field && taken.has(field)) field = null;
    if (field) taken.add(field);
    return { index, letter: columnLetter(index), header, field, samples: [] };
  });
}

/** Fields the mapping lacks that an import cannot do without. */
export function missingRequiredFields(columns: readonly ColumnMapping[]): ImportField[] {
  const present = new Set(columns.map((c) => c.field).filter((f): f is ImportField => f !== null));
  const missing: ImportField[] = REQUIRED_FIELDS.filter((f) => !present.has(f));
  if (!present.has("agencyName") && !present.has("agencyCode")) missing.push("agencyName");
  return missing;
}

/** How many cells of a row are known headers: the header row is the first row that names enough fields. */
export function countRecognisedHeaders(cells: readonly unknown[], mapping?: Readonly<Record<string, string | null>>): number {
  return new Set(cells.map((c) => recogniseHeader(cellText(c), mapping)).filter((f) => f !== null)).size;
}

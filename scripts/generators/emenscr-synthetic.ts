// Synthetic eMENSCR-like exports for tests, demos and the benchmark: Thai headers, title rows above the
// header, BE dates, thousands separators, a total row at the bottom, agencies of the demo seed.
// Deterministic for a given seed. DEMO DATA: the projects are invented.

import { PassThrough } from "node:stream";
import ExcelJS from "@/lib/import/exceljs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { AGENCIES } from "@/scripts/seed/data/agencies";
import { parsePeriodCode, periodBounds } from "@/core/fiscal/calendar";
import { formatDate } from "@/core/format/thai";

export type SyntheticFormat = "xlsx" | "csv";
export type SyntheticEncoding = "utf8" | "utf8-bom" | "windows-874";

export interface SyntheticOptions {
  rows: number;
  format: SyntheticFormat;
  encoding?: SyntheticEncoding;
  seed?: number;
  /** The reporting period written in the file. */
  periodCode?: string;
  /** A later export of the same projects: every `changeEvery`-th project reports new figures. */
  revision?: number;
  changeEvery?: number;
  /** CSV delimiter; default comma. */
  delimiter?: "," | "\t";
  /** Include title rows above the header and a total row below the data (default true). */
  decorations?: boolean;
}

export const SYNTHETIC_HEADERS = [
  "ลำดับ",
  "รหัสโครงการ",
  "ชื่อโครงการ",
  "ปีงบประมาณ",
  "กระทรวง",
  "หน่วยงาน",
  "รหัสหน่วยงาน",
  "ยุทธศาสตร์ชาติ",
  "แผนแม่บท",
  "แผนย่อย",
  "แหล่งงบประมาณ",
  "วงเงินงบประมาณ (บาท)",
  "แผนการใช้จ่าย ไตรมาส 1",
  "แผนการใช้จ่าย ไตรมาส 2",
  "ผลการเบิกจ่ายสะสม",
  "ผลการใช้จ่าย",
  "ร้อยละการเบิกจ่าย",
  "ความก้าวหน้าโครงการ (%)",
  "วันเริ่มต้น",
  "วันสิ้นสุด",
  "ตัวชี้วัด",
  "หน่วยนับ",
  "ค่าเป้าหมาย",
  "ผลการดำเนินงาน",
  "ห้วงการรายงาน",
  "สถานะโครงการ",
  "สถานะการอนุมัติ",
  "ปัญหาอุปสรรค",
  "ข้อเสนอแนะ",
  "วันที่ปรับปรุงข้อมูลล่าสุด",
] as const;

const STRATEGIES = [
  "ยุทธศาสตร์ชาติด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ",
  "ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน",
  "ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์",
  "ยุทธศาสตร์ชาติด้านความมั่นคง",
];
const MASTER_PLANS = ["(20) การบริการประชาชนและประสิทธิภาพภาครัฐ", "(04) อุตสาหกรรมและบริการแห่งอนาคต", "(12) การพัฒนาการเรียนรู้", "(01) ความมั่นคง"];
const SUB_PLANS = ["การพัฒนาบริการประชาชน", "การพัฒนาระบบบริหารงานภาครัฐ", "โครงสร้างพื้นฐานดิจิทัล", "การรักษาความมั่นคงปลอดภัยไซเบอร์"];
const PROJECT_TOPICS = [
  "พัฒนาระบบคลาวด์กลางภาครัฐ",
  "ยกระดับการเชื่อมโยงข้อมูลภาครัฐ",
  "พัฒนาแพลตฟอร์มบริการดิจิทัลภาครัฐผ่านแอปพลิเคชันทางรัฐ",
  "เสริมสร้างความมั่นคงปลอดภัยไซเบอร์ของหน่วยงาน",
  "พัฒนาทักษะดิจิทัลของบุคลากรภาครัฐ",
  "จัดทำมาตรฐานข้อมูลภาครัฐ",
  "พัฒนาระบบพิสูจน์และยืนยันตัวตนทางดิจิทัล",
  "พัฒนาระบบเอกสารอิเล็กทรอนิกส์",
  "เปิดเผยข้อมูลภาครัฐ (Open Data)",
  "ติดตามและประเมินผลการพัฒนารัฐบาลดิจิทัล",
];
const STATUSES = ["อยู่ระหว่างดำเนินการ", "ยังไม่เริ่มดำเนินการ", "ดำเนินการแล้วเสร็จ", "ล่าช้า", "ยกเลิก"];
const KPIS: [string, string][] = [
  ["จำนวนหน่วยงานที่ใช้บริการ", "หน่วยงาน"],
  ["ร้อยละความพึงพอใจของผู้ใช้บริการ", "ร้อยละ"],
  ["จำนวนบริการที่เชื่อมโยงข้อมูล", "บริการ"],
  ["จำนวนผู้ผ่านการอบรม", "คน"],
];

/** mulberry32: a small, fast, seedable PRNG — good enough for test data, not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const money = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function beSlash(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${Number(y) + 543}`;
}

/** "ไตรมาสที่ 1 (1 ต.ค. 69 - 31 ธ.ค. 69)", as eMENSCR writes a reporting period. */
export function reportingPeriodText(periodCode: string): string {
  const period = parsePeriodCode(periodCode)!;
  const { startsOn, endsOn } = periodBounds(period.fiscalYear, period.quarter);
  const short = (iso: string) => formatDate(iso, "th").replace(/ (\d{2})(\d{2})$/, " $2");
  return `ไตรมาสที่ ${period.quarter} (${short(startsOn)} - ${short(endsOn)})`;
}

export interface SyntheticRow {
  cells: (string | number | Date | null)[];
}

/** The data rows (without title/total rows), as cell values in SYNTHETIC_HEADERS order. */
export function* syntheticRows(options: SyntheticOptions): Generator<(string | number | Date | null)[]> {
  const random = seededRandom(options.seed ?? 1);
  const periodCode = options.periodCode ?? "2570Q1";
  const period = parsePeriodCode(periodCode)!;
  const { startsOn: periodStart, endsOn: periodEnd } = periodBounds(period.fiscalYear, period.quarter);
  const fyStart = periodBounds(period.fiscalYear, 1).startsOn;
  const fyEnd = periodBounds(period.fiscalYear, 4).endsOn;
  const owners = AGENCIES.filter((a) => a.type !== "ministry" && a.parentCode);
  const ministries = new Map(AGENCIES.filter((a) => a.type === "ministry").map((a) => [a.code, a.nameTh]));
  const periodText = reportingPeriodText(periodCode);
  const yy = String(period.fiscalYear).slice(2);
  for (let i = 0; i < options.rows; i++) {
    const agency = owners[Math.floor(random() * owners.length)]!;
    const topic = PROJECT_TOPICS[Math.floor(random() * PROJECT_TOPICS.length)]!;
    const budget = Math.round((0.5 + random() * 120) * 100_000) * 10;
    let share = 0.05 + random() * 0.5;
    let progress = Math.round(random() * 1000) / 10;
    // A later export changes the figures of every n-th project only; the rest are byte-identical.
    const changed = options.revision && options.changeEvery && i % options.changeEvery === 0;
    if (changed) {
      share = Math.min(1, share + 0.1 * options.revision!);
      progress = Math.min(100, progress + 5 * options.revision!);
    }
    const disbursed = Math.round(budget * share);
    const strategyIndex = Math.floor(random() * STRATEGIES.length);
    const [kpi, unit] = KPIS[Math.floor(random() * KPIS.length)]!;
    const target = unit === "ร้อยละ" ? 80 : Math.ceil(random() * 50) * 10;
    const reported = new Date(`${periodEnd}T00:00:00Z`);
    reported.setUTCDate(reported.getUTCDate() + 1 + Math.floor(random() * 14));
    yield [
      i + 1,
      `${agency.code}-${yy}-${String(i + 1).padStart(6, "0")}`,
      `โครงการ${topic} ระยะที่ ${1 + (i % 3)}`,
      period.fiscalYear,
      ministries.get(agency.parentCode!) ?? "",
      agency.nameTh,
      agency.code,
      STRATEGIES[strategyIndex]!,
      MASTER_PLANS[strategyIndex]!,
      SUB_PLANS[strategyIndex]!,
      random() < 0.8 ? "งบประมาณแผ่นดิน" : "เงินรายได้",
      money(budget),
      money(Math.round(budget * 0.3)),
      money(Math.round(budget * 0.52)),
      money(disbursed),
      money(Math.round(disbursed * 1.1)),
      `${(share * 100).toFixed(2)}%`,
      progress.toFixed(1),
      formatDate(fyStart, "th"),
      beSlash(fyEnd),
      kpi,
      unit,
      unit === "ร้อยละ" ? `ร้อยละ ${target}` : target.toLocaleString("en-US"),
      Math.round(target * (0.2 + random() * 0.7)).toLocaleString("en-US"),
      periodText,
      STATUSES[Math.floor(random() * (changed ? 3 : STATUSES.length))]!,
      "อนุมัติแล้ว",
      random() < 0.2 ? "การจัดซื้อจัดจ้างล่าช้า" : null,
      random() < 0.1 ? "เร่งรัดการเบิกจ่าย" : null,
      reported.toISOString().slice(0, 10) >= periodStart ? beSlash(reported.toISOString().slice(0, 10)) : null,
    ];
  }
}

const TITLE = "รายงานผลการดำเนินงานโครงการ ระบบติดตามและประเมินผลแห่งชาติ (eMENSCR)";

/** The whole export as bytes (xlsx written with exceljs' streaming writer, so large files stay cheap). */
export async function generateSyntheticExport(options: SyntheticOptions): Promise<Buffer> {
  const decorations = options.decorations ?? true;
  const periodCode = options.periodCode ?? "2570Q1";
  if (options.format === "csv") {
    const records: unknown[][] = [];
    if (decorations) records.push([TITLE], [`ห้วงการรายงาน ${reportingPeriodText(periodCode)}`], []);
    records.push([...SYNTHETIC_HEADERS]);
    let total = 0;
    for (const row of syntheticRows(options)) {
      total += Number(String(row[11]).replace(/,/g, ""));
      records.push(row.map((c) => (c instanceof Date ? beSlash(c.toISOString().slice(0, 10)) : c)));
    }
    if (decorations) records.push(["", "", "รวมทั้งสิ้น", "", "", "", "", "", "", "", "", money(total)]);
    const text = Papa.unparse(records, { delimiter: options.delimiter ?? ",", newline: "\r\n" });
    const encoding = options.encoding ?? "utf8";
    if (encoding === "windows-874") return iconv.encode(text, "windows-874");
    const bytes = Buffer.from(text, "utf8");
    return encoding === "utf8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
  }

  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet("eMENSCR");
  if (decorations) {
    // Merged title rows, as eMENSCR's export has; merges must be declared before the rows are committed.
    const title = sheet.addRow([TITLE]);
    const subtitle = sheet.addRow([`ห้วงการรายงาน ${reportingPeriodText(periodCode)}`]);
    sheet.mergeCells(1, 1, 1, 10);
    sheet.mergeCells(2, 1, 2, 10);
    title.commit();
    subtitle.commit();
    sheet.addRow([]).commit();
  }
  sheet.addRow([...SYNTHETIC_HEADERS]).commit();
  let total = 0;
  for (const row of syntheticRows(options)) {
    total += Number(String(row[11]).replace(/,/g, ""));
    sheet.addRow(row).commit();
  }
  if (decorations) sheet.addRow(["", "", "รวมทั้งสิ้น", "", "", "", "", "", "", "", "", money(total)]).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

// Free text of an eMENSCR row read as data: the project status and the reporting period.

import type { ProjectStatus } from "@/core/enums";
import { fiscalYearOf, formatPeriodCode, parsePeriodCode, type FiscalQuarter } from "@/core/fiscal/calendar";
import { fromThaiDigits } from "@/core/format/thai";
import { normaliseText, parseDate } from "@/core/parse/values";

const STATUS_WORDS: [ProjectStatus, string[]][] = [
  ["not_started", ["ยังไม่เริ่มดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่เริ่ม", "not started", "notstarted", "planned"]],
  ["in_progress", ["อยู่ระหว่างดำเนินการ", "ระหว่างดำเนินการ", "กำลังดำเนินการ", "ดำเนินการ", "in progress", "inprogress", "ongoing"]],
  ["completed", ["ดำเนินการแล้วเสร็จ", "แล้วเสร็จ", "เสร็จสิ้น", "ดำเนินการเสร็จสิ้น", "completed", "complete", "done", "finished"]],
  ["cancelled", ["ยกเลิก", "ยกเลิกโครงการ", "cancelled", "canceled"]],
  ["delayed", ["ล่าช้า", "ดำเนินการล่าช้า", "ล่าช้ากว่าแผน", "delayed", "behind schedule"]],
];
const STATUS_BY_WORD = new Map(STATUS_WORDS.flatMap(([status, words]) => words.map((w) => [w.replace(/\s+/g, ""), status] as const)));

export function parseProjectStatus(text: string): ProjectStatus | null {
  return STATUS_BY_WORD.get(normaliseText(text).toLowerCase().replace(/\s+/g, "")) ?? null;
}

/**
 * "2570Q1", "ไตรมาสที่ 2 (1 ม.ค. 66 - 31 มี.ค. 66)", "ไตรมาส 1/2570", "Q1/2570", "Q1 FY2570": the quarter is
 * read from the text and the fiscal year from the first date in brackets or the four-digit year.
 */
export function parseReportingPeriod(input: string): string | null {
  const text = normaliseText(fromThaiDigits(input));
  if (parsePeriodCode(text)) return text;
  const quarterMatch = /(?:ไตรมาส(?:ที่)?|q(?:uarter)?)\s*([1-4])/i.exec(text);
  if (!quarterMatch) return null;
  const quarter = Number(quarterMatch[1]) as FiscalQuarter;
  const bracket = /\(([^)]*?)\s*[-–]\s*[^)]*\)/.exec(text);
  if (bracket) {
    const start = parseDate(bracket[1]!);
    if (start.ok) {
      const fiscalYear = fiscalYearOf(start.value);
      return parsePeriodCode(`${fiscalYear}Q${quarter}`) ? formatPeriodCode(fiscalYear, quarter) : null;
    }
  }
  const year = /(25\d{2}|26\d{2})/.exec(text.replace(quarterMatch[0], ""));
  if (year && parsePeriodCode(`${year[1]}Q${quarter}`)) return `${year[1]}Q${quarter}`;
  return null;
}

import "server-only";
import { asc } from "drizzle-orm";
import Papa from "papaparse";
import { getDb } from "@/db/client";
import { components } from "@/db/schema";
import ExcelJS from "@/lib/import/exceljs";
import { AGENCY_IMPORT_FIELDS, AGENCY_TEMPLATE_HEADERS, componentHeader } from "./agency-import";
import { TARGET_TEMPLATE_HEADERS } from "./targets";
import { USER_IMPORT_FIELDS, USER_TEMPLATE_EXAMPLES, USER_TEMPLATE_HEADERS } from "@/lib/users/bulk-import";

export type TemplateFormat = "xlsx" | "csv";

export interface TemplateFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The agency list template: every column, with two example rows (a ministry and a department under it). */
export async function agencyTemplate(format: TemplateFormat): Promise<TemplateFile> {
  const componentRows = await getDb().select().from(components).orderBy(asc(components.ordinal));
  const headers = [...AGENCY_IMPORT_FIELDS.map((f) => AGENCY_TEMPLATE_HEADERS[f]), ...componentRows.map(componentHeader)];
  const roleColumns = componentRows.map((_, i) => (i === 0 ? "ผู้ทำ" : ""));
  const examples = [
    ["99000", "กระทรวงตัวอย่าง", "Ministry of Example", "", "", "กระทรวง", "", "", "ใช่", ...componentRows.map(() => "")],
    ["99001", "กรมตัวอย่าง", "Example Department", "ตย.", "EXD", "กรม / ส่วนราชการ", "99000", "", "ใช่", ...roleColumns],
  ];
  return tableFile("lamnam-agencies-template", headers, examples, format, [0, 6]);
}

/** The target template: one national and one agency target as examples. */
export async function targetTemplate(format: TemplateFormat): Promise<TemplateFile> {
  const headers = [TARGET_TEMPLATE_HEADERS.indicatorCode, TARGET_TEMPLATE_HEADERS.agencyCode, TARGET_TEMPLATE_HEADERS.periodCode, TARGET_TEMPLATE_HEADERS.value];
  const examples = [
    ["DOWN-01", "", "2570Q1", "1,000,000"],
    ["DOWN-01", "03002", "2570Q1", "25000"],
  ];
  return tableFile("lamnam-targets-template", headers, examples, format, [1]);
}

/** The account-list template: an officer and a head of one agency as examples. */
export async function userTemplate(format: TemplateFormat): Promise<TemplateFile> {
  return tableFile("lamnam-users-template", USER_IMPORT_FIELDS.map((f) => USER_TEMPLATE_HEADERS[f]), USER_TEMPLATE_EXAMPLES, format, [3]);
}

/**
 * CSV as UTF-8 with a BOM (so Excel shows Thai), or xlsx whose code columns are formatted as text: a code
 * typed as 03002 must keep its leading zero.
 */
async function tableFile(name: string, headers: string[], rows: string[][], format: TemplateFormat, textColumns: number[]): Promise<TemplateFile> {
  if (format === "csv") {
    const text = Papa.unparse([headers, ...rows]);
    return { fileName: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]) };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("data");
  sheet.addRow(headers).font = { bold: true };
  for (const index of textColumns) sheet.getColumn(index + 1).numFmt = "@";
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 24));
  return {
    fileName: `${name}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

// Bad files: evidence and case attachments (stored, never opened), eMENSCR exports and the agency and
// target tables (read). Files are made in code (samples.ts): nothing binary is checked in.
import { expect } from "vitest";
import ExcelJS from "@/lib/import/exceljs";
import { MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";
import { csv, ELF, encodeText, HTML_PAGE, JPEG, LEGACY_OFFICE, PASSWORD_PROTECTED_XLSX, PDF, PNG, sheetXml, SVG_SCRIPT, truncated, WINDOWS_EXE, workbook, xlsxPackage, zipBomb, type Cell } from "./samples";
import type { CheckContext, Expectation, RouteCase, UploadFile } from "./types";

type Check = (ctx: CheckContext) => Promise<void>;
const refused = (error: string, fields?: Record<string, string>, reason?: string): Expectation => ({ refused: { error, fields, reason } });
const fileError = (reason: string): Expectation => refused(`import_${reason}`, undefined, reason);
const rows = (...reasons: string[]): Expectation => ({ rows: { reasons } });
const accepted = (says: string, check?: Check, writes = false): Expectation => ({ accepted: { says, writes, check } });

/** A file whose bytes are made once, on first use. */
function file(name: string, type: string, make: () => Buffer | Promise<Buffer>): UploadFile {
  let made: Promise<Buffer> | undefined;
  return { name, type, bytes: () => (made ??= Promise.resolve(make())) };
}
const MIME = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv",
} as const;

// ── evidence of the officer's draft, case attachments (the analyst's case) ──
const evidence = (id: string, category: RouteCase["category"], upload: UploadFile, expect: Expectation, form: Record<string, string> = { title: "หลักฐาน" }): RouteCase => ({
  id,
  surface: "upload",
  category,
  as: "agency_officer",
  route: "evidenceUpload",
  params: { id: "{submission}" },
  form,
  file: upload,
  expect,
});
/** The newest evidence file's stored name and size. */
const storedEvidence = (fileName: string, sizeBytes?: number): Check => async ({ rows: query }) => {
  const [row] = await query("select file_name, size_bytes, title from evidence where kind = 'file' order by id desc limit 1");
  expect(row?.file_name).toBe(fileName);
  if (sizeBytes !== undefined) expect(Number(row?.size_bytes)).toBe(sizeBytes);
};
const typeRefused = refused("validation", { file: "file_type" });

const evidenceCases: RouteCase[] = [
  evidence("upload.evidence.exe-named-pdf", "spoofing", file("รายงาน.pdf", MIME.pdf, () => WINDOWS_EXE), typeRefused),
  evidence("upload.evidence.elf-named-png", "spoofing", file("photo.png", MIME.png, () => ELF), typeRefused),
  evidence("upload.evidence.html-named-pdf", "html_injection", file("page.pdf", MIME.pdf, () => HTML_PAGE), typeRefused),
  evidence("upload.evidence.svg-with-script", "html_injection", file("logo.svg", "image/svg+xml", () => SVG_SCRIPT), typeRefused),
  evidence("upload.evidence.html-as-csv-type", "html_injection", file("page.html", MIME.csv, () => HTML_PAGE), typeRefused),
  evidence("upload.evidence.pdf-named-png", "spoofing", file("scan.png", MIME.pdf, () => PDF), typeRefused),
  evidence("upload.evidence.jpeg-declared-png", "spoofing", file("scan.png", MIME.png, () => JPEG), typeRefused),
  evidence("upload.evidence.rtl-disguised-exe", "spoofing", file("invoice\u202Efdp.exe", MIME.pdf, () => PDF), typeRefused),
  evidence("upload.evidence.empty", "missing", file("empty.pdf", MIME.pdf, () => Buffer.alloc(0)), refused("validation", { file: "empty_file" })),
  evidence("upload.evidence.too-large", "huge", file("big.pdf", MIME.pdf, () => Buffer.concat([PDF, Buffer.alloc(MAX_EVIDENCE_BYTES)])), refused("validation", { file: "file_too_large" })),
  {
    ...evidence("upload.evidence.no-file", "missing", file("x", MIME.pdf, () => PDF), refused("validation", { file: "required" })),
    file: undefined,
  },
  evidence("upload.evidence.title-nul", "control_chars", file("ok.pdf", MIME.pdf, () => PDF), refused("validation", { title: "invalid_characters" }), { title: "ชื่อ\u0000หลักฐาน" }),
  evidence("upload.evidence.traversal-name", "traversal", file("../../../etc/passwd.pdf", MIME.pdf, () => PDF), accepted("stored under its last path segment only", storedEvidence("passwd.pdf"), true)),
  evidence("upload.evidence.windows-path", "traversal", file("C:\\Users\\x\\..\\..\\Windows\\win.ini.pdf", MIME.pdf, () => PDF), accepted("stored without the Windows path", storedEvidence("win.ini.pdf"), true)),
  evidence("upload.evidence.control-chars-in-name", "control_chars", file("ra\u0007ppo\u001Brt.pdf", MIME.pdf, () => PDF), accepted("control characters dropped from the name", storedEvidence("rapport.pdf"), true)),
  evidence("upload.evidence.rtl-name", "unicode", file("scan\u202Egnp.pdf", MIME.pdf, () => PDF), accepted("the direction override is dropped, so the name reads as what it is", storedEvidence("scangnp.pdf"), true)),
  evidence(
    "upload.evidence.300-character-name",
    "huge",
    file(`${"ร".repeat(300)}.pdf`, MIME.pdf, () => PDF),
    accepted("the name is cut to 255 characters, keeping its extension", storedEvidence(`${"ร".repeat(251)}.pdf`), true),
  ),
  evidence("upload.evidence.dots-only-name", "traversal", file("../..", MIME.pdf, () => PDF), typeRefused),
  evidence(
    "upload.evidence.title-markup",
    "html_injection",
    file("proof.pdf", MIME.pdf, () => PDF),
    accepted("the title is stored as typed", async ({ rows: query }) => {
      expect((await query("select title from evidence order by id desc limit 1"))[0]?.title).toBe('<img src=x onerror="alert(1)">');
    }, true),
    { title: '<img src=x onerror="alert(1)">' },
  ),
  evidence(
    "upload.evidence.xlsx-zip-bomb",
    "zip_bomb",
    file("bomb.xlsx", MIME.xlsx, () => zipBomb("rows", ["a"], 100)),
    accepted("kept as the bytes uploaded: evidence is only ever downloaded, never unpacked", async ({ rows: query }) => {
      const [row] = await query("select e.size_bytes, octet_length(b.content) as stored from evidence e join evidence_blobs b on b.evidence_id = e.id order by e.id desc limit 1");
      expect(Number(row?.stored)).toBe(Number(row?.size_bytes));
    }, true),
  ),
  evidence("upload.evidence.truncated-pdf", "truncated", file("half.pdf", MIME.pdf, () => truncated(PDF)), accepted("stored as uploaded (the signature is a PDF's); offered only as a download", storedEvidence("half.pdf", Math.floor(PDF.length / 2)), true)),
  evidence("upload.evidence.formula-csv", "formula", file("data.csv", MIME.csv, () => Buffer.from('=HYPERLINK("http://evil.example","x"),+cmd|\' /C calc\'!A0,@SUM(1+1)\r\n')), accepted("stored as a file for download, never parsed", storedEvidence("data.csv"), true)),
];

const attachment = (id: string, category: RouteCase["category"], upload: UploadFile | undefined, expect: Expectation, form: Record<string, string> = { title: "แผน" }, caseId = "{case}"): RouteCase => ({
  id,
  surface: "upload",
  category,
  as: "analyst",
  route: "caseAttachmentUpload",
  params: { id: caseId },
  form,
  file: upload,
  expect,
});
const attachmentCases: RouteCase[] = [
  attachment("upload.attachment.exe-named-pdf", "spoofing", file("plan.pdf", MIME.pdf, () => WINDOWS_EXE), typeRefused),
  attachment("upload.attachment.docx-not-zip", "spoofing", file("plan.docx", MIME.docx, () => PDF), typeRefused),
  attachment("upload.attachment.empty", "missing", file("plan.pdf", MIME.pdf, () => Buffer.alloc(0)), refused("validation", { file: "empty_file" })),
  attachment("upload.attachment.no-file", "missing", undefined, refused("validation", { file: "required" })),
  attachment("upload.attachment.too-large", "huge", file("plan.png", MIME.png, () => Buffer.concat([PNG, Buffer.alloc(MAX_EVIDENCE_BYTES)])), refused("validation", { file: "file_too_large" })),
  attachment("upload.attachment.title-nul", "control_chars", file("plan.pdf", MIME.pdf, () => PDF), refused("validation", { title: "invalid_characters" }), { title: "\u0000" }),
  attachment("upload.attachment.case-text", "wrong_type", file("plan.pdf", MIME.pdf, () => PDF), { refused: { error: "not_found", status: 404 } }, undefined, "latest"),
  attachment("upload.attachment.case-beyond-int", "huge", file("plan.pdf", MIME.pdf, () => PDF), { refused: { error: "not_found", status: 404 } }, undefined, "2147483648"),
  attachment(
    "upload.attachment.traversal-name",
    "traversal",
    file("..\\..\\boot.ini.pdf", MIME.pdf, () => PDF),
    accepted("stored under its last path segment only", async ({ rows: query }) => {
      expect((await query("select file_name from case_attachments order by id desc limit 1"))[0]?.file_name).toBe("boot.ini.pdf");
    }, true),
  ),
];

// ── eMENSCR exports (analyst; preview unless said otherwise) ──
const EMENSCR_HEADER = ["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน", "รหัสหน่วยงาน", "วงเงินงบประมาณ", "ผลการเบิกจ่ายสะสม", "ความก้าวหน้าโครงการ"];
const project = (code: string, name = "โครงการทดสอบข้อมูลผิด", budget = "1,000,000"): string[] => [code, name, "กรมการปกครอง", "03002", budget, "500,000", "50"];
const emenscrCsv = (...dataRows: string[][]) => Buffer.from(csv([EMENSCR_HEADER, ...dataRows]));
const emenscr = (id: string, category: RouteCase["category"], upload: UploadFile | undefined, expect: Expectation, route: "emenscrPreview" | "emenscrCommit" | "emenscrFixList" = "emenscrPreview", form: Record<string, string> = { period: "2570Q1" }): RouteCase => ({
  id,
  surface: "upload",
  category,
  as: "analyst",
  route,
  form,
  file: upload,
  expect,
  ...(route === "emenscrCommit" ? { sequencesMayAdvance: ["public.import_batches_id_seq"] } : {}),
});
const realWorkbook = () => workbook([EMENSCR_HEADER, ...Array.from({ length: 200 }, (_, i) => project(`TR-${i}`, `โครงการที่ ${i} ${"ข้อมูล".repeat(10)}`))]);
/** The preview's sample rows, as they would be stored. */
const sample = (ctx: CheckContext) => (ctx.answer as { sample: { projectCode: string; projectName: string; agencyId: number | null }[]; encoding: string | null; outcome: string }).sample;
const previewOk = (check?: Check) => accepted("read and checked; nothing written", async (ctx) => {
  const summary = ctx.answer as { outcome: string; errors: unknown[] };
  expect(summary.outcome, JSON.stringify(summary.errors)).toBe("preview");
  await check?.(ctx);
});

const emenscrCases: RouteCase[] = [
  emenscr("upload.emenscr.png-named-csv", "spoofing", file("export.csv", MIME.csv, () => PNG), fileError("not_a_spreadsheet")),
  emenscr("upload.emenscr.elf-named-csv", "spoofing", file("export.csv", MIME.csv, () => ELF), fileError("not_a_spreadsheet")),
  emenscr("upload.emenscr.exe-named-xlsx", "spoofing", file("export.xlsx", MIME.xlsx, () => WINDOWS_EXE), fileError("not_a_spreadsheet")),
  emenscr("upload.emenscr.legacy-xls", "wrong_type", file("export.xls", "application/vnd.ms-excel", () => LEGACY_OFFICE), fileError("legacy_xls")),
  emenscr("upload.emenscr.password-protected", "wrong_type", file("export.xlsx", MIME.xlsx, () => PASSWORD_PROTECTED_XLSX), fileError("password_protected")),
  emenscr("upload.emenscr.empty", "missing", file("export.csv", MIME.csv, () => Buffer.alloc(0)), fileError("empty_file")),
  emenscr("upload.emenscr.no-file", "missing", undefined, refused("validation", { file: "required" })),
  emenscr("upload.emenscr.truncated-xlsx-half", "truncated", file("export.xlsx", MIME.xlsx, async () => truncated(await realWorkbook(), 0.5)), fileError("corrupt_file")),
  emenscr("upload.emenscr.truncated-xlsx-tail", "truncated", file("export.xlsx", MIME.xlsx, async () => truncated(await realWorkbook(), 0.97)), fileError("corrupt_file")),
  emenscr(
    "upload.emenscr.sheet-xml-cut-short",
    "truncated",
    file("export.xlsx", MIME.xlsx, () => xlsxPackage({ sheet: sheetXml([EMENSCR_HEADER, project("CUT-1")]).replace("</sheetData></worksheet>", "<row r=\"3\"><c t=\"inlineStr\"><is><t>CUT-2") })),
    fileError("corrupt_file"),
  ),
  emenscr("upload.emenscr.zip-bomb-rows", "zip_bomb", file("bomb.xlsx", MIME.xlsx, () => zipBomb("rows", EMENSCR_HEADER, 100)), fileError("too_large_unpacked")),
  emenscr("upload.emenscr.zip-bomb-shared-strings", "zip_bomb", file("bomb.xlsx", MIME.xlsx, () => zipBomb("sharedStrings", EMENSCR_HEADER, 200)), fileError("too_large_unpacked")),
  emenscr("upload.emenscr.zip-bomb-spooled-sheet", "zip_bomb", file("bomb.xlsx", MIME.xlsx, () => zipBomb("spooled", EMENSCR_HEADER, 200)), fileError("too_large_unpacked")),
  emenscr(
    "upload.emenscr.lying-sizes",
    "zip_bomb",
    file("bomb.xlsx", MIME.xlsx, () => xlsxPackage({ sheet: { head: sheetXml([EMENSCR_HEADER]).replace("</sheetData></worksheet>", ""), repeat: "<row/>".repeat(100_000), times: 100, tail: "</sheetData></worksheet>" }, sheetDeclaredSize: 1000 })),
    fileError("too_large_unpacked"),
  ),
  emenscr("upload.emenscr.column-beyond-xfd", "huge", file("wide.xlsx", MIME.xlsx, () => xlsxPackage({ sheet: sheetXml([EMENSCR_HEADER]).replace("</sheetData>", '<row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>') })), fileError("corrupt_file")),
  emenscr(
    "upload.emenscr.billion-laughs",
    "zip_bomb",
    file("laughs.xlsx", MIME.xlsx, () =>
      xlsxPackage({
        sheet: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`,
      }),
    ),
    fileError("corrupt_file"),
  ),
  emenscr(
    "upload.emenscr.external-entity",
    "traversal",
    file("xxe.xlsx", MIME.xlsx, () =>
      xlsxPackage({
        sheet: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`,
      }),
    ),
    fileError("corrupt_file"),
  ),
  emenscr("upload.emenscr.not-xml", "malformed", file("export.xlsx", MIME.xlsx, () => xlsxPackage({ sheet: "\u0001\u0002 this is not XML <<<" })), fileError("corrupt_file")),
  emenscr("upload.emenscr.formula-cells", "formula", file("export.xlsx", MIME.xlsx, () => workbook([EMENSCR_HEADER, [...project("F-1").slice(0, 1), { formula: 'HYPERLINK("http://evil.example","คลิก")', result: "คลิก" }, ...project("F-1").slice(2)] as Cell[]])), rows("formula_cell")),
  emenscr("upload.emenscr.amount-1e30", "huge", file("export.csv", MIME.csv, () => emenscrCsv(project("H-1", "โครงการ", "1e30"))), rows("out_of_range")),
  emenscr("upload.emenscr.amount-negative", "wrong_type", file("export.csv", MIME.csv, () => emenscrCsv(project("N-1", "โครงการ", "(5,000)"))), rows("negative_amount")),
  emenscr("upload.emenscr.amount-words", "wrong_type", file("export.csv", MIME.csv, () => emenscrCsv(project("W-1", "โครงการ", "หนึ่งล้าน"))), rows("not_a_number")),
  emenscr("upload.emenscr.code-too-long", "huge", file("export.csv", MIME.csv, () => emenscrCsv(project("C".repeat(101)))), rows("too_long")),
  emenscr("upload.emenscr.name-megabyte", "huge", file("export.csv", MIME.csv, () => emenscrCsv(project("M-1", "ก".repeat(1_000_000)))), rows("too_long")),
  emenscr("upload.emenscr.duplicate-code", "wrong_type", file("export.csv", MIME.csv, () => emenscrCsv(project("D-1"), project("D-1"))), rows("duplicate_project_code")),
  emenscr("upload.emenscr.header-only", "missing", file("export.csv", MIME.csv, () => emenscrCsv()), rows("no_data_rows")),
  emenscr("upload.emenscr.no-header", "missing", file("export.csv", MIME.csv, () => Buffer.from("1,2,3\n4,5,6\n")), rows("missing_column"), "emenscrCommit"),
  emenscr("upload.emenscr.sheet-traversal", "traversal", file("export.xlsx", MIME.xlsx, realWorkbook), fileError("sheet_not_found"), "emenscrPreview", { period: "2570Q1", sheet: "../../etc/passwd" }),
  emenscr(
    "upload.emenscr.windows-874",
    "encoding",
    file("export.csv", MIME.csv, () => encodeText(csv([EMENSCR_HEADER, project("ENC-1", "โครงการภาษาไทย ทิส-620")]), "windows-874")),
    previewOk(async (ctx) => {
      expect((ctx.answer as { encoding: string }).encoding).toBe("windows-874");
      expect(sample(ctx)[0]).toMatchObject({ projectCode: "ENC-1", projectName: "โครงการภาษาไทย ทิส-620" });
    }),
  ),
  emenscr(
    "upload.emenscr.utf16-bom",
    "encoding",
    file("export.txt", MIME.csv, () => encodeText([EMENSCR_HEADER, project("ENC-2", "โครงการยูนิโค้ด")].map((r) => r.join("\t")).join("\r\n"), "utf-16le-bom")),
    previewOk(async (ctx) => expect(sample(ctx)[0]).toMatchObject({ projectCode: "ENC-2", projectName: "โครงการยูนิโค้ด" })),
  ),
  emenscr(
    "upload.emenscr.utf8-bom-crlf-in-cell",
    "encoding",
    file("export.csv", MIME.csv, () => encodeText(csv([EMENSCR_HEADER, project("ENC-3", "บรรทัดแรก\r\nบรรทัดสอง")]), "utf-8-bom")),
    previewOk(async (ctx) => expect(sample(ctx)[0]).toMatchObject({ projectCode: "ENC-3", projectName: "บรรทัดแรก บรรทัดสอง" })),
  ),
  emenscr(
    "upload.emenscr.nul-after-8kb",
    "control_chars",
    // Past the first 8 KB, which are checked for binary content.
    file("export.csv", MIME.csv, () => emenscrCsv(...Array.from({ length: 80 }, (_, i) => project(`NUL-${i}`, `โครงการ ${"ก".repeat(40)}`)), project("NUL-X", "ชื่อ\u0000มี\u0007อักขระควบคุม"))),
    accepted(
      "committed with the control characters dropped from the text",
      async ({ rows: query }) => expect((await query("select name from emenscr_projects where project_code = 'NUL-X'"))[0]?.name).toBe("ชื่อมีอักขระควบคุม"),
      true,
    ),
    "emenscrCommit",
  ),
  emenscr(
    "upload.emenscr.invisible-agency-name",
    "unicode",
    file("export.csv", MIME.csv, () => Buffer.from(csv([EMENSCR_HEADER.filter((h) => h !== "รหัสหน่วยงาน"), ["INV-1", "โครงการ", "\u202Eกรม\u200Bการ\u2060ปกครอง\uFEFF", "1,000", "0", "0"]]))),
    previewOk(async (ctx) => expect(sample(ctx)[0]?.agencyId).toBe(Number(ctx.fixtures.agencyId))),
  ),
  emenscr(
    "upload.emenscr.thai-digits-amounts",
    "unicode",
    file("export.csv", MIME.csv, () => emenscrCsv(project("TD-1", "โครงการเลขไทย", "๑,๒๐๐,๐๐๐"))),
    previewOk(async (ctx) => expect((ctx.answer as { sample: { budget: string }[] }).sample[0]?.budget).toBe("1200000.00")),
  ),
  emenscr(
    "upload.emenscr.formula-text-neutralised-in-fix-list",
    "formula",
    file("export.csv", MIME.csv, () => emenscrCsv(['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "ไม่ใช่ตัวเลข", "0", "0"])),
    accepted("the fix list writes every formula-like text as text with a leading apostrophe", async ({ answer }) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((answer as { bytes: Buffer }).bytes as unknown as ArrayBuffer);
      const cells = (book.worksheets[0]!.getRow(2).values as unknown[]).slice(1, 5);
      expect(cells).toEqual(["'=HYPERLINK(\"http://evil.example\",\"x\")", "'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'-2+3"]);
    }),
    "emenscrFixList",
  ),
  emenscr(
    "upload.emenscr.commit-sql-and-markup",
    "sql",
    file("export.csv", MIME.csv, () => emenscrCsv(project("SQL-1'; DROP TABLE emenscr_projects; --", "<script>alert(1)</script>"))),
    accepted(
      "committed with the code and name as text; nothing executed",
      async ({ rows: query }) => {
        const [row] = await query("select name from emenscr_projects where project_code = 'SQL-1''; DROP TABLE emenscr_projects; --'");
        expect(row?.name).toBe("<script>alert(1)</script>");
      },
      true,
    ),
    "emenscrCommit",
  ),
  emenscr("upload.emenscr.commit-invalid-rows", "wrong_type", file("export.csv", MIME.csv, () => emenscrCsv(project("OK-1"), project("BAD-1", "โครงการ", "ไม่ทราบ"))), rows("not_a_number"), "emenscrCommit"),
  emenscr("upload.emenscr.commit-zip-bomb", "zip_bomb", file("bomb.xlsx", MIME.xlsx, () => zipBomb("emptyRows", EMENSCR_HEADER, 200)), fileError("too_large_unpacked"), "emenscrCommit"),
  emenscr("upload.emenscr.commit-truncated", "truncated", file("export.xlsx", MIME.xlsx, async () => truncated(await realWorkbook(), 0.6)), fileError("corrupt_file"), "emenscrCommit"),
  emenscr("upload.emenscr.fix-list-zip-bomb", "zip_bomb", file("bomb.xlsx", MIME.xlsx, () => zipBomb("sharedStrings", EMENSCR_HEADER, 200)), fileError("too_large_unpacked"), "emenscrFixList"),
];

// ── agency and target tables (admin / analyst) ──
const AGENCY_HEADER = ["รหัสหน่วยงาน", "ชื่อหน่วยงานภาษาไทย", "ชื่อหน่วยงานภาษาอังกฤษ", "ประเภทหน่วยงาน", "รหัสกระทรวงต้นสังกัด"];
const agencyCsv = (...dataRows: string[][]) => Buffer.from(csv([AGENCY_HEADER, ...dataRows]));
const agencyRow = (code: string, nameTh = "หน่วยงานนำเข้าทดสอบ", nameEn = "Imported test agency", type = "department", parent = "03000"): string[] => [code, nameTh, nameEn, type, parent];
const table = (id: string, category: RouteCase["category"], route: "agencyImport" | "targetImport", upload: UploadFile | undefined, expect: Expectation, mode = "preview"): RouteCase => ({
  id,
  surface: "upload",
  category,
  as: route === "agencyImport" ? "admin" : "analyst",
  route,
  form: { mode },
  file: upload,
  expect,
});
const TARGET_HEADER = ["รหัสตัวชี้วัด", "รหัสหน่วยงาน", "งวดรายงาน", "ค่าเป้าหมาย"];
const targetCsv = (...dataRows: string[][]) => Buffer.from(csv([TARGET_HEADER, ...dataRows]));

const tableCases: RouteCase[] = [
  table("upload.agencies.png-named-csv", "spoofing", "agencyImport", file("agencies.csv", MIME.csv, () => PNG), fileError("not_a_spreadsheet")),
  table("upload.agencies.empty", "missing", "agencyImport", file("agencies.csv", MIME.csv, () => Buffer.alloc(0)), fileError("empty_file")),
  table("upload.agencies.truncated-xlsx", "truncated", "agencyImport", file("agencies.xlsx", MIME.xlsx, async () => truncated(await workbook([AGENCY_HEADER, ...Array.from({ length: 300 }, (_, i) => agencyRow(`TX-${i}`))]))), fileError("corrupt_file")),
  table("upload.agencies.zip-bomb", "zip_bomb", "agencyImport", file("agencies.xlsx", MIME.xlsx, () => zipBomb("rows", AGENCY_HEADER, 100)), fileError("too_large_unpacked")),
  table("upload.agencies.zip-bomb-commit", "zip_bomb", "agencyImport", file("agencies.xlsx", MIME.xlsx, () => zipBomb("sharedStrings", AGENCY_HEADER, 200)), fileError("too_large_unpacked"), "commit"),
  table("upload.agencies.no-header", "missing", "agencyImport", file("agencies.csv", MIME.csv, () => Buffer.from("a,b,c\n1,2,3\n")), fileError("header_not_found")),
  table("upload.agencies.code-markup", "html_injection", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("<script>"))), rows("invalid_code")),
  table("upload.agencies.code-traversal", "traversal", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("../../x"))), rows("invalid_code")),
  table("upload.agencies.name-too-long", "huge", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("LONG-1", "ก".repeat(301)))), rows("too_long")),
  table("upload.agencies.type-unknown", "wrong_type", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("TYPE-1", undefined, undefined, "'; DROP TABLE agencies; --"))), rows("unknown_type")),
  table("upload.agencies.duplicate-code", "wrong_type", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("DUP-1"), agencyRow("DUP-1"))), rows("duplicate_code")),
  table("upload.agencies.parent-unknown", "wrong_type", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("PAR-1", undefined, undefined, undefined, "99999"))), rows("unknown_parent")),
  table("upload.agencies.code-as-number", "wrong_type", "agencyImport", file("agencies.xlsx", MIME.xlsx, () => workbook([AGENCY_HEADER, [3002, "กรมการปกครอง", "DOPA", "department", "03000"]])), rows("code_as_number")),
  table("upload.agencies.commit-invalid", "wrong_type", "agencyImport", file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("OKAY-1"), agencyRow("bad code!"))), rows("invalid_code"), "commit"),
  table(
    "upload.agencies.windows-874-invisible",
    "encoding",
    "agencyImport",
    file("agencies.csv", MIME.csv, () => encodeText(csv([AGENCY_HEADER, agencyRow("W874-1", "  กรม   ทดสอบ\tภาษาไทย ", "Thai codepage")]), "windows-874")),
    accepted(
      "a Windows-874 file is read; committed names are stored normalised",
      async ({ rows: query }) => expect((await query("select name_th from agencies where code = 'W874-1'"))[0]?.name_th).toBe("กรม ทดสอบ ภาษาไทย"),
      true,
    ),
    "commit",
  ),
  table(
    "upload.agencies.formula-name",
    "formula",
    "agencyImport",
    file("agencies.csv", MIME.csv, () => agencyCsv(agencyRow("FORM-1", '=HYPERLINK("http://evil.example","x")', "@SUM(A1:A9)"))),
    accepted("stored as text (spreadsheets written by the app neutralise it)", async ({ rows: query }) => expect((await query("select name_en from agencies where code = 'FORM-1'"))[0]?.name_en).toBe("@SUM(A1:A9)"), true),
    "commit",
  ),
  table("upload.targets.value-1e30", "huge", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-01", "", "2570Q1", "1e30"])), rows("too_large")),
  table("upload.targets.value-words", "wrong_type", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-01", "", "2570Q1", "มาก"])), rows("not_a_number")),
  table("upload.targets.percent-over", "huge", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-05", "", "2570Q1", "150%"])), rows("percent_range")),
  table("upload.targets.indicator-sql", "sql", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-01' OR '1'='1", "", "2570Q1", "10"])), rows("unknown_indicator")),
  table("upload.targets.period-unknown", "wrong_type", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-01", "", "2570Q9", "10"])), rows("unknown_period")),
  table("upload.targets.duplicate", "wrong_type", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-01", "", "2570Q1", "10"], ["cyb-01", "", "2570q1", "11"])), rows("duplicate_target")),
  table("upload.targets.commit-1e30", "huge", "targetImport", file("targets.csv", MIME.csv, () => targetCsv(["CYB-01", "", "2570Q1", "10"], ["CYB-01", "03002", "2570Q1", "99999999999999999"])), rows("too_large"), "commit"),
  table("upload.targets.truncated", "truncated", "targetImport", file("targets.xlsx", MIME.xlsx, async () => truncated(await workbook([TARGET_HEADER, ["CYB-01", "", "2570Q1", 10]]), 0.8)), fileError("corrupt_file")),
  table("upload.targets.zip-bomb", "zip_bomb", "targetImport", file("targets.xlsx", MIME.xlsx, () => zipBomb("emptyRows", TARGET_HEADER, 200)), fileError("too_large_unpacked")),
];

// ── account lists (an agency head, within their own agency) ──
const USER_HEADER = ["อีเมล", "ชื่อ-นามสกุล", "บทบาท", "รหัสหน่วยงาน"];
const userCsv = (...dataRows: string[][]) => Buffer.from(csv([USER_HEADER, ...dataRows]));
const person = (email: string, name = "ผู้ใช้ นำเข้า", role = "เจ้าหน้าที่หน่วยงาน", agency = "03002"): string[] => [email, name, role, agency];
const users = (id: string, category: RouteCase["category"], upload: UploadFile, expect: Expectation, mode = "preview"): RouteCase => ({
  id,
  surface: "upload",
  category,
  as: "agency_head",
  route: "userImport",
  form: { mode },
  file: upload,
  expect,
});
const userCases: RouteCase[] = [
  users("upload.users.duplicate-email", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("dup@lamnam.test"), person("DUP@lamnam.test"))), rows("duplicate_email")),
  users("upload.users.unknown-agency", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("ua@lamnam.test", undefined, undefined, "99999"))), rows("unknown_agency")),
  users("upload.users.agency-sql", "sql", file("users.csv", MIME.csv, () => userCsv(person("sql@lamnam.test", undefined, undefined, "03002' OR '1'='1"))), rows("unknown_agency")),
  users("upload.users.other-agency", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("oa@lamnam.test", undefined, undefined, "02003"))), rows("agency_outside_scope")),
  users("upload.users.role-above-own", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("boss@lamnam.test", undefined, "หัวหน้าหน่วยงาน"))), rows("role_not_grantable")),
  users("upload.users.role-unknown", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("ru@lamnam.test", undefined, "superuser"))), rows("unknown_user_role")),
  users("upload.users.someone-elses-account", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("officer2@lamnam.demo"))), rows("account_outside_scope")),
  users("upload.users.formula-name", "formula", file("users.csv", MIME.csv, () => userCsv(person("f1@lamnam.test", '=HYPERLINK("http://evil.example","x")'), person("f2@lamnam.test", "+cmd|' /C calc'!A0"))), rows("formula_text")),
  users("upload.users.email-markup", "html_injection", file("users.csv", MIME.csv, () => userCsv(person("<script>alert(1)</script>@x.test"))), rows("invalid_email")),
  users("upload.users.commit-invalid", "wrong_type", file("users.csv", MIME.csv, () => userCsv(person("ok-commit@lamnam.test"), person("ok-commit@lamnam.test"))), rows("duplicate_email"), "commit"),
  users("upload.users.png-named-csv", "spoofing", file("users.csv", MIME.csv, () => PNG), fileError("not_a_spreadsheet")),
  users(
    "upload.users.windows-874",
    "encoding",
    file("users.csv", MIME.csv, () => encodeText(csv([USER_HEADER, person("w874@lamnam.test", "สมหญิง  ใจงาม")]), "windows-874")),
    accepted(
      "a Windows-874 file is read; the account is created with its Thai name and invited",
      async ({ rows: query }) => {
        const [row] = await query("select u.name, count(t.id)::int as links from users u left join user_tokens t on t.user_id = u.id and t.purpose = 'invite' where u.email = 'w874@lamnam.test' group by u.name");
        expect(row).toEqual({ name: "สมหญิง ใจงาม", links: 1 });
      },
      true,
    ),
    "commit",
  ),
];

export const UPLOAD_CASES: RouteCase[] = [...evidenceCases, ...attachmentCases, ...emenscrCases, ...tableCases, ...userCases];

import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import {
  agencies,
  auditLog,
  componentRules,
  components,
  emenscrProgress,
  emenscrProjects,
  importBatches,
  projectComponents,
} from "@/db/schema";
import { SYSTEM_ACTOR } from "@/core/auth/actor";
import { ForbiddenError } from "@/core/errors";
import ExcelJS from "@/lib/import/exceljs";
import { ImportFileError } from "@/lib/import/errors";
import { buildFixList } from "@/lib/emenscr/fix-list";
import { commitImport, previewImport, type ImportOptions } from "@/lib/emenscr/import-service";
import { mapAgencyAlias, rollbackImportBatch, saveMappingProfile } from "@/lib/emenscr/batch-service";
import { openExport } from "@/lib/import/readers";
import { generateSyntheticExport } from "@/scripts/generators/emenscr-synthetic";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

const HEADER = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ";
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join("\r\n") + "\r\n", "utf8");

describeEachDatabase("eMENSCR import", ({ db }) => {
  let analyst: ReturnType<typeof actorOf>;

  beforeAll(async () => {
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
  });

  afterEach(() => {
    delete process.env.IMPORT_MAX_BYTES;
  });

  async function snapshot() {
    const [[b], [p], [g]] = await Promise.all([
      db().select({ n: count() }).from(importBatches),
      db().select({ n: count() }).from(emenscrProjects),
      db().select({ n: count() }).from(emenscrProgress),
    ]);
    return { batches: b!.n, projects: p!.n, progress: g!.n };
  }

  const options = (bytes: Buffer, extra: Partial<ImportOptions> = {}): ImportOptions => ({ fileName: "test.csv", bytes, periodCode: "2570Q1", ...extra });

  /** Commits, asserts nothing at all was written, returns the summary or the file error. */
  async function expectNothingCommitted(bytes: Buffer, extra: Partial<ImportOptions> = {}) {
    const before = await snapshot();
    const result = await commitImport(analyst, options(bytes, extra)).catch((error: unknown) => error);
    expect(await snapshot()).toEqual(before);
    return result;
  }

  describe("bad input: a clear error and nothing committed", () => {
    it.each([
      ["a renamed .exe", Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(512)]), "not_a_spreadsheet"],
      ["a renamed image", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512)]), "not_a_spreadsheet"],
      ["an empty file", Buffer.alloc(0), "empty_file"],
      [
        "a password-protected xlsx",
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024), Buffer.from("EncryptedPackage", "utf16le"), Buffer.alloc(1024)]),
        "password_protected",
      ],
    ])("%s", async (_name, bytes, reason) => {
      const result = await expectNothingCommitted(bytes);
      expect(result).toBeInstanceOf(ImportFileError);
      expect(result).toMatchObject({ reason });
    });

    it("a corrupt xlsx (truncated)", async () => {
      const good = await generateSyntheticExport({ rows: 50, format: "xlsx" });
      const result = await expectNothingCommitted(good.subarray(0, Math.floor(good.length / 2)));
      expect(result).toMatchObject({ reason: "corrupt_file" });
    });

    it("a file over the size limit names the limit", async () => {
      process.env.IMPORT_MAX_BYTES = String(1024);
      const result = await expectNothingCommitted(csv(...Array.from({ length: 40 }, (_, i) => `P-${i},โครงการ ${i},กรมทรัพย์สินทางปัญญา,05002,"1,000",0,0`)));
      expect(result).toMatchObject({ reason: "file_too_large", params: { limit: "1 KB" } });
    });

    it("a header only", async () => {
      const result = await expectNothingCommitted(csv());
      expect(result).toMatchObject({ outcome: "invalid", rows: 0, errors: [{ reason: "no_data_rows", row: 1 }] });
    });

    it("a required column missing", async () => {
      const bytes = Buffer.from("ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nโครงการ,กรม,100\n");
      const result = await expectNothingCommitted(bytes);
      expect(result).toMatchObject({ outcome: "invalid", missingFields: ["projectCode"], errors: [{ reason: "missing_column", field: "projectCode", row: 1 }] });
    });

    it("duplicate project codes", async () => {
      const result = await expectNothingCommitted(csv("P-1,หนึ่ง,กรมทรัพย์สินทางปัญญา,05002,100,0,0", "P-2,สอง,กรมทรัพย์สินทางปัญญา,05002,100,0,0", "P-1,ซ้ำ,กรมทรัพย์สินทางปัญญา,05002,100,0,0"));
      expect(result).toMatchObject({ outcome: "invalid", invalid: 1, errors: [{ row: 4, field: "projectCode", reason: "duplicate_project_code", params: { firstRow: 2 } }] });
    });

    it("formula cells and #REF! error values", async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("eMENSCR");
      sheet.addRow(HEADER.split(","));
      sheet.addRow(["P-1", "หนึ่ง", "กรมทรัพย์สินทางปัญญา", "05002", { formula: "1000*2", result: 2000 }, 0, 0]);
      sheet.addRow(["P-2", "สอง", "กรมทรัพย์สินทางปัญญา", "05002", 100, { error: "#REF!" }, 0]);
      sheet.addRow(["P-3", "สาม", "กรมทรัพย์สินทางปัญญา", "05002", 100, "#DIV/0!", 0]);
      const result = await expectNothingCommitted(Buffer.from(await workbook.xlsx.writeBuffer()), { fileName: "formulas.xlsx" });
      expect(result).toMatchObject({ outcome: "invalid", invalid: 3 });
      expect((result as { errors: unknown[] }).errors).toEqual([
        expect.objectContaining({ row: 2, field: "budget", reason: "formula_cell" }),
        expect.objectContaining({ row: 3, field: "disbursed", reason: "spreadsheet_error" }),
        expect.objectContaining({ row: 4, field: "disbursed", reason: "spreadsheet_error" }),
      ]);
    });

    it("a cell with 100,000 characters", async () => {
      const result = await expectNothingCommitted(csv(`P-1,${"ก".repeat(100_000)},กรมทรัพย์สินทางปัญญา,05002,100000,0,0`));
      expect(result).toMatchObject({ outcome: "invalid", errors: [{ row: 2, field: "projectName", reason: "too_long", params: { max: 1000, length: 100_000 } }] });
    });

    it("one bad row among many good ones commits none of them", async () => {
      const good = Array.from({ length: 2500 }, (_, i) => `G-${i},โครงการ ${i},กรมทรัพย์สินทางปัญญา,05002,"1,000",0,0`);
      const result = await expectNothingCommitted(csv(...good, "G-bad,เสีย,กรมทรัพย์สินทางปัญญา,05002,ไม่ใช่ตัวเลข,0,0"));
      expect(result).toMatchObject({ outcome: "invalid", rows: 2501, invalid: 1 });
    });
  });

  it("stores a =HYPERLINK injection as plain text, and exports it neutralised", async () => {
    const injected = '=HYPERLINK("http://evil.example/x","คลิก")';
    const summary = await commitImport(analyst, options(csv(`INJ-1,"${injected.replace(/"/g, '""')}",กรมทรัพย์สินทางปัญญา,05002,100000,0,0`)));
    expect(summary.outcome).toBe("committed");
    const [project] = await db().select().from(emenscrProjects).where(eq(emenscrProjects.projectCode, "INJ-1"));
    expect(project!.name).toBe(injected);
    await rollbackImportBatch(analyst, summary.batchId!);

    const fixList = await buildFixList({
      columns: [{ index: 0, letter: "A", header: "ชื่อโครงการ", field: "projectName", samples: [] }],
      rows: [{ rowNumber: 5, cells: [injected] }],
      errors: [{ row: 5, field: "projectName", column: "ชื่อโครงการ", reason: "required" }],
      locale: "th",
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(fixList as unknown as ArrayBuffer);
    const cell = read.worksheets[0]!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(`'${injected}`);
    expect(read.worksheets[0]!.getRow(2).getCell(3).value).toContain("ต้องกรอกข้อมูล");
  });

  it("previews without writing: counts, sample rows as stored, unmatched agencies with suggestions", async () => {
    const before = await snapshot();
    const bytes = csv("PV-1,โครงการหนึ่ง,กรมทรัพย์สินทางปัญญา,05002,\"1,234.50\",500,45", "PV-2,โครงการสอง,สำนักงานพัฒนารัฐบาลดิจิตอล,,100,0,0");
    const summary = await previewImport(analyst, options(bytes));
    expect(await snapshot()).toEqual(before);
    expect(summary).toMatchObject({ outcome: "preview", rows: 2, inserted: 2, updated: 0, unchanged: 0, invalid: 0, periodCodes: ["2570Q1"] });
    expect(summary.sample[0]).toMatchObject({ projectCode: "PV-1", budget: "1234.50", physicalProgress: "45.00", change: "new", matchedAgencyName: "กรมทรัพย์สินทางปัญญา" });
    expect(summary.unmatchedAgencies).toEqual([
      expect.objectContaining({ rawName: "สำนักงานพัฒนารัฐบาลดิจิตอล", rows: 1, suggestions: [expect.objectContaining({ code: "01002" })] }),
    ]);
  });

  it("lists values worth a second look (disbursed over budget) without stopping the import", async () => {
    const bytes = csv("SC-1,โครงการตรวจ,กรมทรัพย์สินทางปัญญา,05002,\"1,000\",\"2,500\",40", "SC-2,โครงการปกติ,กรมทรัพย์สินทางปัญญา,05002,1000,500,40");
    const preview = await previewImport(analyst, options(bytes));
    expect(preview).toMatchObject({ outcome: "preview", invalid: 0, inserted: 2 });
    expect(preview.notices).toEqual([{ row: 2, field: "disbursed", column: "ผลการเบิกจ่ายสะสม", reason: "disbursed_over_budget", params: { disbursed: 2500, budget: 1000 } }]);
    const committed = await commitImport(analyst, options(bytes));
    expect(committed).toMatchObject({ outcome: "committed", inserted: 2 });
    expect(committed.noticeCount).toBe(1);
  });

  it("commits once; the same file again changes nothing and says so; a newer export updates only changed rows; rollback restores", async () => {
    const first = await generateSyntheticExport({ rows: 1200, format: "xlsx", seed: 42 });
    const committed = await commitImport(analyst, options(first, { fileName: "q1.xlsx", periodCode: undefined }));
    expect(committed).toMatchObject({ outcome: "committed", rows: 1200, inserted: 1200, updated: 0, unchanged: 0, skipped: 1 });
    const batchId = committed.batchId!;
    const [batch] = await db().select().from(importBatches).where(eq(importBatches.id, batchId));
    expect(batch).toMatchObject({ fileName: "q1.xlsx", status: "committed", rowCount: 1200, insertedCount: 1200, actorId: analyst.id, fileSha256: committed.fileSha256 });
    const [progressRow] = await db().select().from(emenscrProgress).where(eq(emenscrProgress.sourceRow, 5));
    // Provenance: the first data row (under 3 title rows and the header) is row 5 of this batch.
    expect(progressRow).toMatchObject({ batchId, createdBatchId: batchId });
    const audits = await db().select().from(auditLog).where(eq(auditLog.entityId, String(batchId)));
    expect(audits.map((a) => a.action)).toContain("import.commit");

    const again = await commitImport(analyst, options(first, { fileName: "q1.xlsx", periodCode: undefined }));
    expect(again).toMatchObject({ outcome: "unchanged", inserted: 0, updated: 0, unchanged: 1200, batchId: null, previousBatch: { id: batchId } });
    expect((await snapshot()).batches).toBe((await db().select({ n: count() }).from(importBatches))[0]!.n);

    const projectBefore = await db().select().from(emenscrProjects).where(eq(emenscrProjects.projectCode, committed.sample[0]!.projectCode));
    const newer = await generateSyntheticExport({ rows: 1200, format: "xlsx", seed: 42, revision: 1, changeEvery: 10 });
    const updated = await commitImport(analyst, options(newer, { fileName: "q1-v2.xlsx", periodCode: undefined }));
    expect(updated).toMatchObject({ outcome: "committed", inserted: 0, updated: 120, unchanged: 1080 });
    const touched = await db().select({ n: count() }).from(emenscrProgress).where(eq(emenscrProgress.batchId, updated.batchId!));
    expect(touched[0]!.n).toBe(120);

    // The first batch cannot be rolled back while the second has rewritten some of its rows.
    await expect(rollbackImportBatch(analyst, batchId)).rejects.toMatchObject({ code: "import_rollback_superseded" });
    const undone = await rollbackImportBatch(analyst, updated.batchId!);
    expect(undone).toMatchObject({ deletedProgress: 0, restoredProgress: 120 });
    const afterUndo = await commitImport(analyst, options(first, { periodCode: undefined }));
    expect(afterUndo.outcome).toBe("unchanged");
    expect(await db().select().from(emenscrProjects).where(eq(emenscrProjects.projectCode, committed.sample[0]!.projectCode))).toEqual(projectBefore);

    await rollbackImportBatch(analyst, batchId);
    expect(await db().select({ n: count() }).from(emenscrProjects).where(eq(emenscrProjects.createdBatchId, batchId))).toEqual([{ n: 0 }]);
    const statuses = await db().select({ id: importBatches.id, status: importBatches.status }).from(importBatches);
    expect(statuses.filter((s) => s.id === batchId || s.id === updated.batchId)).toEqual(
      expect.arrayContaining([{ id: batchId, status: "rolled_back" }, { id: updated.batchId, status: "rolled_back" }]),
    );
    await expect(rollbackImportBatch(analyst, batchId)).rejects.toMatchObject({ code: "import_already_rolled_back" });
  });

  it("maps an unmatched agency once: existing projects are linked and later imports match", async () => {
    const bytes = csv("AL-1,โครงการ,กรมทรัพย์สินฯ สาขาทดสอบ,,100000,0,0");
    const first = await commitImport(analyst, options(bytes));
    expect(first.unmatchedAgencies).toHaveLength(1);
    const [target] = await db().select().from(agencies).where(eq(agencies.code, "05002"));
    const mapped = await mapAgencyAlias(analyst, { rawText: "กรมทรัพย์สินฯ  สาขาทดสอบ", agencyId: target!.id });
    expect(mapped.linkedProjects).toBe(1);
    const [project] = await db().select().from(emenscrProjects).where(eq(emenscrProjects.projectCode, "AL-1"));
    expect(project!.agencyId).toBe(target!.id);
    const preview = await previewImport(analyst, options(csv("AL-2,โครงการ,กรมทรัพย์สินฯ สาขาทดสอบ,,100000,0,0")));
    expect(preview.unmatchedAgencies).toEqual([]);
    expect(preview.sample[0]!.agencyId).toBe(target!.id);
  });

  it("links projects to components by rule, and reads headers through a saved mapping profile", async () => {
    const [upstream] = await db().select().from(components).where(eq(components.code, "upstream"));
    await db().insert(componentRules).values({ componentId: upstream!.id, field: "name", match: "keyword", pattern: "คลาวด์" });
    const profile = await saveMappingProfile(analyst, { name: "ส่งออกแบบเก่า", mapping: { "เลขโครงการ": "projectCode", "งาน": "projectName", "สังกัด": "agencyName" } });
    const bytes = Buffer.from("เลขโครงการ,งาน,สังกัด\nRU-1,พัฒนาระบบคลาวด์,กรมทรัพย์สินทางปัญญา\nRU-2,อบรมบุคลากร,กรมทรัพย์สินทางปัญญา\n");
    const withoutProfile = await previewImport(analyst, options(bytes)).catch((e: unknown) => e);
    expect(withoutProfile).toMatchObject({ reason: "header_not_found" });
    const summary = await commitImport(analyst, options(bytes, { mappingProfileId: profile.id }));
    expect(summary).toMatchObject({ outcome: "committed", inserted: 2 });
    const links = await db()
      .select({ code: emenscrProjects.projectCode, source: projectComponents.source })
      .from(projectComponents)
      .innerJoin(emenscrProjects, eq(emenscrProjects.id, projectComponents.projectId))
      .where(eq(projectComponents.componentId, upstream!.id));
    expect(links).toEqual([{ code: "RU-1", source: "rule" }]);
  });

  it("refuses roles that may not import", async () => {
    const executive = actorOf(await createUser(db(), { role: "executive" }));
    await expect(previewImport(executive, options(csv("X-1,ก,ข,,1,0,0")))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(commitImport(executive, options(csv("X-1,ก,ข,,1,0,0")))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rollbackImportBatch(executive, 1)).rejects.toBeInstanceOf(ForbiddenError);
    expect(SYSTEM_ACTOR.role).toBe("admin");
  });

  it("refuses to commit a file other than the one previewed", async () => {
    const bytes = csv("SH-1,ก,กรมทรัพย์สินทางปัญญา,05002,1,0,0");
    await expect(commitImport(analyst, options(bytes, { expectedSha256: "0".repeat(64) }))).rejects.toMatchObject({ code: "import_file_changed" });
    expect((await openExport(bytes)).format).toBe("csv");
  });
}, { seeded: true });

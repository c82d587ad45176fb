import { and, eq, inArray, isNull } from "drizzle-orm";
import iconv from "iconv-lite";
import { expect, it, vi } from "vitest";
import { agencies, agencyComponents, auditLog, indicators, targets } from "@/db/schema";
import { commitAgencyImport, previewAgencyImport } from "@/lib/admin/agency-import";
import { agencyTemplate, targetTemplate } from "@/lib/admin/import-templates";
import { commitTargetImport, previewTargetImport, setTarget } from "@/lib/admin/targets";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { afterFactsChanged } from "@/lib/facts/after-change";
import ExcelJS from "@/lib/import/exceljs";
import { describeEachDatabase } from "../support/databases";
import { createAssessmentWorld } from "../support/assessment-fixtures";
import { createAgency } from "../support/factories";

vi.mock("@/lib/facts/after-change", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/facts/after-change")>();
  return { ...actual, afterFactsChanged: vi.fn(actual.afterFactsChanged) };
});

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n"), "utf8");

async function xlsx(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("หน่วยงาน");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeEachDatabase("agency import", ({ db }) => {
  it("previews new, changed, unchanged and invalid rows with row, column and reason; commits all or nothing; re-import changes nothing", async () => {
    const w = await createAssessmentWorld(db());
    const ministry = await createAgency(db(), { code: "77000", nameTh: "กระทรวงทดสอบ", nameEn: "Ministry of Tests", type: "ministry" });
    await createAgency(db(), { code: "77001", nameTh: "กรมเดิม", nameEn: "Old Department", type: "department", parentId: ministry.id });
    await createAgency(db(), { code: "77002", nameTh: "กรมคงเดิม", nameEn: "Unchanged Department", type: "department", parentId: ministry.id });
    const header = ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ชื่อภาษาอังกฤษ", "ประเภท", "รหัสกระทรวง", `บทบาท สพร. ${w.component.nameTh}`];
    const good = [
      header,
      ["77001", "กรมใหม่ชื่อ", "Old Department", "กรม / ส่วนราชการ", "77000", "ผู้นำ"],
      ["77002", "กรมคงเดิม", "Unchanged Department", "department", "77000", ""],
      ["78000", "กระทรวงใหม่", "New Ministry", "กระทรวง", "", ""],
      ["78001", "กรมใต้กระทรวงใหม่", "Department under the new ministry", "Department", "78000", "doer"],
    ];
    const bad = [
      ...good,
      ["78002", "กรมหลงทาง", "Lost Department", "department", "99999", ""],
      ["78001", "ซ้ำ", "Duplicate", "department", "", ""],
      ["78003", "กรมแปลก", "Odd", "กรมพิเศษ", "", ""],
      ["78004", "", "No Thai name", "department", "", ""],
      ["78005", "กรมบทบาทผิด", "Bad role", "department", "", "หัวหน้า"],
    ];
    await expect(previewAgencyImport(w.actors.analyst, { fileName: "a.csv", bytes: csv(good) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(commitAgencyImport(w.actors.officer, { fileName: "a.csv", bytes: csv(good) })).rejects.toBeInstanceOf(ForbiddenError);

    const countAgencies = async () => (await db().select({ id: agencies.id }).from(agencies)).length;
    const before = await countAgencies();
    const preview = await previewAgencyImport(w.actors.admin, { fileName: "bad.csv", bytes: csv(bad) });
    expect(preview.outcome).toBe("invalid");
    expect(preview.counts).toEqual({ new: 2, changed: 1, unchanged: 1, invalid: 5 });
    const problems = preview.rows.flatMap((r) => r.problems.map((p) => ({ row: p.row, column: p.column, reason: p.reason, params: p.params })));
    expect(problems).toEqual([
      { row: 6, column: "รหัสกระทรวง", reason: "unknown_parent", params: { code: "99999" } },
      { row: 7, column: "รหัสหน่วยงาน", reason: "duplicate_code", params: { code: "78001", firstRow: 5 } },
      { row: 8, column: "ประเภท", reason: "unknown_type", params: { value: "กรมพิเศษ" } },
      { row: 9, column: "ชื่อหน่วยงาน", reason: "required", params: undefined },
      { row: 10, column: `บทบาท สพร. ${w.component.nameTh}`, reason: "unknown_role", params: { value: "หัวหน้า" } },
    ]);
    const changed = preview.rows.find((r) => r.change === "changed")!;
    expect(changed).toMatchObject({ row: 2, label: "77001" });
    expect(changed.changes).toEqual([
      { field: "nameTh", before: "กรมเดิม", after: "กรมใหม่ชื่อ" },
      { field: `component:${w.component.code}`, before: null, after: "leader" },
    ]);

    const refused = await commitAgencyImport(w.actors.admin, { fileName: "bad.csv", bytes: csv(bad) });
    expect(refused.outcome).toBe("invalid");
    expect(await countAgencies()).toBe(before);
    expect((await db().select().from(agencies).where(eq(agencies.code, "77001")))[0]!.nameTh).toBe("กรมเดิม");

    // The same rows as xlsx: the ministry new in this file becomes the parent of its department.
    const file = await xlsx([["รายชื่อหน่วยงาน ปีงบประมาณ 2570"], [], ...good]);
    const shown = await previewAgencyImport(w.actors.admin, { fileName: "good.xlsx", bytes: file });
    expect(shown).toMatchObject({ outcome: "preview", headerRow: 3, counts: { new: 2, changed: 1, unchanged: 1, invalid: 0 } });
    await expect(commitAgencyImport(w.actors.admin, { fileName: "good.xlsx", bytes: file, expectedSha256: "0".repeat(64) })).rejects.toBeInstanceOf(ConflictError);
    const committed = await commitAgencyImport(w.actors.admin, { fileName: "good.xlsx", bytes: file, expectedSha256: shown.fileSha256 });
    expect(committed.outcome).toBe("committed");
    const rows = await db().select().from(agencies).where(inArray(agencies.code, ["77001", "78000", "78001"]));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get("77001")!.nameTh).toBe("กรมใหม่ชื่อ");
    expect(byCode.get("78001")).toMatchObject({ type: "department", parentId: byCode.get("78000")!.id, active: true });
    const tags = await db().select().from(agencyComponents).where(eq(agencyComponents.componentId, w.component.id));
    expect(tags.filter((t) => t.agencyId === byCode.get("77001")!.id).map((t) => t.dgaRole)).toEqual(["leader"]);
    expect(tags.filter((t) => t.agencyId === byCode.get("78001")!.id).map((t) => t.dgaRole)).toEqual(["doer"]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityType, "agency"));
    expect(audit.filter((a) => a.action === "agency.create").map((a) => (a.after as { code: string }).code).sort()).toEqual(["78000", "78001"]);
    expect(audit.find((a) => a.action === "agency.update")!.before).toMatchObject({ nameTh: "กรมเดิม" });
    const [summary] = await db().select().from(auditLog).where(eq(auditLog.action, "agency.import"));
    expect(summary!.after).toMatchObject({ fileName: "good.xlsx", new: 2, changed: 1, unchanged: 1 });

    // Again: nothing changes, nothing is written or audited. The same data as Windows-874 CSV says the same.
    const again = await commitAgencyImport(w.actors.admin, { fileName: "good.xlsx", bytes: file });
    expect(again).toMatchObject({ outcome: "unchanged", counts: { new: 0, changed: 0, unchanged: 4, invalid: 0 } });
    const thai = iconv.encode(good.map((r) => r.join(",")).join("\r\n"), "windows-874");
    expect(await commitAgencyImport(w.actors.admin, { fileName: "good-874.csv", bytes: thai })).toMatchObject({ outcome: "unchanged", format: "csv" });
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "agency.import"))).toHaveLength(1);
  });

  it("refuses a parent cycle, a code read as a number and a file without its required columns", async () => {
    const w = await createAssessmentWorld(db());
    await createAgency(db(), { code: "66000", nameTh: "ก", nameEn: "A", type: "ministry" });
    const cycle = csv([
      ["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ชื่อภาษาอังกฤษ", "ประเภท", "รหัสกระทรวง"],
      ["66000", "ก", "A", "ministry", "66001"],
      ["66001", "ข", "B", "ministry", "66000"],
    ]);
    const preview = await previewAgencyImport(w.actors.admin, { fileName: "cycle.csv", bytes: cycle });
    expect(preview.rows.flatMap((r) => r.problems.map((p) => p.reason))).toEqual(["parent_cycle", "parent_cycle"]);
    const numeric = await previewAgencyImport(w.actors.admin, { fileName: "n.xlsx", bytes: await xlsx([["รหัสหน่วยงาน", "ชื่อหน่วยงาน", "ชื่อภาษาอังกฤษ", "ประเภท"], [3002, "กรม", "Dept", "department"]]) });
    expect(numeric.rows[0]!.problems).toMatchObject([{ reason: "code_as_number", params: { value: "3002" }, column: "รหัสหน่วยงาน" }]);
    const missing = await commitAgencyImport(w.actors.admin, { fileName: "m.csv", bytes: csv([["รหัสหน่วยงาน", "ชื่อหน่วยงาน"], ["1", "x"]]) });
    expect(missing.outcome).toBe("invalid");
    expect(missing.fileProblems).toEqual([
      { row: 1, column: null, reason: "missing_column", params: { field: "nameEn" } },
      { row: 1, column: null, reason: "missing_column", params: { field: "type" } },
    ]);
  });

  it("reads its own downloadable template (xlsx and csv) back as two new, valid agencies", async () => {
    const w = await createAssessmentWorld(db());
    for (const format of ["xlsx", "csv"] as const) {
      const template = await agencyTemplate(format);
      const preview = await previewAgencyImport(w.actors.admin, { fileName: template.fileName, bytes: template.body });
      expect(preview).toMatchObject({ outcome: "preview", counts: { new: 2, changed: 0, unchanged: 0, invalid: 0 } });
      expect(preview.columns.filter((c) => c.field === null)).toEqual([]);
    }
  });
});

describeEachDatabase("targets", ({ db }) => {
  it("sets, changes and removes national and agency targets (admin and analyst), audited, and re-evaluates the period", async () => {
    const w = await createAssessmentWorld(db());
    vi.mocked(afterFactsChanged).mockClear();
    await expect(setTarget(w.actors.executive, { indicatorCode: w.indicator.code, periodCode: w.period.code, value: "5" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setTarget(w.actors.officer, { indicatorCode: w.indicator.code, periodCode: w.period.code, value: "5" })).rejects.toBeInstanceOf(ForbiddenError);
    const national = and(eq(targets.indicatorId, w.indicator.id), eq(targets.periodId, w.period.id), isNull(targets.agencyId));

    expect(await setTarget(w.actors.analyst, { indicatorCode: w.indicator.code, periodCode: w.period.code, value: "1,250.5" })).toMatchObject({ changed: true });
    expect((await db().select().from(targets).where(national))[0]!.value).toBe("1250.5000");
    expect(afterFactsChanged).toHaveBeenCalledWith(w.actors.analyst, [w.period.id]);
    await setTarget(w.actors.admin, { indicatorCode: w.indicator.code, periodCode: w.period.code, agencyCode: w.agency.code, value: "40" });
    const agencyTarget = and(eq(targets.indicatorId, w.indicator.id), eq(targets.periodId, w.period.id), eq(targets.agencyId, w.agency.id));
    expect((await db().select().from(targets).where(agencyTarget))[0]!.value).toBe("40.0000");
    expect(await setTarget(w.actors.admin, { indicatorCode: w.indicator.code, periodCode: w.period.code, agencyCode: w.agency.code, value: "40" })).toMatchObject({ changed: false });
    await setTarget(w.actors.admin, { indicatorCode: w.indicator.code, periodCode: w.period.code, agencyCode: w.agency.code, value: "" });
    expect(await db().select().from(targets).where(agencyTarget)).toEqual([]);
    expect(afterFactsChanged).toHaveBeenCalledTimes(3);

    const [percent] = await db().insert(indicators).values({ code: `PCT-${w.component.id}`, componentId: w.component.id, nameTh: "ร้อยละ", nameEn: "Share", definitionTh: "-", definitionEn: "-", unitTh: "%", unitEn: "%", valueType: "percent", source: "self_assessment" }).returning();
    const error = await setTarget(w.actors.admin, { indicatorCode: percent!.code, periodCode: w.period.code, value: "120" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ value: ["percent_range"] });
    await expect(setTarget(w.actors.admin, { indicatorCode: percent!.code, periodCode: w.period.code, agencyCode: "NOPE", value: "50" })).rejects.toMatchObject({ fieldErrors: { agencyCode: ["unknown_agency"] } });
    const actions = (await db().select().from(auditLog).where(eq(auditLog.entityType, "target"))).map((a) => a.action);
    expect(actions).toEqual(["target.update", "target.create", "target.remove"]);
  });

  it("uploads targets per period and agency: every value checked against its indicator's type, all or nothing, idempotent", async () => {
    const w = await createAssessmentWorld(db());
    const [percent] = await db().insert(indicators).values({ code: `PCT2-${w.component.id}`, componentId: w.component.id, nameTh: "ร้อยละ", nameEn: "Share", definitionTh: "-", definitionEn: "-", unitTh: "%", unitEn: "%", valueType: "percent", source: "self_assessment" }).returning();
    const [level] = await db().insert(indicators).values({ code: `LVL-${w.component.id}`, componentId: w.component.id, nameTh: "ระดับ", nameEn: "Level", definitionTh: "-", definitionEn: "-", unitTh: "ระดับ", unitEn: "level", valueType: "level", source: "self_assessment" }).returning();
    const [retired] = await db().insert(indicators).values({ code: `OLD-${w.component.id}`, componentId: w.component.id, nameTh: "เลิกใช้", nameEn: "Retired", definitionTh: "-", definitionEn: "-", unitTh: "ครั้ง", unitEn: "times", valueType: "number", source: "self_assessment", active: false }).returning();
    const header = ["รหัสตัวชี้วัด", "รหัสหน่วยงาน", "งวด", "ค่าเป้าหมาย"];
    const good = [
      header,
      [w.indicator.code, "", w.period.code, "10"], // the national target the world already has: unchanged
      [w.indicator.code, w.agency.code, w.period.code, "๑๒"], // Thai digits
      [percent!.code, "", w.period.code, "75%"],
      [level!.code, w.otherAgency.code, w.period.code, "4"],
    ];
    const bad = [
      ...good,
      ["NOPE-1", "", w.period.code, "1"],
      [percent!.code, "NOPE", w.period.code, "1"],
      [percent!.code, "", "2999Q9", "1"],
      [percent!.code, w.agency.code, w.period.code, "120"],
      [level!.code, "", w.period.code, "7"],
      [w.indicator.code, "", w.period.code, "สิบ"],
      [percent!.code, "", w.period.code, "80"],
      [retired!.code, "", w.period.code, "3"],
    ];
    vi.mocked(afterFactsChanged).mockClear();
    await expect(previewTargetImport(w.actors.executive, { fileName: "t.csv", bytes: csv(good) })).rejects.toBeInstanceOf(ForbiddenError);
    const preview = await previewTargetImport(w.actors.analyst, { fileName: "t.csv", bytes: csv(bad) });
    expect(preview.counts).toEqual({ new: 3, changed: 0, unchanged: 1, invalid: 8 });
    expect(preview.rows.filter((r) => r.change === "invalid").map((r) => [r.row, r.problems[0]!.column, r.problems[0]!.reason])).toEqual([
      [6, "รหัสตัวชี้วัด", "unknown_indicator"],
      [7, "รหัสหน่วยงาน", "unknown_agency"],
      [8, "งวด", "unknown_period"],
      [9, "ค่าเป้าหมาย", "percent_range"],
      [10, "ค่าเป้าหมาย", "level_range"],
      [11, "ค่าเป้าหมาย", "not_a_number"],
      [12, "รหัสตัวชี้วัด", "duplicate_target"],
      [13, "รหัสตัวชี้วัด", "retired_indicator"],
    ]);
    // Each reason names what the cell holds, once: quoted in its words, not repeated beside them.
    expect(preview.rows.filter((r) => r.change === "invalid").map((r) => [r.problems[0]!.params?.value ?? r.problems[0]!.params?.code ?? null, r.problems[0]!.found ?? null])).toEqual([
      ["NOPE-1", null],
      ["NOPE", null],
      ["2999Q9", null],
      ["120", null],
      ["7", null],
      ["สิบ", null],
      [null, percent!.code],
      [retired!.code, null],
    ]);
    const count = async () => (await db().select({ id: targets.id }).from(targets)).length;
    const before = await count();
    expect((await commitTargetImport(w.actors.analyst, { fileName: "t.csv", bytes: csv(bad) })).outcome).toBe("invalid");
    expect(await count()).toBe(before);
    expect(afterFactsChanged).not.toHaveBeenCalled();

    const committed = await commitTargetImport(w.actors.analyst, { fileName: "t.csv", bytes: csv(good) });
    expect(committed).toMatchObject({ outcome: "committed", counts: { new: 3, unchanged: 1 } });
    expect(await count()).toBe(before + 3);
    expect(afterFactsChanged).toHaveBeenCalledWith(w.actors.analyst, [w.period.id]);
    const [pct] = await db().select().from(targets).where(eq(targets.indicatorId, percent!.id));
    expect(pct!.value).toBe("75.0000");
    expect((await db().select().from(auditLog).where(eq(auditLog.action, "target.create"))).filter((a) => (a.after as { via?: string }).via === "import")).toHaveLength(3);

    const changedFile = csv([header, [percent!.code, "", w.period.code, "80"]]);
    const change = await commitTargetImport(w.actors.analyst, { fileName: "t2.csv", bytes: changedFile });
    expect(change.rows[0]!.changes).toEqual([{ field: "value", before: "75", after: "80" }]);
    expect((await commitTargetImport(w.actors.admin, { fileName: "t2.csv", bytes: changedFile })).outcome).toBe("unchanged");
    expect(afterFactsChanged).toHaveBeenCalledTimes(2);
  });

  it("reads its own downloadable template", async () => {
    const w = await createAssessmentWorld(db());
    const template = await targetTemplate("xlsx");
    const preview = await previewTargetImport(w.actors.admin, { fileName: template.fileName, bytes: template.body });
    expect(preview.columns.map((c) => c.field)).toEqual(["indicatorCode", "agencyCode", "periodCode", "value"]);
    // The example codes are the demo data's, absent here: reported per row, not as an unreadable file.
    expect(preview.rows.map((r) => r.problems[0]?.reason)).toEqual(["unknown_indicator", "unknown_indicator"]);
  });
});

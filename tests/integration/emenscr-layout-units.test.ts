import { beforeAll, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { emenscrProjects, importBatches, mappingProfiles } from "@/db/schema";
import { saveMappingProfile } from "@/lib/emenscr/batch-service";
import { commitImport, previewImport, type ImportOptions } from "@/lib/emenscr/import-service";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

describeEachDatabase("eMENSCR import: files without a header, amounts in million baht", ({ db }) => {
  let analyst: ReturnType<typeof actorOf>;
  beforeAll(async () => {
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
  });
  const options = (text: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({ fileName: "file.csv", bytes: Buffer.from(text), periodCode: "2570Q1", ...extra });
  const budgetOf = async (code: string) => (await db().select({ budget: emenscrProjects.budget }).from(emenscrProjects).where(eq(emenscrProjects.projectCode, code)))[0]?.budget;
  const batchCount = async () => (await db().select({ n: count() }).from(importBatches))[0]!.n;

  it("maps a file without a header row by position, saves the mapping as a profile, and imports through the profile", async () => {
    const file = "HL-1,ระบบคลาวด์กลาง,กรมการปกครอง,\"1,500,000\",40\nHL-2,ระบบข้อมูลกลาง,กรมการปกครอง,800000,55\n";
    // The UI is offered the columns by position, with samples; nothing is mapped yet, nothing can be committed.
    const offered = await previewImport(analyst, options(file, { offerPositionalMapping: true }));
    expect(offered).toMatchObject({ outcome: "invalid", layout: "position", headerRow: 0, rows: 0, missingFields: ["projectCode", "projectName", "agencyName"] });
    expect(offered.columns.map((c) => c.samples[0])).toEqual(["HL-1", "ระบบคลาวด์กลาง", "กรมการปกครอง", "1,500,000", "40"]);

    const positions = { "0": "projectCode", "1": "projectName", "2": "agencyName", "3": "budget", "4": "physicalProgress" };
    const mapped = await previewImport(analyst, options(file, { offerPositionalMapping: true, positions, hasHeaderRow: false }));
    expect(mapped).toMatchObject({ outcome: "preview", layout: "position", rows: 2, inserted: 2, invalid: 0 });
    expect(mapped.sample[0]).toMatchObject({ rowNumber: 1, projectCode: "HL-1", budget: "1500000.00", physicalProgress: "40.00", matchedAgencyName: "กรมการปกครอง" });

    const profile = await saveMappingProfile(analyst, { name: "ส่งออกไม่มีหัวตาราง", positions, hasHeaderRow: false });
    const [stored] = await db().select().from(mappingProfiles).where(eq(mappingProfiles.id, profile.id));
    expect(stored).toMatchObject({ positions, hasHeaderRow: false });
    // A later file of the same layout, with a header row nobody recognises: the profile says row 1 is data,
    // the analyst says this time it is a header.
    const later = `รหัส,เรื่อง,สังกัด,เงิน,คืบหน้า\n${file.replace(/HL-/g, "HL-1")}`;
    const committed = await commitImport(analyst, options(later, { mappingProfileId: profile.id, hasHeaderRow: true }));
    expect(committed).toMatchObject({ outcome: "committed", layout: "position", headerRow: 1, inserted: 2 });
    expect(await budgetOf("HL-11")).toBe("1500000.00");
    // The profile alone (no header row) reads the first file.
    expect(await commitImport(analyst, options(file, { mappingProfileId: profile.id }))).toMatchObject({ outcome: "committed", inserted: 2 });

    // Without the UI's offer (the CLI) an unrecognisable file is still refused, with a clear reason.
    await expect(previewImport(analyst, options(file))).rejects.toMatchObject({ reason: "header_not_found" });
    await expect(saveMappingProfile(analyst, { name: "ว่าง", positions: { "0": null } })).rejects.toMatchObject({ fieldErrors: { mapping: ["required"] } });
  });

  it("converts amounts stated in million baht (header or title row) to baht and says so", async () => {
    const fromHeader = await commitImport(analyst, options("รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,งบประมาณ (ล้านบาท),ผลการเบิกจ่ายสะสม (ล้านบาท)\nMB-1,ระบบ,กรมการปกครอง,12.5,3.25\n"));
    expect(fromHeader).toMatchObject({ outcome: "committed", amountUnits: { budget: { unit: "million_baht", source: "header" } }, amountWarning: null });
    expect(await budgetOf("MB-1")).toBe("12500000.00");

    const fromTitle = await commitImport(analyst, options("รายงานโครงการ eMENSCR\nหน่วย: ล้านบาท\nรหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nMB-2,ระบบ,กรมการปกครอง,0.8\n"));
    expect(fromTitle).toMatchObject({ outcome: "committed", amountUnits: { budget: { unit: "million_baht", source: "title" } } });
    expect(await budgetOf("MB-2")).toBe("800000.00");
  });

  it("warns instead of storing when budgets look like millions but no unit is stated, and imports once the analyst states it", async () => {
    // The Revenue Department's earlier import is in baht (millions of baht per project).
    await commitImport(analyst, options("รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nRD-1,ระบบภาษี,กรมสรรพากร,\"25,000,000\"\nRD-2,ระบบคืนภาษี,กรมสรรพากร,\"8,000,000\"\n"));
    const ambiguous = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nRD-3,ระบบใหม่,กรมสรรพากร,12.5\nRD-4,ระบบเสริม,กรมสรรพากร,4\n";
    const preview = await previewImport(analyst, options(ambiguous));
    expect(preview.amountWarning).toMatchObject({ kind: "look_like_millions", agencies: [expect.objectContaining({ agencyName: "กรมสรรพากร", earlierMedian: 16_500_000 })] });

    const batches = await batchCount();
    const refused = await commitImport(analyst, options(ambiguous));
    expect(refused).toMatchObject({ outcome: "unit_unconfirmed", inserted: 0, batchId: null });
    expect(await budgetOf("RD-3")).toBeUndefined();
    expect(await batchCount()).toBe(batches);

    const stated = await commitImport(analyst, options(ambiguous, { amountUnit: "million_baht" }));
    expect(stated).toMatchObject({ outcome: "committed", inserted: 2, amountWarning: null, amountUnits: { budget: { unit: "million_baht", source: "stated" } } });
    expect(await budgetOf("RD-3")).toBe("12500000.00");
  });

  it("warns when a column labelled million baht holds baht", async () => {
    const mislabelled = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,งบประมาณ (ล้านบาท)\nML-1,ระบบ,กรมการปกครอง,\"1,500,000\"\nML-2,ระบบสอง,กรมการปกครอง,\"2,750,000\"\n";
    const refused = await commitImport(analyst, options(mislabelled));
    expect(refused).toMatchObject({ outcome: "unit_unconfirmed", amountWarning: { kind: "look_like_baht", unit: "million_baht" } });
    expect(await commitImport(analyst, options(mislabelled, { amountUnit: "baht" }))).toMatchObject({ outcome: "committed", inserted: 2 });
    expect(await budgetOf("ML-1")).toBe("1500000.00");
  });
}, { seeded: true });

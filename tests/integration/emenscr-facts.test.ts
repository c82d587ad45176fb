import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agencies, indicatorFacts, indicators, periods } from "@/db/schema";
import { rollbackImportBatch } from "@/lib/emenscr/batch-service";
import { commitImport } from "@/lib/emenscr/import-service";
import { getEmenscrBudgetProgress } from "@/lib/facts/read/emenscr-projects";
import { NotFoundError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

const HEADER = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ,สถานะโครงการ";
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join("\r\n") + "\r\n", "utf8");

describeEachDatabase("eMENSCR progress in the fact layer", ({ db }) => {
  let analyst: ReturnType<typeof actorOf>;
  beforeAll(async () => {
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
  });

  async function factOf(code: string, agencyCode: string) {
    const [row] = await db()
      .select({ value: indicatorFacts.value, batch: indicatorFacts.importBatchId, source: indicatorFacts.source, state: indicatorFacts.state })
      .from(indicatorFacts)
      .innerJoin(indicators, eq(indicators.id, indicatorFacts.indicatorId))
      .innerJoin(agencies, eq(agencies.id, indicatorFacts.agencyId))
      .innerJoin(periods, eq(periods.id, indicatorFacts.periodId))
      .where(and(eq(indicators.code, code), eq(agencies.code, agencyCode), eq(periods.code, "2570Q1"), eq(indicatorFacts.source, "emenscr")));
    return row;
  }

  it("turns an agency's projects into disbursement, progress and on-schedule figures, traceable to the batch", async () => {
    // Revenue Department (02003): 2 projects, budgets 1,000,000 and 3,000,000.
    const summary = await commitImport(analyst, {
      fileName: "q1.csv",
      periodCode: "2570Q1",
      bytes: csv(
        `P-A,ระบบภาษีออนไลน์,กรมสรรพากร,02003,"1,000,000","500,000",40,อยู่ระหว่างดำเนินการ`,
        `P-B,ระบบคืนภาษี,กรมสรรพากร,02003,"3,000,000","600,000",20,ล่าช้า`,
      ),
    });
    expect(summary.outcome).toBe("committed");
    // Σ disbursed ÷ Σ budget = 1,100,000 ÷ 4,000,000 = 27.5 %
    expect(await factOf("ME-01", "02003")).toMatchObject({ value: "27.5000", batch: summary.batchId, state: "approved" });
    // Budget-weighted physical progress = (40 × 1 + 20 × 3) ÷ 4 = 25 %
    expect(Number((await factOf("ME-02", "02003"))!.value)).toBe(25);
    // One of two projects is delayed: 50 % on schedule.
    expect(Number((await factOf("ME-03", "02003"))!.value)).toBe(50);

    // The dashboard's eMENSCR panel sums the same rows for the agency and nationally.
    const panel = await getEmenscrBudgetProgress(analyst, { period: "2570Q1", agency: "02003" });
    expect(panel).toMatchObject({ available: true, projects: 2, allocated: 4_000_000, disbursed: 1_100_000, physicalProgress: 25 });
    expect(await getEmenscrBudgetProgress(analyst, { period: "2570Q1" })).toMatchObject({ available: true, projects: 2 });
    const otherOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: (await db().select().from(agencies).where(eq(agencies.code, "03002")))[0]!.id }), "03002");
    await expect(getEmenscrBudgetProgress(otherOfficer, { period: "2570Q1", agency: "02003" })).rejects.toBeInstanceOf(NotFoundError);

    await rollbackImportBatch(analyst, summary.batchId!);
    expect(await factOf("ME-01", "02003")).toBeUndefined();
    expect(await getEmenscrBudgetProgress(analyst, { period: "2570Q1", agency: "02003" })).toEqual({ available: false });
  });
}, { seeded: true });

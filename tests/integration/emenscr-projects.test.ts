import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agencies } from "@/db/schema";
import { listEmenscrProjects } from "@/lib/facts/read/emenscr-projects";
import type { Actor } from "@/core/auth/actor";
import { commitImport } from "@/lib/emenscr/import-service";
import { NotFoundError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

const HEADER = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ,สถานะโครงการ";

describeEachDatabase("eMENSCR project list on the component and agency pages", ({ db }) => {
  let analyst: Actor, revenueOfficer: Actor, dopaOfficer: Actor;

  beforeAll(async () => {
    analyst = actorOf(await createUser(db(), { role: "analyst" }));
    const idOf = async (code: string) => (await db().select().from(agencies).where(eq(agencies.code, code)))[0]!.id;
    revenueOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: await idOf("02003") }), "02003");
    dopaOfficer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: await idOf("03002") }), "03002");
    const summary = await commitImport(analyst, {
      fileName: "projects.csv",
      periodCode: "2570Q1",
      bytes: Buffer.from(
        [
          HEADER,
          `P-A,ระบบภาษีออนไลน์,กรมสรรพากร,02003,"1,000,000","500,000",40,อยู่ระหว่างดำเนินการ`,
          `P-B,ระบบคืนภาษี,กรมสรรพากร,02003,"3,000,000","600,000",20,ล่าช้า`,
          `P-C,ทะเบียนราษฎร์ออนไลน์,กรมการปกครอง,03002,"2,000,000",,80,`,
        ].join("\r\n") + "\r\n",
      ),
    });
    expect(summary.outcome).toBe("committed");
  });

  it("lists an agency's projects largest budget first, with disbursement share, progress and status", async () => {
    const page = await listEmenscrProjects(analyst, { period: "2570Q1", agency: "02003" });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.code)).toEqual(["P-B", "P-A"]);
    expect(page.rows[0]).toMatchObject({ name: "ระบบคืนภาษี", agencyCode: "02003", budget: 3_000_000, disbursed: 600_000, disbursedShare: 20, physicalProgress: 20, status: "delayed" });
    expect(page.rows[1]).toMatchObject({ disbursedShare: 50, status: "in_progress" });
  });

  it("pages through the national list and leaves unknown figures empty", async () => {
    const first = await listEmenscrProjects(analyst, { period: "2570Q1", pageSize: 2 });
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.rows.map((r) => r.code)).toEqual(["P-B", "P-C"]);
    const second = await listEmenscrProjects(analyst, { period: "2570Q1", pageSize: 2, page: 2 });
    expect(second.rows.map((r) => r.code)).toEqual(["P-A"]);
    expect(first.rows[1]).toMatchObject({ disbursed: null, disbursedShare: null, status: null });
    expect((await listEmenscrProjects(analyst, { period: "2569Q4" })).total).toBe(0);
  });

  it("shows agency roles their own agency's projects only", async () => {
    expect((await listEmenscrProjects(revenueOfficer, { period: "2570Q1" })).rows.map((r) => r.code)).toEqual(["P-B", "P-A"]);
    expect((await listEmenscrProjects(dopaOfficer, { period: "2570Q1" })).rows.map((r) => r.code)).toEqual(["P-C"]);
    await expect(listEmenscrProjects(dopaOfficer, { period: "2570Q1", agency: "02003" })).rejects.toBeInstanceOf(NotFoundError);
  });
}, { seeded: true });

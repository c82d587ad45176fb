import { generateSyntheticExport } from "../../lib/emenscr/synthetic";
import { expect, expectAccessible, signInAs, test } from "../support/fixtures";

test.describe("eMENSCR import", () => {
  test("an analyst uploads an export, sees the preview, commits it and finds it in the history", async ({ page }) => {
    const buffer = await generateSyntheticExport({ rows: 60, format: "xlsx", seed: 99 });
    await signInAs(page, "analyst");
    await page.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "นำเข้า eMENSCR" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("นำเข้าข้อมูล eMENSCR");

    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "emenscr-2570q1.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.getByLabel("ห้วงการรายงาน").selectOption("2570Q1");
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();

    await expect(page.getByRole("heading", { name: "ผลการตรวจสอบก่อนบันทึก" })).toBeVisible();
    const counts = page.locator(".import-counts");
    await expect(counts.locator(".stat", { hasText: "แถวข้อมูล" }).locator("dd")).toHaveText("60");
    await expect(counts.locator(".stat", { hasText: "ใหม่" }).locator("dd")).toHaveText("60");
    await expect(counts.locator(".stat", { hasText: "ไม่ถูกต้อง" }).locator("dd")).toHaveText("0");
    await expect(page.getByRole("table").filter({ hasText: "ตามที่จะถูกบันทึก" }).getByRole("row")).toHaveCount(21);
    await expectAccessible(page);

    await page.getByRole("button", { name: "ยืนยันนำเข้า 60 แถว" }).click();
    await expect(page.getByRole("status").filter({ hasText: "นำเข้าแล้ว ชุดที่" })).toContainText("ใหม่ 60 แถว");
    const history = page.getByRole("region", { name: "ประวัติการนำเข้า" });
    await expect(history.getByRole("row", { name: /emenscr-2570q1\.xlsx/ })).toContainText("บันทึกแล้ว");

    // The same file again: nothing to commit, and the preview says it was imported before.
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    await expect(page.getByText(/ไฟล์นี้เคยนำเข้าแล้ว/)).toBeVisible();
    await expect(page.getByRole("button", { name: "ยืนยันนำเข้า 60 แถว" })).toBeDisabled();
  });

  test("invalid rows are listed with row, column and reason, and the commit is disabled", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/imports");
    const csv = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nE-1,โครงการ,กรมการปกครอง,ไม่ทราบ\nE-1,ซ้ำ,กรมการปกครอง,100\n";
    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("ห้วงการรายงาน").selectOption("2570Q1");
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    const errors = page.getByRole("region", { name: "แถวที่ไม่ถูกต้อง" });
    await expect(errors.getByRole("row", { name: /2 วงเงินงบประมาณ ไม่ใช่ตัวเลข/ })).toBeVisible();
    await expect(errors.getByRole("row", { name: /3 รหัสโครงการ รหัสโครงการ E-1 ซ้ำกับแถวที่ 2/ })).toBeVisible();
    await expect(page.getByRole("button", { name: /ยืนยันนำเข้า/ })).toBeDisabled();
    const download = page.waitForEvent("download");
    await errors.getByRole("button", { name: "ดาวน์โหลดรายการที่ต้องแก้ไข (.xlsx)" }).click();
    expect((await download).suggestedFilename()).toBe("bad-fix-list.xlsx");
  });

  test("an agency officer gets 403 on /imports and on the import API", async ({ page }) => {
    await signInAs(page, "agency_officer");
    const response = await page.goto("/imports");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ไม่มีสิทธิ์เข้าถึง");
    await expect(page.getByRole("link", { name: "นำเข้า eMENSCR" })).toHaveCount(0);
    const api = await page.request.post("/api/imports/preview", { multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n") } } });
    expect(api.status()).toBe(403);
  });
});

import { generateSyntheticExport } from "../../scripts/generators/emenscr-synthetic";
import { expect, expectAccessible, screenshot, signInAs, test } from "../support/fixtures";

test.describe("eMENSCR import", () => {
  test("an analyst uploads an export, sees the preview, commits it and finds it in the history", async ({ page }) => {
    const buffer = await generateSyntheticExport({ rows: 60, format: "xlsx", seed: 99 });
    await signInAs(page, "analyst");
    await page.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "นำเข้า eMENSCR" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("นำเข้าข้อมูล eMENSCR");

    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "emenscr-2570q1.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
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
    await expect(page.getByRole("button", { name: "ยังนำเข้าไม่ได้" })).toBeDisabled();
  });

  test("invalid rows are listed with row, column, value and reason, and the commit is disabled; unusual values are pointed out", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/imports");
    const csv = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม\nE-1,โครงการ,กรมการปกครอง,ไม่ทราบ,\nE-1,ซ้ำ,กรมการปกครอง,100,\nE-2,เบิกเกิน,กรมการปกครอง,100,250\n";
    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    const errors = page.getByRole("region", { name: "แถวที่ไม่ถูกต้อง" });
    await expect(errors.getByRole("row", { name: /2 วงเงินงบประมาณ ไม่ทราบ ไม่ใช่ตัวเลข/ })).toBeVisible();
    await expect(errors.getByRole("row", { name: /3 รหัสโครงการ – รหัสโครงการ E-1 ซ้ำกับแถวที่ 2/ })).toBeVisible();
    const notices = page.getByRole("region", { name: "ค่าที่ควรตรวจสอบก่อนนำเข้า (1 รายการ)" });
    await expect(notices.getByRole("row", { name: /4 ผลการเบิกจ่ายสะสม เบิกจ่ายสะสม 250(\.00)? บาท มากกว่าวงเงินงบประมาณ 100(\.00)? บาท/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "ยังนำเข้าไม่ได้" })).toBeDisabled();
    const download = page.waitForEvent("download");
    await errors.getByRole("button", { name: "ดาวน์โหลดรายการที่ต้องแก้ไข (.xlsx)" }).click();
    expect((await download).suggestedFilename()).toBe("bad-fix-list.xlsx");
  });

  test("an agency the file names that matches none is mapped to one found by typing", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/imports");
    const csv = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nU-1,โครงการทดสอบ,หน่วยงานสมมุติเพื่อทดสอบ,100\n";
    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "unmatched.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    const unmatched = page.getByRole("region", { name: "หน่วยงานที่ยังจับคู่ไม่ได้" });
    const picker = unmatched.getByRole("combobox", { name: "จับคู่กับ หน่วยงานสมมุติเพื่อทดสอบ" });
    await picker.fill("ปกครอง");
    await unmatched.getByRole("option", { name: "03002 กรมการปกครอง", exact: true }).click();
    await expect(picker).toHaveValue("03002 กรมการปกครอง");
    await expectAccessible(page);
    await unmatched.getByRole("button", { name: "จับคู่", exact: true }).click();
    await expect(unmatched.getByRole("status").filter({ hasText: "จับคู่แล้ว" })).toBeVisible();
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

test.describe("eMENSCR import: files without a header, amounts in million baht", () => {
  test("an analyst maps a file without a header row by position, saves the mapping and imports a later file with it", async ({ page }) => {
    // Project codes unique to this test: specs share one database.
    const file = (prefix: string) => Buffer.from(`${prefix}-1,ระบบคลาวด์กลาง,กรมการปกครอง,"1,500,000",40\n${prefix}-2,ระบบข้อมูลกลาง,กรมการปกครอง,800000,55\n`);
    await signInAs(page, "analyst");
    await page.goto("/imports");
    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "no-header.csv", mimeType: "text/csv", buffer: file("NH") });
    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();

    const mapping = page.getByRole("region", { name: "จับคู่คอลัมน์" });
    await expect(mapping.getByText("ไม่พบแถวหัวตารางที่รู้จัก")).toBeVisible();
    // Each column is shown by its letter with its first values.
    await expect(mapping.getByRole("row", { name: /คอลัมน์ D .*1,500,000/ })).toBeVisible();
    await expect(mapping.getByLabel("แถวที่ 1 เป็นหัวตาราง (ไม่ใช่ข้อมูล)")).not.toBeChecked();
    await expect(page.getByRole("button", { name: "ยังนำเข้าไม่ได้" })).toBeDisabled();
    for (const [letter, field] of [["A", "รหัสโครงการ"], ["B", "ชื่อโครงการ"], ["C", "หน่วยงาน"], ["D", "วงเงินงบประมาณ"], ["E", "ความก้าวหน้าโครงการ"]]) {
      await mapping.getByLabel(`คอลัมน์ ${letter}`, { exact: true }).selectOption({ label: field });
    }
    await mapping.getByRole("button", { name: "ตรวจสอบใหม่ด้วยการจับคู่นี้" }).click();
    const counts = page.locator(".import-counts");
    await expect(counts.locator(".stat", { hasText: "แถวข้อมูล" }).locator("dd")).toHaveText("2");
    await expect(page.getByRole("table").filter({ hasText: "ตามที่จะถูกบันทึก" }).getByRole("row", { name: /NH-1/ })).toContainText("1,500,000");
    await expectAccessible(page);
    await screenshot(page, "imports-positional-mapping-th");

    await mapping.getByLabel("ชื่อรูปแบบ").fill("ส่งออกไม่มีหัวตาราง (e2e)");
    await mapping.getByRole("button", { name: "บันทึกเป็นรูปแบบ" }).click();
    await expect(mapping.getByRole("status").filter({ hasText: "บันทึกรูปแบบแล้ว" })).toBeVisible();
    await page.getByRole("button", { name: "ยืนยันนำเข้า 2 แถว" }).click();
    await expect(page.getByRole("status").filter({ hasText: "นำเข้าแล้ว ชุดที่" })).toContainText("ใหม่ 2 แถว");

    // A later file of the same layout: the saved profile maps it straight away.
    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "no-header-2.csv", mimeType: "text/csv", buffer: file("NH2") });
    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
    await page.getByLabel("รูปแบบการจับคู่คอลัมน์").selectOption({ label: "ส่งออกไม่มีหัวตาราง (e2e)" });
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    await expect(page.locator(".import-counts .stat", { hasText: "ใหม่" }).locator("dd")).toHaveText("2");
    await expect(page.getByRole("button", { name: "ยืนยันนำเข้า 2 แถว" })).toBeEnabled();
  });

  test("amounts stated in million baht are converted; budgets that look like millions without a unit wait for the analyst to state it", async ({ page }) => {
    await signInAs(page, "analyst", "en");
    await page.goto("/imports");
    const upload = async (name: string, text: string) => {
      await page.getByLabel("eMENSCR export file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
      await page.getByLabel("Quarter", { exact: true }).selectOption("2570Q1");
      await page.getByRole("button", { name: "Check file" }).click();
    };
    await upload("million.csv", "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,งบประมาณ (ล้านบาท)\nMB-E2E-1,ระบบ,กรมการปกครอง,12.5\n");
    const amounts = page.getByRole("region", { name: "Amounts" });
    await expect(amounts).toContainText("amounts converted from million baht to baht (unit stated in the column header)");
    await expect(page.getByRole("table").filter({ hasText: "as they will be stored" }).getByRole("row", { name: /MB-E2E-1/ })).toContainText("12,500,000");

    await upload("no-unit.csv", "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,วงเงินงบประมาณ\nMB-E2E-2,ระบบ,กรมการปกครอง,12.5\nMB-E2E-3,ระบบสอง,กรมการปกครอง,4\n");
    await expect(amounts.getByRole("alert")).toContainText("The budgets look like million baht, but the file states no unit");
    await expect(page.getByRole("button", { name: "Cannot import yet" })).toBeDisabled();
    await expect(page.getByText("State the unit of the amounts before importing")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "imports-amount-unit-warning-en");
    await amounts.getByLabel("Amounts in this file are in").selectOption({ label: "million baht" });
    await amounts.getByRole("button", { name: "Check again with this unit" }).click();
    await expect(amounts).toContainText("amounts converted from million baht to baht (unit stated by you)");
    await expect(amounts.getByRole("alert")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Import 2 rows" })).toBeEnabled();
  });
});

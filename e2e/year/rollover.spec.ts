import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// Creates the demo's next fiscal year (2571) for good: this folder sorts after the others, so the specs
// that read the demo's years run before it.

test("admin previews the next fiscal year, confirms it, and cannot create it twice", async ({ page }) => {
  await signInAs(page, "admin", "th");
  await page.goto("/admin/periods");
  // Upcoming quarters say when they open.
  await expect(page.getByRole("row", { name: /ไตรมาส 2 ปีงบประมาณ 2570/ })).toContainText("ยังไม่เปิด · เปิดรับ 1 ม.ค. 2570");

  const form = page.getByRole("region", { name: "เริ่มปีงบประมาณใหม่" });
  await expect(form.getByLabel("ปีงบประมาณ (พ.ศ.)")).toHaveValue("2571");
  await form.getByLabel("คัดลอกและคูณด้วยตัวคูณ").check();
  await form.getByLabel(/ตัวคูณ \(/).fill("0");
  await form.getByRole("button", { name: "ดูตัวอย่าง" }).click();
  await expect(form.getByText("ตัวคูณต้องเป็นตัวเลขที่มากกว่า 0 เช่น 1.1")).toBeVisible();

  await form.getByLabel(/ตัวคูณ \(/).fill("1.1");
  await form.getByLabel("กำหนดส่งไตรมาส 2").fill("20 เม.ย. 2571");
  await form.getByRole("button", { name: "ดูตัวอย่าง" }).click();
  const preview = page.getByRole("region", { name: "ตัวอย่างปีงบประมาณ 2571" });
  const quarters = preview.getByRole("table", { name: "ไตรมาสที่จะสร้าง" });
  await expect(quarters.getByRole("row")).toHaveCount(5);
  await expect(quarters.getByRole("row", { name: /ไตรมาส 1 ปีงบประมาณ 2571/ })).toContainText("1 ต.ค. 2570 – 31 ธ.ค. 2570");
  await expect(quarters.getByRole("row", { name: /ไตรมาส 1 ปีงบประมาณ 2571/ })).toContainText("15 ม.ค. 2571");
  await expect(quarters.getByRole("row", { name: /ไตรมาส 2 ปีงบประมาณ 2571/ })).toContainText("20 เม.ย. 2571");
  await expect(preview.getByText(/^ค่าเป้าหมาย \d+ รายการจากปีงบประมาณ 2570 \(ตัวคูณ 1\.1\)$/)).toBeVisible();
  await expect(preview.getByRole("table", { name: /จำนวนค่าเป้าหมายที่จะสร้าง/ }).getByRole("row").nth(1)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "admin-rollover-preview-th");

  await preview.getByRole("button", { name: "ยืนยันสร้างปีงบประมาณ 2571" }).click();
  await expect(page.getByRole("status").filter({ hasText: "สร้างปีงบประมาณ 2571 แล้ว" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row", { name: /ไตรมาส 1 ปีงบประมาณ 2571/ })).toContainText("ยังไม่เปิด · เปิดรับ 1 ต.ค. 2570");
  await expect(page.getByLabel("กำหนดส่งของ ไตรมาส 2 ปีงบประมาณ 2571")).toHaveValue("20 เม.ย. 2571");

  // The same year again is refused, with the reason.
  await form.getByLabel("ปีงบประมาณ (พ.ศ.)").fill("2571");
  await form.getByRole("button", { name: "ดูตัวอย่าง" }).click();
  await expect(form.getByText("มีปีงบประมาณนี้อยู่แล้ว")).toBeVisible();

  await switchLanguage(page, "en");
  await expect(page.getByRole("row", { name: /Q1 FY2571/ })).toContainText("Not open yet · opens 1 Oct 2027");
  await screenshot(page, "admin-periods-en");
  await page.setViewportSize({ width: 390, height: 844 });
  await switchLanguage(page, "th");
  await screenshot(page, "admin-periods-th-390");
});

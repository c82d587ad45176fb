import { screenshot, expect, expectAccessible, signInAs, test } from "../support/fixtures";

test.describe("self-assessment pages", () => {
  test("the form, review queue, completeness and notifications are accessible and guarded", async ({ page }) => {
    await signInAs(page, "agency_officer");
    await page.goto("/submissions/03002/2570Q1/cybersecurity");
    // The demo's returned form shows the reviewer's comment beside the field.
    await expect(page.getByText("ตัวเลขไม่ตรงกับรายงานของ สกมช.")).toBeVisible();
    await expectAccessible(page);
    for (const path of ["/review", "/completeness", "/admin/templates", "/admin/agencies", "/admin/periods"]) {
      expect((await page.goto(path))?.status(), path).toBe(403);
    }
    // Evidence download of another agency's file id, and a forged evidence upload, are refused.
    expect((await page.request.get("/api/evidence/999999")).status()).toBe(404);
  });

  test("analysts get the queue, completeness and templates, and reopen periods, but not agency or period administration", async ({ page }) => {
    await signInAs(page, "analyst");
    for (const path of ["/review", "/review?status=all&period=2570Q1", "/completeness", "/admin/templates", "/notifications"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    await page.goto("/review?status=all&period=2570Q1");
    await expect(page.getByRole("link", { name: "กรมสรรพากร" }).first()).toBeVisible();
    await expectAccessible(page);
    // Templates: one component at a time, chosen from the row of components.
    await page.goto("/admin/templates");
    const components = page.getByRole("navigation", { name: "องค์ประกอบของแบบประเมิน" });
    await expect(components.getByRole("link", { name: /^1\. / })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(1);
    await components.getByRole("link", { name: /^4\. / }).click();
    // The form as it stands for the quarter chosen (by default the next one to open, the one a change goes into).
    await expect(page).toHaveURL(/\/admin\/templates\?component=cybersecurity&quarter=2570Q2$/);
    await expect(page.getByLabel("แบบประเมินของไตรมาส")).toHaveValue("2570Q2");
    await expect(page.getByRole("heading", { level: 2, name: "ระบบการรักษาความมั่นคงปลอดภัยทางไซเบอร์" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "admin-templates-th");
    await page.goto("/completeness?period=2570Q1");
    await expectAccessible(page);
    // Nationally the by-agency table has thousands of rows: it is shown 25 at a time, the period kept.
    const byAgency = page.locator("#by-agency");
    const total = Number((await byAgency.getByText(/^รายการที่ 1–25 จาก [\d,]+$/).innerText()).split("จาก ")[1]!.replace(/,/g, ""));
    expect(total).toBeGreaterThan(25);
    await expect(byAgency.locator("tbody tr")).toHaveCount(25);
    await page.getByRole("navigation", { name: "หน้าตารางรายหน่วยงาน" }).getByRole("link", { name: /ถัดไป/ }).click();
    await expect(page).toHaveURL(/period=2570Q1&agencyPage=2#by-agency$/);
    await expect(byAgency.locator("tbody tr")).toHaveCount(Math.min(25, total - 25));
    await expect(byAgency.getByText(`รายการที่ 26–${Math.min(50, total)} จาก ${total}`)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "หน้าตารางรายหน่วยงาน" })).toContainText(`หน้า 2 จาก ${Math.ceil(total / 25)}`);
    expect((await page.goto("/admin/agencies"))?.status()).toBe(403);
    // Periods: an analyst may reopen a closed quarter, but neither sets deadlines nor starts a fiscal year.
    expect((await page.goto("/admin/periods"))?.status()).toBe(200);
    await expect(page.getByRole("row", { name: /ไตรมาส 4 ปีงบประมาณ 2569/ }).locator("summary", { hasText: "เปิดรับอีกครั้ง" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "เริ่มปีงบประมาณใหม่" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "บันทึก" })).toHaveCount(0);
  });

  test("admins manage agencies, periods and templates in English too", async ({ page }) => {
    await signInAs(page, "admin", "en");
    for (const [path, heading] of [
      ["/admin", "Administration"],
      ["/admin/agencies", "Manage agencies"],
      ["/admin/agencies/03002", "Department of Provincial Administration"],
      ["/admin/periods", "Reporting quarters"],
      ["/admin/templates", "Assessment templates"],
      ["/admin/users", "Users"],
    ] as const) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
      await expectAccessible(page);
    }
    await page.goto("/admin");
    await screenshot(page, "admin-index-en");
  });
});

import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// Dates are typed and shown in the reader's calendar: Buddhist era in Thai, Common Era in English (issue 17:
// the browser's date input showed "01/15/2026" beside "1 ต.ค. 2568").
test("a date is typed as people write it and shown back in the reader's calendar, in Thai and in English", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/audit");
  const from = page.getByLabel("ตั้งแต่วันที่");
  await from.fill("1/12/2569");
  await from.blur();
  await expect(from).toHaveValue("1 ธ.ค. 2569");
  await expect(page.getByText("วัน/เดือน/ปี พ.ศ. เช่น 15/1/2570").first()).toBeVisible();
  await page.getByRole("button", { name: "กรอง" }).click();
  await expect(page).toHaveURL(/[?&]from=2026-12-01(&|$)/);
  await expect(page.getByLabel("ตั้งแต่วันที่")).toHaveValue("1 ธ.ค. 2569");
  await expectAccessible(page);
  await screenshot(page, "date-input-th");

  // Not a date: said under the field, before anything is sent.
  await page.getByLabel("ถึงวันที่").fill("สิ้นเดือน");
  await expect(page.getByText("อ่านเป็นวันที่ไม่ได้ พิมพ์ เช่น 15/1/2570")).toBeVisible();
  await expect(page.getByLabel("ถึงวันที่")).toHaveAttribute("aria-invalid", "true");

  await switchLanguage(page, "en");
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("1 Dec 2026");
  await page.getByLabel("From", { exact: true }).fill("2 Dec 2026");
  await page.getByLabel("To", { exact: true }).fill("15/12/2026");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]from=2026-12-02&to=2026-12-15(&|$)/);
  await expect(page.getByLabel("To", { exact: true })).toHaveValue("15 Dec 2026");
  await screenshot(page, "date-input-en");
});

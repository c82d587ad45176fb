import { DEMO, expect, expectAccessible, screenshot, signIn, signInAs, switchLanguage, test } from "../support/fixtures";

// Its own import (Revenue Department, 2569Q1) so that no other spec's data is assumed or disturbed.
const AGENCY = DEMO.otherAgencyOfficer().agencyCode!;
const CSV = [
  "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ,สถานะโครงการ",
  `PRJ-E2E-1,ระบบยื่นภาษีออนไลน์,กรมสรรพากร,${AGENCY},"12,000,000","3,000,000",35,อยู่ระหว่างดำเนินการ`,
  `PRJ-E2E-2,ระบบคืนภาษีอัตโนมัติ,กรมสรรพากร,${AGENCY},"4,000,000","400,000",10,ล่าช้า`,
].join("\n");

test("an agency profile lists its eMENSCR projects, largest budget first; the agency's officer sees them too", async ({ page, browser }) => {
  await signInAs(page, "analyst");
  await page.goto("/imports");
  await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "projects-2569q1.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2569Q1");
  await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
  await page.getByRole("button", { name: "ยืนยันนำเข้า 2 แถว" }).click();
  await expect(page.getByRole("status").filter({ hasText: "นำเข้าแล้ว ชุดที่" })).toBeVisible();

  await page.goto(`/agencies/${AGENCY}?period=2569Q1`);
  const projects = page.getByTestId("emenscr-projects");
  await expect(projects.getByRole("row")).toHaveCount(3);
  await expect(projects.getByRole("row").nth(1)).toContainText("PRJ-E2E-1");
  await expect(projects.getByRole("row").nth(1)).toContainText("25%");
  await expect(projects.getByRole("row").nth(2)).toContainText("ล่าช้า");
  await expect(page.getByText("โครงการที่ 1–2 จาก 2 โครงการ")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "agency-projects-th");

  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, DEMO.otherAgencyOfficer().email);
  await switchLanguage(officer, "en");
  await officer.goto(`/agencies/${AGENCY}?period=2569Q1`);
  await expect(officer.getByTestId("emenscr-projects").getByRole("row").nth(1)).toContainText("PRJ-E2E-1");
  await expect(officer.getByTestId("emenscr-projects").getByRole("row").nth(2)).toContainText("Delayed");
  await screenshot(officer, "agency-projects-en");
  // The language is saved to the profile; later specs expect the demo users in Thai.
  await switchLanguage(officer, "th");
});

import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, screenshot, signIn, signInAs, switchLanguage, test } from "../support/fixtures";

// A ministry's case from the worklist (issue 21): the Ministry of Interior's departments lag in 2570Q1 —
// the Department of Provincial Administration (DOPA, the demo head's) and the Land Department (an officer
// the admin adds here) spend 10 % of their budget against a 30 % target, and the Department of Local
// Administration misses KPI targets in the demo data. The analyst opens one case for the ministry from the
// worklist's ministry tab: a part per department. DOPA and the Land Department answer their own parts; the
// Land Department's part resolves itself when a new import shows its spending caught up; the analyst
// settles the other two, and the ministry's case closes with its last part.
const PERIOD = "2570Q1";
const DOPA = DEMO.byRole("agency_head").agencyCode!;
const LAND = { code: "03004", name: "กรมที่ดิน" };
const LAND_OFFICER = { email: `land-officer-${Date.now()}@lamnam.test`, password: "land-officer-password-1" };
const HEADER = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ";
const csv = (landDisbursed: string) =>
  [HEADER, `MIN-DOPA-1,ศูนย์บริการประชาชนออนไลน์,กรมการปกครอง,${DOPA},"2,000,000","200,000",15`, `MIN-LAND-1,ระบบสารบบที่ดินดิจิทัล,${LAND.name},${LAND.code},"1,000,000","${landDisbursed}",40`].join("\n");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

async function importProgress(page: Page, body: string) {
  await page.goto("/imports");
  await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "ministry.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
  await page.getByLabel("ไตรมาส", { exact: true }).selectOption(PERIOD);
  await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
  await page.getByRole("button", { name: "ยืนยันนำเข้า 2 แถว" }).click();
  await expect(page.getByRole("status").filter({ hasText: "นำเข้าแล้ว ชุดที่" })).toBeVisible();
}

/** Screenshots of the page in Thai and English, at desktop width and at 390 px; back in Thai at the end. */
async function screenshots(page: Page, name: string) {
  for (const locale of ["th", "en"] as const) {
    await switchLanguage(page, locale);
    for (const [size, viewport] of [["desktop", DESKTOP], ["mobile", PHONE]] as const) {
      await page.setViewportSize(viewport);
      await screenshot(page, `${name}-${locale}-${size}`);
    }
  }
  await page.setViewportSize(DESKTOP);
  await switchLanguage(page, "th");
}

async function answerPart(page: Page, partUrl: string, explanation: string) {
  await page.goto(partUrl);
  await expect(page.getByText(/เรื่องนี้เป็นส่วนของหน่วยงานในเรื่องติดตามระดับกระทรวงหรือจังหวัด/)).toBeVisible();
  await page.getByLabel("คำชี้แจงและแผนแก้ไข").fill(explanation);
  await page.getByRole("button", { name: "ส่งคำชี้แจง" }).click();
  await expect(page.getByText("ส่งคำชี้แจงแล้ว")).toBeVisible();
}

async function settlePart(page: Page, partUrl: string, status: "resolved" | "waived", resolution: string) {
  await page.goto(partUrl);
  await page.getByLabel("สถานะ").selectOption(status);
  await page.getByLabel("ผลการแก้ไข / เหตุผลที่ยกเว้น").fill(resolution);
  await page.getByRole("button", { name: "บันทึก" }).click();
  await expect(page.getByText("บันทึกแล้ว")).toBeVisible();
}

test("the analyst opens the Ministry of Interior's case from the worklist; two departments answer, one recovers by new data, the case closes", async ({ page, browser }) => {
  // The Land Department gets an officer.
  await signInAs(page, "admin");
  await page.goto("/admin/users");
  const userForm = page.locator("form", { has: page.getByRole("heading", { name: "เพิ่มผู้ใช้" }) });
  await userForm.getByLabel("อีเมล").fill(LAND_OFFICER.email);
  await userForm.getByLabel("ชื่อ-นามสกุล").fill("เจ้าหน้าที่กรมที่ดิน");
  await userForm.getByLabel("บทบาท").selectOption("agency_officer");
  await userForm.getByRole("combobox", { name: "หน่วยงาน", exact: true }).fill("ที่ดิน");
  await userForm.getByRole("option", { name: `${LAND.code} ${LAND.name}`, exact: true }).click();
  await userForm.getByLabel(/รหัสผ่านเริ่มต้น/).fill(LAND_OFFICER.password);
  await userForm.getByRole("button", { name: "เพิ่มผู้ใช้" }).click();
  await expect(userForm.getByText("บันทึกแล้ว")).toBeVisible();
  await page.context().clearCookies();

  // Both departments spend 10 % by the end of Q1: once the import's jobs have run, the worklist lists them.
  await signInAs(page, "analyst");
  await importProgress(page, csv("100,000"));
  await expect
    .poll(async () => {
      await page.goto(`/lagging?period=${PERIOD}&ministry=03000`);
      return page.getByRole("row", { name: new RegExp(LAND.name) }).count();
    }, { intervals: [250, 500, 1000] })
    .toBe(1);
  await expect(page.getByRole("row", { name: new RegExp(LAND.name) })).toContainText("การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย");
  await expect(page.getByRole("row", { name: /กรมการปกครอง/ })).toContainText("การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย");
  // However many of the ministry's departments earlier tests left lagging, the ministry tab counts the same.
  const lagging = await page.locator("tbody").getByRole("row").count();
  expect(lagging).toBeGreaterThanOrEqual(3);

  // The ministry tab rolls the agencies up: the analyst opens the ministry's case there.
  await page.getByRole("navigation", { name: "จัดกลุ่มตาม" }).getByRole("link", { name: "กระทรวง" }).click();
  await page.waitForURL(/[?&]group=ministry/);
  const ministryRow = page.getByRole("row", { name: /กระทรวงมหาดไทย/ });
  await expect(ministryRow.getByRole("cell").nth(2)).toHaveText(String(lagging));
  await expectAccessible(page);
  await screenshots(page, "worklist-ministries");
  await ministryRow.getByRole("button", { name: "เปิดเรื่องติดตามสำหรับ กระทรวงมหาดไทย" }).click();
  // The worklist is refreshed: the row now links to the ministry's case instead of offering to open one.
  const opened = ministryRow.getByRole("link", { name: /^เรื่องที่ \d+$/ });
  await expect(opened).toBeVisible();
  await expect(ministryRow.getByRole("button", { name: "เปิดเรื่องติดตามสำหรับ กระทรวงมหาดไทย" })).toHaveCount(0);
  await opened.click();
  await page.waitForURL(/\/cases\/group\/\d+$/);
  const groupUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("กระทรวงมหาดไทย");
  await expect(page.getByText(`ได้ข้อยุติแล้ว 0 จาก ${lagging} ส่วน`)).toBeVisible();
  const parts = page.getByRole("region", { name: "ส่วนของแต่ละหน่วยงาน" });
  const partUrl = async (name: string | RegExp) => new URL((await parts.getByRole("link", { name }).getAttribute("href"))!, groupUrl).toString();
  const dopaPart = await partUrl("กรมการปกครอง");
  const landPart = await partUrl(LAND.name);
  const localPart = await partUrl("กรมส่งเสริมการปกครองท้องถิ่น");
  // Departments that earlier tests left lagging have parts too; the analyst waives them at the end.
  const otherParts: string[] = [];
  for (const link of await parts.getByRole("link").all()) {
    const href = new URL((await link.getAttribute("href"))!, groupUrl).toString();
    if (/\/cases\/\d+$/.test(href) && ![dopaPart, landPart, localPart].includes(href) && !otherParts.includes(href)) otherParts.push(href);
  }
  expect(otherParts).toHaveLength(lagging - 3);
  // The worklist now points each department to the ministry's case.
  await page.goto(`/lagging?period=${PERIOD}&ministry=03000`);
  await expect(page.getByRole("row", { name: new RegExp(LAND.name) })).toContainText(/ส่วนหนึ่งของเรื่องติดตามระดับกระทรวง\/จังหวัดที่ \d+/);

  // Each department answers its own part, and cannot open the ministry's case or another department's part.
  const headContext = await browser.newContext();
  const head = await headContext.newPage();
  await signInAs(head, "agency_head");
  await answerPart(head, dopaPart, "กำลังเร่งตรวจรับงานศูนย์บริการประชาชน จะเบิกจ่ายได้ภายในเดือนมกราคม");
  expect((await head.goto(landPart))?.status()).toBe(404);
  expect((await head.goto(groupUrl))?.status()).toBe(404);
  await headContext.close();
  const landContext = await browser.newContext();
  const land = await landContext.newPage();
  await signIn(land, LAND_OFFICER.email, LAND_OFFICER.password);
  await switchLanguage(land, "th");
  await answerPart(land, landPart, "ผู้รับจ้างส่งมอบงวดงานแล้ว อยู่ระหว่างเบิกจ่าย");
  await expectAccessible(land);
  expect((await land.goto(dopaPart))?.status()).toBe(404);
  await landContext.close();

  await page.goto(groupUrl);
  const row = (name: string | RegExp) => parts.getByRole("row", { name });
  await expect(row("กรมการปกครอง").getByRole("cell").nth(4)).toHaveText("1");
  await expect(row(LAND.name).getByRole("cell").nth(4)).toHaveText("1");

  // A new import shows the Land Department caught up (90 %): its part resolves itself once the flags are re-evaluated.
  await importProgress(page, csv("900,000"));
  await expect
    .poll(async () => {
      await page.goto(groupUrl);
      return row(LAND.name).getByRole("cell").nth(1).textContent();
    }, { intervals: [250, 500, 1000] })
    .toBe("แก้ไขแล้ว");
  await expect(row(LAND.name).getByRole("cell").nth(3)).toHaveText("1");
  await expect(page.getByText(`ได้ข้อยุติแล้ว 1 จาก ${lagging} ส่วน`)).toBeVisible();
  await expect(page.locator(".tag--case-resolved")).toHaveCount(1);

  // The analyst settles the other two parts; the ministry's case closes with the last.
  await settlePart(page, dopaPart, "resolved", "กรมการปกครองเร่งรัดการเบิกจ่ายตามแผนแล้ว");
  await page.goto(groupUrl);
  await expect(page.getByText(`ได้ข้อยุติแล้ว 2 จาก ${lagging} ส่วน`)).toBeVisible();
  await expect(page.getByRole("region", { name: "รายละเอียด" }).locator(".tag").first()).not.toHaveText("แก้ไขแล้ว");
  for (const other of otherParts) await settlePart(page, other, "waived", "ติดตามในเรื่องของหน่วยงานแล้ว");
  await settlePart(page, localPart, "waived", "ตัวชี้วัดอยู่ระหว่างทบทวนค่าเป้าหมายร่วมกับ สพร.");
  await page.goto(groupUrl);
  await expect(page.getByText(`ได้ข้อยุติแล้ว ${lagging} จาก ${lagging} ส่วน`)).toBeVisible();
  await expect(page.getByRole("region", { name: "รายละเอียด" }).locator(".tag").first()).toHaveText("แก้ไขแล้ว");
  await expectAccessible(page);
  await screenshots(page, "ministry-case");
});

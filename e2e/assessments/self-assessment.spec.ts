import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, screenshot, signIn, switchLanguage, test } from "../support/fixtures";

// Demo data: the officer's agency (Department of Provincial Administration) has an untouched
// downstream form for the open quarter; the other officer belongs to the Revenue Department.
const AGENCY = DEMO.byRole("agency_officer").agencyCode!;
const FORM = `/submissions/${AGENCY}/2570Q1/downstream`;

async function as(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** Presses "save draft" and waits for the server action's answer (the status text may already be on screen). */
async function saveDraft(page: Page) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === FORM);
  await page.getByRole("button", { name: "บันทึกร่าง" }).click();
  await answered;
  await expect(page.getByRole("status").filter({ hasText: "บันทึกร่างแล้ว" })).toBeVisible();
}

/** The ministry's reviewer passes the form on to DGA. */
async function verifyForDga(page: Page) {
  await page.goto(FORM);
  await page.getByRole("button", { name: "ตรวจแล้ว ส่งต่อให้ สพร." }).click();
  await expect(page.locator(".page-header .tag").first()).toHaveText("ผ่านการตรวจระดับกระทรวง/จังหวัด");
}

async function completenessTotals(page: Page) {
  await page.goto("/completeness?period=2570Q1");
  const read = async (key: string) => Number((await page.getByTestId(`total-${key}`).locator(".stat__value").innerText()).replace(/,/g, ""));
  return { submitted: await read("submitted"), approved: await read("approved") };
}

test.describe.configure({ mode: "serial" });

test("officer fills and submits, the ministry verifies, analyst returns with a comment, officer fixes and resubmits, the ministry verifies, analyst approves", async ({ browser }) => {
  const analyst = await as(browser, DEMO.byRole("analyst").email);
  const before = await completenessTotals(analyst);

  // ── Officer: deadlines on the home page, then the form ──────────────────────────────────────────
  const officer = await as(browser, DEMO.byRole("agency_officer").email);
  await officer.goto("/");
  const mine = officer.getByRole("region", { name: "แบบประเมินตนเองของหน่วยงาน" });
  await expect(mine).toBeVisible();
  await mine.locator(`a[href="${FORM}"]`).click();
  await expect(officer.getByRole("heading", { level: 1 })).toContainText("ปลายน้ำ");
  // The stepper says where the form stands and who acts next: the same "not started" as the home page.
  const stepper = officer.getByRole("navigation", { name: "ขั้นตอนของแบบประเมิน" });
  await expect(stepper.locator('[aria-current="step"]')).toContainText("กรอกและบันทึก");
  await expect(stepper).toContainText("ยังไม่เริ่ม: เจ้าหน้าที่กรอกแล้วกด “บันทึกร่าง” ขั้นต่อไปหัวหน้าหน่วยงานรับรอง");
  await expect(officer.locator(".page-header .tag").first()).toHaveText("ยังไม่เริ่ม");

  // Bad input: text in a number field. The message is under the field and the typed text stays.
  const first = officer.getByRole("textbox", { name: /DOWN-01|จำนวนผู้ใช้/ }).first();
  await first.fill("สิบล้าน");
  await officer.getByRole("button", { name: "บันทึกร่าง" }).click();
  await expect(officer.locator(`[id="${await first.getAttribute("id")}-error"]`)).toHaveText("กรุณากรอกเป็นตัวเลข เช่น 1,250 หรือ 12.5");
  await expect(first).toHaveValue("สิบล้าน");
  await expect(first).toHaveAttribute("aria-invalid", "true");

  const numbers = officer.locator(".assess-number input");
  const count = await numbers.count();
  expect(count).toBeGreaterThan(5);
  for (let i = 0; i < count; i++) await numbers.nth(i).fill("12");
  await officer.getByRole("radio", { name: /ระดับ 3/ }).check();
  await officer.getByLabel(/ความก้าวหน้าการดำเนินงาน/).fill("เปิดบริการผ่านแอปทางรัฐเพิ่ม 3 บริการ");
  // 12 is far from last quarter's figures: each such field says why and asks for a reason (a draft saves without).
  const reasons = officer.getByLabel("เหตุผลที่ค่าแตกต่างจากปกติ");
  await expect(officer.getByText(/ค่าต่างจากไตรมาสก่อน \(84\.3\) มากผิดปกติ/)).toBeVisible();
  const unusual = await reasons.count();
  expect(unusual).toBeGreaterThan(0);
  await officer.getByRole("button", { name: "บันทึกร่าง" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "บันทึกร่างแล้ว" })).toContainText(`ยังไม่มีเหตุผล ${unusual} รายการ ต้องระบุก่อนส่ง`);
  for (let i = 0; i < unusual; i++) await reasons.nth(i).fill("เปลี่ยนวิธีนับตามคู่มือใหม่");
  await officer.getByRole("button", { name: "บันทึกร่าง" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "บันทึกร่างแล้ว" })).toContainText("ระบุเหตุผลครบแล้ว");
  // A draft saved again answers without rendering the page anew; the heading still shows the saved version.
  await expect(officer.locator(".page-header")).toContainText("ฉบับที่ 2");
  // Every input shows what was saved, after every save (issue 17: the level chosen was shown as the page-load
  // one, and a second save wrote that back).
  await expect(officer.getByRole("radio", { name: /ระดับ 3/ })).toBeChecked();
  await officer.reload();
  await expect(officer.getByRole("radio", { name: /ระดับ 3/ })).toBeChecked();
  await officer.getByRole("radio", { name: /ระดับ 2/ }).check();
  await saveDraft(officer);
  await expect(officer.getByRole("radio", { name: /ระดับ 2/ })).toBeChecked();
  await expect(officer.locator(".page-header")).toContainText("ฉบับที่ 3");
  await saveDraft(officer);
  await expect(officer.locator(".page-header")).toContainText("ฉบับที่ 4");
  await officer.reload();
  await expect(officer.getByRole("radio", { name: /ระดับ 2/ })).toBeChecked();
  await expect(officer.locator(".page-header")).toContainText("ฉบับที่ 4");
  await screenshot(officer, "self-assessment-form-th");
  await switchLanguage(officer, "en");
  await expect(officer.getByRole("heading", { level: 1 })).toContainText("Self-assessment");
  await screenshot(officer, "self-assessment-form-en");
  await switchLanguage(officer, "th");

  // ── Head: endorses (the officer cannot) ─────────────────────────────────────────────────────────
  await expect(officer.getByRole("button", { name: "บันทึกและรับรอง" })).toHaveCount(0);
  const head = await as(browser, DEMO.byRole("agency_head").email);
  await head.goto(FORM);
  await head.getByRole("button", { name: "บันทึกและรับรอง" }).click();
  await expect(head.getByText("รับรองแล้ว พร้อมส่งให้ สพร.")).toBeVisible();

  // ── Officer: submits to DGA ─────────────────────────────────────────────────────────────────────
  await officer.goto(FORM);
  await expect(stepper.locator('[aria-current="step"]')).toContainText("ส่งให้ สพร.");
  await officer.getByRole("button", { name: "ส่งให้ สพร." }).click();
  await expect(officer.locator(".page-header .tag").first()).toHaveText("ส่ง สพร. แล้ว");
  // DOPA sits under the Ministry of Interior, whose reviewer checks it before DGA (issue 19).
  await expect(stepper.locator('[aria-current="step"]')).toContainText("ตรวจระดับกระทรวง");
  const ministry = await as(browser, DEMO.byRole("ministry_reviewer").email);
  await verifyForDga(ministry);

  // ── Analyst: finds it in the queue and returns it with a comment on one field ───────────────────
  await analyst.goto("/review?period=2570Q1&component=downstream");
  await analyst.getByRole("link", { name: "กรมการปกครอง" }).click();
  await expect(analyst).toHaveURL(new RegExp(`${FORM}$`));
  const returnForm = analyst.locator(".assess-return-form");
  await returnForm.getByRole("textbox").nth(1).fill("ตัวเลขผู้ใช้ไม่ตรงกับรายงานทางรัฐ");
  await returnForm.getByRole("button", { name: "ส่งกลับให้หน่วยงานแก้ไข" }).click();
  await expect(analyst.locator(".page-header .tag").first()).toHaveText("ส่งกลับแก้ไข");

  // ── Officer: sees the comment beside the field, fixes it and resubmits ──────────────────────────
  await officer.goto(FORM);
  await expect(officer.getByText("ตัวเลขผู้ใช้ไม่ตรงกับรายงานทางรัฐ")).toBeVisible();
  await officer.locator(".assess-number input").first().fill("15");
  await officer.getByRole("button", { name: "บันทึกและส่งใหม่" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "ส่งให้ สพร. แล้ว" })).toBeVisible();
  await verifyForDga(ministry);

  // ── Analyst: reads the unusual values first, approves, and confirms one so that it counts ─────────
  await analyst.goto(FORM);
  const held = analyst.getByRole("region", { name: /ค่าที่รอการยืนยัน/ });
  await expect(held).toContainText(`ค่าที่รอการยืนยัน ${unusual} รายการ`);
  await expect(held).toContainText("เหตุผลของหน่วยงาน: เปลี่ยนวิธีนับตามคู่มือใหม่");
  await analyst.getByRole("button", { name: "อนุมัติ" }).click();
  await expect(analyst.locator(".page-header .tag").first()).toHaveText("อนุมัติแล้ว");
  await held.getByLabel(/เหตุผลที่ยืนยัน/).first().fill("ตรวจกับรายงานทางรัฐแล้ว");
  await held.getByRole("button", { name: "ยืนยันค่านี้" }).first().click();
  await expect(held.getByText(/ยืนยันแล้วโดย .+ นับในตัวเลขแล้ว/)).toBeVisible();
  await expect.poll(() => completenessTotals(analyst), { intervals: [250, 500, 1000] }).toEqual({ submitted: before.submitted + 1, approved: before.approved + 1 });

  // ── Locked for the agency; invisible to another agency ──────────────────────────────────────────
  await officer.goto(FORM);
  await expect(officer.getByRole("button", { name: "บันทึกร่าง" })).toHaveCount(0);
  const other = await as(browser, DEMO.otherAgencyOfficer().email);
  const response = await other.goto(FORM);
  expect(response?.status()).toBe(404);
});

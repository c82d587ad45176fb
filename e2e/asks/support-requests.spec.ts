import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, screenshot, signIn, switchLanguage, test } from "../support/fixtures";

// The officer's agency (Department of Provincial Administration) had its cybersecurity form of 2570Q1
// returned by DGA: it was sent once, so what it says it needs is DGA's to read.
const AGENCY = DEMO.byRole("agency_officer").agencyCode!;
const FORM = `/submissions/${AGENCY}/2570Q1/cybersecurity`;
const NEED = "ขอคำปรึกษาเรื่องมาตรฐานการเชื่อมโยงข้อมูลกับระบบคลาวด์กลาง (ทดสอบ e2e)";
const ANSWER = "สพร. จะส่งผู้เชี่ยวชาญด้านมาตรฐานข้อมูลมาประชุมร่วมภายในสองสัปดาห์";

async function as(browser: Browser, role: "agency_officer" | "analyst"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.byRole(role).email);
  await switchLanguage(page, "th");
  return page;
}

test.describe.configure({ mode: "serial" });

test("an officer's support-needed answer reaches a DGA unit's queue; the analyst routes and answers it; the officer reads the answer", async ({ browser }) => {
  // ── The officer writes what the agency needs from DGA and saves the form ──
  const officer = await as(browser, "agency_officer");
  await officer.goto(FORM);
  await officer.getByLabel("ความต้องการการสนับสนุนจาก สพร.").fill(NEED);
  const saved = officer.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === FORM);
  await officer.getByRole("button", { name: "บันทึกร่าง" }).click();
  await saved;

  // ── The analyst finds it among the asks not yet routed, with suggested tags, and routes it ──
  const analyst = await as(browser, "analyst");
  await analyst.goto("/asks?period=2570Q1&status=none");
  const card = analyst.locator(".ask-card", { hasText: NEED });
  await expect(card).toContainText("แท็กที่ระบบแนะนำ (ยังไม่ยืนยัน)");
  await expect(card.locator(".tag--suggested", { hasText: "มาตรฐาน" })).toBeVisible();
  await card.getByText("ติดแท็ก ส่งต่อ หรือตอบ").click();
  await card.getByRole("button", { name: "ยืนยันแท็ก" }).click();
  await expect(card.getByText("ยืนยันแท็กแล้ว")).toBeVisible();
  await card.getByLabel("หน่วยงานของ สพร.").selectOption({ label: "ฝ่ายสนับสนุนหน่วยงานภาครัฐ" });
  await card.getByRole("button", { name: "ส่งต่อเป็นคำขอการสนับสนุน" }).click();
  // Routed, it leaves the list of asks not yet routed.
  await expect(card).toHaveCount(0);

  // ── The unit's queue: what was routed to it and waits ──
  await analyst.goto("/asks?period=2570Q1&unit=agency_support&status=received");
  const queued = analyst.locator(".ask-card", { hasText: NEED });
  await expect(queued).toContainText("รับเรื่องแล้ว");
  await expectAccessible(analyst);
  await queued.getByText("ติดแท็ก ส่งต่อ หรือตอบ").click();
  // Answering without an answer is refused, and says why.
  await queued.getByLabel("สถานะใหม่").selectOption("answered");
  await queued.getByRole("button", { name: "บันทึกคำขอ" }).click();
  await expect(queued.getByText("โปรดเขียนคำตอบที่หน่วยงานจะได้อ่าน")).toBeVisible();
  await queued.getByLabel("คำตอบถึงหน่วยงาน").fill(ANSWER);
  await queued.getByRole("button", { name: "บันทึกคำขอ" }).click();
  // Answered, it leaves the unit's queue of what waits…
  await expect(queued).toHaveCount(0);
  await analyst.goto("/asks?period=2570Q1&unit=agency_support&status=answered");
  await expect(analyst.locator(".ask-card", { hasText: NEED })).toContainText(ANSWER);

  // ── The officer reads DGA's answer on the agency's page and in the notifications ──
  await officer.goto(`/agencies/${AGENCY}`);
  const section = officer.getByRole("region", { name: "สิ่งที่หน่วยงานนี้ขอจาก สพร." });
  await expect(section.locator(".ask-card", { hasText: NEED })).toContainText(ANSWER);
  await expect(section.locator(".ask-card", { hasText: NEED })).toContainText("ตอบแล้ว");
  // …and cannot act on it: the forms are DGA's.
  await expect(section.getByRole("button", { name: "บันทึกคำขอ" })).toHaveCount(0);
  await officer.goto("/notifications");
  await expect(officer.getByText("สพร. ตอบคำขอการสนับสนุนแล้ว").first()).toBeVisible();
  // An officer cannot open DGA's page of every agency's asks.
  expect((await officer.goto("/asks"))?.status()).toBe(403);
});

test("screenshots of the asks page and the agency-profile sections, Thai and English, desktop and 390 px", async ({ browser }) => {
  for (const locale of ["th", "en"] as const) {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, DEMO.byRole("analyst").email);
      await switchLanguage(page, locale);
      await page.goto("/asks?period=2570Q1");
      await expect(page.locator(".ask-card").first()).toBeVisible();
      await screenshot(page, `asks-${locale}-${width}`);
      await page.goto(`/agencies/${AGENCY}`);
      const asks = page.locator("#asks");
      await expect(asks).toBeVisible();
      await page.locator("#early-warning").screenshot({ path: `test-results/screenshots/early-warning-${locale}-${width}.png` });
      await asks.screenshot({ path: `test-results/screenshots/agency-asks-${locale}-${width}.png` });
      if (width === 1280) await expectAccessible(page);
      await context.close();
    }
  }
});

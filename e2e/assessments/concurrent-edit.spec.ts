import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";
import type { Role } from "../../core/enums";

// Demo data: DOPA's midstream form of the open quarter is a partly filled draft that both the officer
// and the agency head may edit. Each step saves what it needs first, so no earlier spec matters.
const AGENCY = DEMO.byRole("agency_officer").agencyCode!;
const FORM = `/submissions/${AGENCY}/2570Q1/midstream`;
const OFFICER_NAME = DEMO.byRole("agency_officer").name;

async function openForm(browser: Browser, role: Role, locale: "th" | "en"): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, role, locale);
  await page.goto(FORM);
  await expect(page.locator("form.assess-form")).toBeVisible();
  return page;
}

const TEXT = {
  th: { save: "บันทึกร่าง", saved: "บันทึกร่างแล้ว", title: "มีผู้อื่นบันทึกแบบประเมินนี้ก่อนคุณ", kept: "ข้อมูลของคุณยังไม่ถูกบันทึก", progress: "ความก้าวหน้าการดำเนินงาน", problems: "ปัญหาและอุปสรรค", reload: "โหลดฉบับล่าสุด" },
  en: { save: "Save draft", saved: "Draft saved.", title: "Someone else saved this form first.", kept: "Your input was NOT saved", progress: "Progress", problems: "Problems and obstacles", reload: "Load the latest version" },
} as const;

for (const locale of ["th", "en"] as const) {
  test(`the second of two people saving the same draft sees what changed and keeps their input (${locale})`, async ({ browser }) => {
    const text = TEXT[locale];
    const stamp = `${locale}-${Date.now()}`;
    // Both open the same version of the draft.
    const officer = await openForm(browser, "agency_officer", locale);
    const head = await openForm(browser, "agency_head", locale);

    // The officer saves first.
    const officerProgress = `ผู้ปฏิบัติงานปรับความก้าวหน้า ${stamp}`;
    await officer.locator("#f-progress").fill(officerProgress);
    await officer.getByRole("button", { name: text.save }).click();
    await expect(officer.getByRole("status").filter({ hasText: text.saved })).toBeVisible();

    // The head, still on the old version, types and saves: refused, with the officer's change shown.
    const headProblems = `หัวหน้าเพิ่มปัญหา ${stamp}`;
    const headNumber = head.locator(".assess-number input").first();
    await headNumber.fill("4321");
    await head.locator("#f-problems").fill(headProblems);
    await head.getByRole("button", { name: text.save }).click();
    const alert = head.getByRole("alert").filter({ hasText: text.title });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(OFFICER_NAME);
    await expect(alert).toContainText(text.kept);
    await expect(alert.getByRole("listitem").filter({ hasText: text.progress })).toContainText(officerProgress);
    await expect(alert.getByRole("link", { name: text.reload })).toHaveAttribute("href", FORM);
    // Nothing the head typed is lost.
    await expect(headNumber).toHaveValue("4321");
    await expect(head.locator("#f-problems")).toHaveValue(headProblems);
    await screenshot(head, `self-assessment-conflict-${locale}`);

    // Nothing of the head's was saved: a fresh load shows the officer's text and not the head's.
    await head.goto(FORM);
    await expect(head.locator("#f-progress")).toHaveValue(officerProgress);
    await expect(head.locator("#f-problems")).not.toHaveValue(headProblems);
    // The language is saved to the profile: leave both in Thai, as the demo users start.
    for (const page of [officer, head]) {
      await switchLanguage(page, "th");
      await page.context().close();
    }
  });
}

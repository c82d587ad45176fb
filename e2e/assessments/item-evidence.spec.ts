import { DEMO, expect, expectAccessible, screenshot, signIn, signInAs, switchLanguage, test } from "../support/fixtures";

// Demo data: DOPA's midstream form of the open quarter is a saved draft, so evidence can be attached.
const AGENCY = DEMO.byRole("agency_officer").agencyCode!;
const FORM = `/submissions/${AGENCY}/2570Q1/midstream`;
const pdf = (text: string) => Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(text)]);

test("an officer attaches evidence to one item; it shows next to that field and downloads only within scope", async ({ page, browser }) => {
  await signInAs(page, "agency_officer", "th");
  await page.goto(FORM);
  const title = `หนังสือยืนยันยอด ThaID ${Date.now()}`;
  const item = page.getByRole("group", { name: "หลักฐานของข้อ MID-01" });
  await item.getByText("แนบหลักฐานของข้อ MID-01").click();

  // A renamed executable is refused with the reason, and nothing is attached.
  await item.getByLabel("ไฟล์หลักฐาน").setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
  await item.getByRole("button", { name: "อัปโหลด" }).click();
  await expect(item.getByRole("alert")).toContainText("ชนิดไฟล์");

  await item.getByLabel("ไฟล์หลักฐาน").setInputFiles({ name: "thaid.pdf", mimeType: "application/pdf", buffer: pdf("ThaID count") });
  await item.getByLabel("ชื่อเอกสาร").fill(title);
  // Typed but unsaved answers survive the upload (the page refreshes its data, not the form).
  const progress = page.locator("#f-progress");
  await progress.fill("ข้อความที่ยังไม่ได้บันทึก");
  await item.getByRole("button", { name: "อัปโหลด" }).click();
  const link = item.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  await expect(progress).toHaveValue("ข้อความที่ยังไม่ได้บันทึก");
  // Only next to its own field: not in another item's evidence nor in the whole-submission panel.
  await expect(page.getByRole("group", { name: "หลักฐานของข้อ MID-02" }).getByRole("link", { name: title })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "หลักฐานประกอบ" }).getByRole("link", { name: title })).toHaveCount(0);
  await expectAccessible(page);
  await item.scrollIntoViewIfNeeded();
  await screenshot(page, "self-assessment-item-evidence-th");
  await switchLanguage(page, "en");
  await expect(page.getByRole("group", { name: "Evidence for MID-01" }).getByRole("link", { name: title })).toBeVisible();
  await screenshot(page, "self-assessment-item-evidence-en");
  await switchLanguage(page, "th");

  const href = (await link.getAttribute("href"))!;
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain("attachment");
  expect((await download.body()).subarray(0, 4).toString()).toBe("%PDF");

  // An officer of another agency gets 404 for the same file.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, DEMO.otherAgencyOfficer().email);
  expect((await other.request.get(href)).status()).toBe(404);
  await other.context().close();
});

import type { Page } from "@playwright/test";
import { expect, expectAccessible, signInAs, test } from "../support/fixtures";

// An agency head manages their officers: invites one by e-mail, is told plainly when the address already has
// an account, and uploads a list (preview with reasons, one commit, the same file again changes nothing).
const suffix = String(Date.now()).slice(-6);
const csv = (lines: string[]) => ({ name: "users.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") });
const HEADER = "อีเมล,ชื่อ-นามสกุล,บทบาท,รหัสหน่วยงาน";
const outcome = (page: Page) => page.locator('[id$="-import-status"]');

async function upload(page: Page, file: ReturnType<typeof csv>) {
  await page.getByLabel("ไฟล์ (.xlsx หรือ .csv)").setInputFiles(file);
  await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
}

test("an agency head invites an officer, is refused an address that has an account, and uploads a list", async ({ page }) => {
  await signInAs(page, "agency_head", "th");
  await page.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "บัญชีผู้ใช้" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "บัญชีผู้ใช้ที่ฉันดูแล" })).toBeVisible();

  const email = `e2e-invite-${suffix}@lamnam.test`;
  await page.getByLabel("อีเมล", { exact: true }).fill(email);
  await page.getByLabel("ชื่อ-นามสกุล").fill("ผู้ได้รับเชิญ ทดสอบ");
  await page.getByRole("button", { name: "ส่งคำเชิญ", exact: true }).click();
  await expect(page.getByText("สร้างคำเชิญแล้ว อีเมลจะถูกส่งภายในหนึ่งนาที")).toBeVisible();
  await page.getByRole("search").getByLabel("ค้นหาตามชื่อหรืออีเมล").fill(email);
  await page.getByRole("button", { name: "ค้นหา", exact: true }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("เชิญแล้ว (ยังไม่ตั้งรหัสผ่าน)");

  await page.getByLabel("อีเมล", { exact: true }).fill("officer@lamnam.demo");
  await page.getByLabel("ชื่อ-นามสกุล").fill("ซ้ำ");
  await page.getByRole("button", { name: "ส่งคำเชิญ", exact: true }).click();
  await expect(page.getByText("อีเมลนี้มีบัญชีผู้ใช้อยู่แล้ว")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "อัปโหลดบัญชีผู้ใช้หลายบัญชีจากไฟล์ (CSV/XLSX)" }).click();
  await upload(page, csv([HEADER, `e2e-a-${suffix}@lamnam.test,ผู้ใช้ เอ,เจ้าหน้าที่หน่วยงาน,03002`, `e2e-b-${suffix}@lamnam.test,ผู้ใช้ บี,หัวหน้าหน่วยงาน,03002`, `e2e-c-${suffix}@lamnam.test,=1+1,เจ้าหน้าที่หน่วยงาน,02003`]));
  await expect(outcome(page).getByRole("alert")).toContainText("มี 2 แถวที่มีปัญหา");
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("row", { name: /^3 / })).toContainText("ท่านไม่สามารถให้บทบาทนี้ได้");
  await expect(preview.getByRole("row", { name: /^4 / })).toContainText("ชื่อต้องไม่ขึ้นต้นด้วย");

  const good = csv([HEADER, `e2e-a-${suffix}@lamnam.test,ผู้ใช้ เอ,เจ้าหน้าที่หน่วยงาน,03002`, `e2e-b-${suffix}@lamnam.test,ผู้ใช้ บี,เจ้าหน้าที่หน่วยงาน,03002`]);
  await upload(page, good);
  await page.getByRole("button", { name: /^นำเข้า/ }).click();
  await expect(page.getByTestId("import-counts")).toContainText("ใหม่ 2");
  await upload(page, good);
  await expect(page.getByTestId("import-counts")).toContainText("ไม่เปลี่ยนแปลง 2");
  await expectAccessible(page);
});

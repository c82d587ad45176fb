import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// Codes of this spec only (the demo data has none like them), so it neither needs nor disturbs other specs' data.
const suffix = String(Date.now()).slice(-3);
const MINISTRY = `91${suffix}`;
const DEPARTMENT = `92${suffix}`;
const AGENCY_HEADER = "รหัสหน่วยงาน,ชื่อหน่วยงาน,ชื่อภาษาอังกฤษ,ประเภท,รหัสกระทรวง,บทบาท สพร. การสนับสนุนแก่หน่วยงาน";

const csv = (name: string, lines: string[]) => ({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") });

/** The import's own result area (the page has other live regions, such as the route announcer). */
const outcome = (page: Page) => page.locator('[id$="-import-status"]');

async function upload(page: Page, file: ReturnType<typeof csv>, button: string) {
  await page.getByLabel(/ไฟล์ \(.xlsx หรือ .csv\)|File \(.xlsx or .csv\)/).setInputFiles(file);
  await page.getByRole("button", { name: button }).click();
}

test("admin imports agencies from a file: preview with reasons, all-or-nothing commit, nothing changes the second time", async ({ page }) => {
  await signInAs(page, "admin", "th");
  await page.goto("/admin/agencies");
  await page.getByRole("link", { name: "นำเข้าหน่วยงานจากไฟล์ (CSV/XLSX)" }).click();
  await expect(page.getByRole("heading", { name: "นำเข้าหน่วยงานจากไฟล์" })).toBeVisible();
  const template = await page.request.get("/api/admin/agencies/import/template?format=xlsx");
  expect(template.headers()["content-type"]).toContain("spreadsheetml");

  // A file with problems: every one is listed with its row, column and reason, and nothing is saved.
  await upload(page, csv("agencies.csv", [AGENCY_HEADER, `${MINISTRY},กระทรวงนำเข้า,Imported Ministry,กระทรวง,,`, `${DEPARTMENT},กรมนำเข้า,Imported Department,กรม / ส่วนราชการ,99999,ผู้ทำ`, `${DEPARTMENT},ซ้ำ,Duplicate,กรมพิเศษ,,`]), "ตรวจสอบไฟล์");
  await expect(outcome(page).getByRole("alert")).toContainText("ยังไม่มีการบันทึกข้อมูลใด ๆ: มี 2 แถวที่มีปัญหา");
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("row", { name: /^3 / })).toContainText("รหัสกระทรวง: ไม่พบรหัสกระทรวงต้นสังกัด 99999");
  await expect(preview.getByRole("row", { name: /^4 / })).toContainText(`รหัส ${DEPARTMENT} ซ้ำในไฟล์ (พบครั้งแรกที่แถว 3)`);
  await expect(preview.getByRole("row", { name: /^4 / })).toContainText('ไม่รู้จักประเภทหน่วยงาน "กรมพิเศษ"');
  await expect(page.getByRole("button", { name: /^นำเข้า/ })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "admin-agency-import-invalid-th");

  // Fixed: two new agencies, the department under the ministry of the same file and tagged with a component.
  const fixed = csv("agencies.csv", [AGENCY_HEADER, `${MINISTRY},กระทรวงนำเข้า,Imported Ministry,กระทรวง,,`, `${DEPARTMENT},กรมนำเข้า,Imported Department,กรม / ส่วนราชการ,${MINISTRY},ผู้ทำ`]);
  await upload(page, fixed, "ตรวจสอบไฟล์");
  await expect(page.getByTestId("import-counts")).toHaveText("ใหม่ 2 · เปลี่ยนแปลง 0 · ไม่เปลี่ยนแปลง 0 · ไม่ถูกต้อง 0");
  await expect(preview.getByRole("row", { name: /^3 / })).toContainText("บทบาท สพร. การสนับสนุนแก่หน่วยงาน: ผู้ทำ");
  await switchLanguage(page, "en");
  await upload(page, fixed, "Check file");
  await expect(page.getByTestId("import-counts")).toHaveText("2 new · 0 changed · 0 unchanged · 0 invalid");
  await screenshot(page, "admin-agency-import-preview-en");
  await switchLanguage(page, "th");
  await upload(page, fixed, "ตรวจสอบไฟล์");
  await page.getByRole("button", { name: "นำเข้า 2 แถว" }).click();
  await expect(outcome(page).getByRole("status")).toContainText("นำเข้าแล้ว");
  await screenshot(page, "admin-agency-import-committed-th");

  // The same file again: nothing would change, so there is nothing to import.
  await upload(page, fixed, "ตรวจสอบไฟล์");
  await expect(outcome(page).getByRole("status")).toContainText("ไม่มีสิ่งใดเปลี่ยนแปลง");
  await expect(page.getByTestId("import-counts")).toHaveText("ใหม่ 0 · เปลี่ยนแปลง 0 · ไม่เปลี่ยนแปลง 2 · ไม่ถูกต้อง 0");

  await page.goto("/admin/agencies");
  await expect(page.getByRole("row", { name: new RegExp(DEPARTMENT) })).toContainText(MINISTRY);
  await page.goto("/admin/audit");
  await expect(page.locator("body")).toContainText("agency.import");
});

test("analyst sets targets in the editor and uploads them from a file; values are checked against the indicator's type", async ({ page }) => {
  await signInAs(page, "analyst", "th");
  // Agency import is the administrator's.
  expect((await page.request.post("/api/admin/agencies/import", { multipart: { mode: "preview" }, headers: { origin: new URL(page.url()).origin } })).status()).toBe(403);

  await page.goto("/admin/templates");
  await page.getByRole("link", { name: "ค่าเป้าหมายของตัวชี้วัด (ระดับประเทศและรายหน่วยงาน)" }).click();
  await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
  await page.getByLabel("องค์ประกอบ", { exact: true }).selectOption("agency_support");
  await page.getByRole("button", { name: "แสดง" }).click();
  const sup2 = page.getByRole("region", { name: /SUP-02/ });
  await expect(sup2).toBeVisible();

  // The agency is found by typing part of its name, among those tagged with the component.
  const agencyCode = "01004";
  const agencyPicker = sup2.getByRole("combobox", { name: "หน่วยงาน", exact: true });
  await agencyPicker.fill("งบประมาณ");
  await sup2.getByRole("option", { name: `${agencyCode} สำนักงบประมาณ` }).click();
  await expect(agencyPicker).toHaveValue(`${agencyCode} สำนักงบประมาณ`);
  // A percentage above 100 is refused with the reason; the typed value and the agency chosen stay.
  await sup2.getByLabel("ค่าเป้าหมาย").fill("120");
  await sup2.getByRole("button", { name: "เพิ่มเป้าหมายหน่วยงาน" }).click();
  await expect(sup2.getByText("120 ไม่ใช่ร้อยละระหว่าง 0 ถึง 100")).toBeVisible();
  await expect(sup2.getByLabel("ค่าเป้าหมาย")).toHaveValue("120");
  await expect(agencyPicker).toHaveValue(`${agencyCode} สำนักงบประมาณ`);
  await sup2.getByLabel("ค่าเป้าหมาย").fill("85");
  await sup2.getByRole("button", { name: "เพิ่มเป้าหมายหน่วยงาน" }).click();
  const agencyTarget = sup2.getByLabel(`เป้าหมายของ ${agencyCode} สำหรับ SUP-02`, { exact: false });
  await expect(agencyTarget).toHaveValue("85");
  await expectAccessible(page);
  await screenshot(page, "admin-targets-editor-th");

  // Bulk upload: a bad row blocks the whole file; the fixed file changes the target just set.
  await page.getByRole("link", { name: "อัปโหลดค่าเป้าหมายจากไฟล์ (CSV/XLSX)" }).click();
  const header = "รหัสตัวชี้วัด,รหัสหน่วยงาน,งวด,ค่าเป้าหมาย";
  await upload(page, csv("targets.csv", [header, `SUP-02,${agencyCode},2570Q1,90`, "SUP-02,,2570Q1,ร้อยยี่สิบ", "NOPE-9,,2570Q1,1"]), "ตรวจสอบไฟล์");
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByRole("row", { name: /^3 / })).toContainText('ค่าเป้าหมาย: "ร้อยยี่สิบ" ไม่ใช่ตัวเลข');
  await expect(preview.getByRole("row", { name: /^4 / })).toContainText("ไม่พบรหัสตัวชี้วัด NOPE-9");
  await upload(page, csv("targets.csv", [header, `SUP-02,${agencyCode},2570Q1,90`]), "ตรวจสอบไฟล์");
  await expect(preview.getByRole("row", { name: /^2 / })).toContainText("85 → 90");
  await screenshot(page, "admin-targets-upload-th");
  await page.getByRole("button", { name: "นำเข้า 1 แถว" }).click();
  await expect(outcome(page).getByRole("status")).toContainText("นำเข้าแล้ว");
  await page.goto("/admin/targets?period=2570Q1&component=agency_support");
  await expect(page.getByRole("region", { name: /SUP-02/ }).getByLabel(`เป้าหมายของ ${agencyCode} สำหรับ SUP-02`, { exact: false })).toHaveValue("90");
  await switchLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Targets");
  await screenshot(page, "admin-targets-editor-en");
  await switchLanguage(page, "th");
});

import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// The user and agency forms choose an agency by typing part of its code or name (the pages do not list
// every agency); the user table is paged and searched on the server.

test("admin creates a user for an agency found by typing, then finds the account with the search", async ({ page }) => {
  await signInAs(page, "admin", "th");
  await page.goto("/admin/users");
  const email = `picker-${Date.now()}@example.test`;
  const form = page.locator("form", { has: page.getByRole("heading", { name: "เพิ่มผู้ใช้" }) });
  await form.getByLabel("อีเมล").fill(email);
  await form.getByLabel("ชื่อ-นามสกุล").fill("ผู้ใช้ทดสอบตัวเลือกหน่วยงาน");
  await form.getByLabel("บทบาท").selectOption("agency_officer");
  const agency = form.getByRole("combobox", { name: "หน่วยงาน", exact: true });
  await agency.fill("ปกครอง");
  await expect(form.getByRole("option", { name: "03002 กรมการปกครอง", exact: true })).toBeVisible();
  await screenshot(page, "agency-picker-open-th");
  await form.getByRole("option", { name: "03002 กรมการปกครอง", exact: true }).click();
  await expect(agency).toHaveValue("03002 กรมการปกครอง");
  await expectAccessible(page);
  await form.getByLabel(/รหัสผ่านเริ่มต้น/).fill("picker-password-123");
  await form.getByRole("button", { name: "เพิ่มผู้ใช้" }).click();
  await expect(form.getByText("บันทึกแล้ว")).toBeVisible();

  await page.getByRole("textbox", { name: "ค้นหาชื่อหรืออีเมล" }).fill(email);
  await page.getByRole("button", { name: "ค้นหา", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=/);
  await expect(page.getByText("1 บัญชี", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) })).toContainText("กรมการปกครอง");
});

test("text typed into the picker before the page comes alive is searched once it does", async ({ page }) => {
  await signInAs(page, "admin", "th");
  // The page's scripts are held back until the text is typed: the field is server-rendered HTML only, as on a
  // slow connection (the targets editor met this after its "show" button reloaded the page).
  const held: { continue: () => Promise<void> }[] = [];
  let holding = true;
  await page.route("**/_next/static/chunks/**", (route) => (holding ? void held.push(route) : route.continue()));
  await page.goto("/admin/users", { waitUntil: "commit" });
  const form = page.locator("form", { has: page.getByRole("heading", { name: "เพิ่มผู้ใช้" }) });
  const agency = form.getByRole("combobox", { name: "หน่วยงาน", exact: true });
  await agency.fill("ปกครอง");
  expect(held.length).toBeGreaterThan(0);
  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await expect(form.getByRole("option", { name: "03002 กรมการปกครอง", exact: true })).toBeVisible();
  await expect(agency).toHaveValue("ปกครอง");
});

test("the agency form starts from the current parent and offers only ministries and departments", async ({ page }) => {
  await signInAs(page, "admin", "th");
  await page.goto("/admin/agencies/03002");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "แก้ไขหน่วยงาน" }) });
  const parent = form.getByRole("combobox", { name: "สังกัด", exact: true });
  await expect(parent).toHaveValue("03000 กระทรวงมหาดไทย");
  // A public organization (DGA) cannot have agencies under it: it is not offered.
  await parent.fill("สำนักงานพัฒนารัฐบาลดิจิทัล");
  await expect(form.getByText("ไม่พบหน่วยงานที่ตรงกับ “สำนักงานพัฒนารัฐบาลดิจิทัล”")).toBeVisible();
  await parent.fill("มหาดไทย");
  await form.getByRole("option", { name: "03000 กระทรวงมหาดไทย", exact: true }).click();
  await form.getByRole("button", { name: "บันทึก", exact: true }).click();
  await expect(form.getByText("บันทึกแล้ว")).toBeVisible();
  await expect(parent).toHaveValue("03000 กระทรวงมหาดไทย");
});

test("the picker works at a phone's width, in English", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin", "th");
  await switchLanguage(page, "en");
  await page.goto("/reports");
  await page.getByLabel("Scope").selectOption("agency");
  const agency = page.getByRole("combobox", { name: "Agency", exact: true });
  await agency.fill("03002");
  const option = page.getByRole("option", { name: /^03002 / });
  await expect(option).toBeVisible();
  // The list of matches fits the phone's width (it is not cut off at the right edge).
  const box = await page.getByRole("listbox").boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  await screenshot(page, "agency-picker-open-en-390");
  await option.click();
  await expect(agency).toHaveValue(/^03002 /);
});

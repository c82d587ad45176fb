import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// The catalogue in the app: an administrator defines a KPI of a platform, changes its direction from a
// later quarter (the quarters before keep theirs), and the platform's page shows the KPI.

test("admin creates an indicator, changes its direction from a later quarter, and the platform page shows it", async ({ page }) => {
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  await signInAs(page, "admin", "th");
  await page.goto("/admin/indicators");
  await page.getByText("เพิ่มตัวชี้วัด").click();
  const form = page.locator("form", { has: page.locator("#new-indicator-code") });
  await form.getByLabel(/^รหัส \*/).fill(code);
  await form.getByLabel(/^ชื่อภาษาไทย/).fill("ร้อยละขององค์กรปกครองส่วนท้องถิ่นที่ส่งงบการเงินผ่าน e-LAAS");
  await form.getByLabel(/^ชื่อภาษาอังกฤษ/).fill("Local administrations filing statements through e-LAAS");
  await form.getByLabel(/^องค์ประกอบ \*/).selectOption("downstream");
  await form.getByLabel(/^แพลตฟอร์ม/).selectOption("svc.elaas");
  await form.getByLabel(/^นิยาม \(ไทย\)/).fill("ร้อยละขององค์กรปกครองส่วนท้องถิ่นที่ส่งงบการเงินประจำปีผ่าน e-LAAS ภายในกำหนด");
  await form.getByLabel(/^นิยาม \(อังกฤษ\)/).fill("Share of local administrations filing their annual statements through e-LAAS on time.");
  await form.getByLabel(/^หน่วยนับ \(ไทย\)/).fill("ร้อยละ");
  await form.getByLabel(/^หน่วยนับ \(อังกฤษ\)/).fill("percent");
  await form.getByLabel(/^ชนิดค่า/).selectOption("percent");
  await form.getByRole("button", { name: "เพิ่ม", exact: true }).click();
  await expect(form.getByText("เพิ่มแล้ว")).toBeVisible();
  await form.getByRole("link", { name: "เปิดดู" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
  await expectAccessible(page);
  // A new definition from a quarter not begun yet: lower is better from then on.
  const version = page.locator("form", { has: page.locator("#version-effectiveFrom") });
  const from = await version.getByLabel(/^ใช้ตั้งแต่ไตรมาส/).inputValue();
  await version.getByLabel(/^ทิศทาง/).selectOption("lower");
  await version.getByRole("button", { name: "เริ่มรุ่นใหม่" }).click();
  await expect(version.getByText("เริ่มนิยามรุ่นใหม่แล้ว")).toBeVisible();
  const history = page.locator("table", { has: page.getByRole("columnheader", { name: "รุ่น" }) });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row").nth(1)).toContainText("ตั้งแต่เริ่มต้น");
  await expect(history.getByRole("row").nth(1)).toContainText("ยิ่งสูงยิ่งดี");
  await expect(history.getByRole("row").nth(2)).toContainText(from.slice(0, 4));
  await expect(history.getByRole("row").nth(2)).toContainText("ยิ่งต่ำยิ่งดี");
  await screenshot(page, "catalogue-indicator-th");

  await page.goto("/platforms/svc.elaas");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("e-LAAS");
  await expect(page.getByRole("heading", { name: new RegExp(code) })).toBeVisible();
  await expect(page.getByRole("heading", { name: /DOWN-18/ })).toBeVisible();
  await expect(page.getByText("กรมส่งเสริมการปกครองท้องถิ่น").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "catalogue-platform-th");
});

test("the platform list, the registry and the components' words are accessible, in English too", async ({ page }) => {
  await signInAs(page, "admin", "en");
  await page.goto("/platforms");
  await expect(page.getByRole("link", { name: /info\.go\.th/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "catalogue-platforms-en");
  for (const path of ["/admin/platforms", "/admin/components", "/admin/indicators"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
  await screenshot(page, "catalogue-admin-indicators-en");
  // The registry edits one platform at a time.
  await page.goto("/admin/platforms");
  await page.getByRole("link", { name: /^Edit .*GFMIS/ }).click();
  await expect(page.getByRole("heading", { name: /Edit platform: .*GFMIS/ })).toBeVisible();
  await expect(page.getByLabel(/^Owner agency/)).toHaveValue("02002");
  await switchLanguage(page, "th");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/platforms/svc.info_go_th");
  await expect(page.getByRole("heading", { name: /DOWN-11/ })).toBeVisible();
  await screenshot(page, "catalogue-platform-mobile-th");
});

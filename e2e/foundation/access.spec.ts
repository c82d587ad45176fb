import { DEMO, expect, signInAs, test } from "../support/fixtures";

// Codes from the demo data: the officer's own agency and another one.
const OWN = DEMO.byRole("agency_officer").agencyCode!;
const OTHER = DEMO.otherAgencyOfficer().agencyCode!;

test.describe("access is enforced by the server", () => {
  test("an agency officer gets 403 on admin pages and 404 on another agency's data", async ({ page }) => {
    await signInAs(page, "agency_officer");
    for (const path of ["/admin/users", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("ไม่มีสิทธิ์เข้าถึง");
    }
    const other = await page.goto(`/agencies/${OTHER}`);
    expect(other?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ไม่พบหน้าที่ต้องการ");

    const api = await page.request.get(`/api/agencies/${OTHER}`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toEqual({ error: "not_found" });

    const own = await page.goto(`/agencies/${OWN}`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("กรมการปกครอง");
    expect((await page.request.get(`/api/agencies/${OWN}`)).status()).toBe(200);
  });

  test("the agency list sends an officer to their own agency", async ({ page }) => {
    await signInAs(page, "agency_officer");
    await page.goto("/agencies");
    await expect(page).toHaveURL(new RegExp(`/agencies/${OWN}$`));
  });

  test("an executive sees every agency but not the admin pages", async ({ page }) => {
    await signInAs(page, "executive");
    expect((await page.goto("/admin/users"))?.status()).toBe(403);
    expect((await page.goto(`/agencies/${OTHER}`))?.status()).toBe(200);
    await page.goto("/agencies");
    await expect(page.getByRole("status").first()).toContainText("หน่วยงาน");
    expect(await page.locator("table.data tbody tr").count()).toBeGreaterThanOrEqual(40);
  });

  test("signed-out requests are refused: pages redirect to sign-in, the API answers 401", async ({ page, request }) => {
    expect((await request.get(`/api/agencies/${OWN}`)).status()).toBe(401);
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fusers/);
  });

  test("an admin can open the user list and the audit log, which records sign-ins", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    await expect(page.getByRole("cell", { name: DEMO.byRole("agency_officer").email })).toBeVisible();
    await page.goto("/admin/audit?action=auth.sign_in");
    await expect(page.locator("table.data tbody tr").first()).toContainText("auth.sign_in");
  });
});

import { expect, expectAccessible, screenshot, signInAs, test, switchLanguage } from "../support/fixtures";

const DGA = "01002";

test.describe("pages in Thai and English", () => {
  test("the sign-in page is accessible in both languages", async ({ page }) => {
    await page.goto("/signin");
    await expectAccessible(page);
    await screenshot(page, "signin-th");
    await switchLanguage(page, "en");
    await expectAccessible(page);
    await screenshot(page, "signin-en");
  });

  test("the home page shows the seven components with live counts", async ({ page }) => {
    await signInAs(page, "executive");
    const map = page.getByRole("region", { name: "แผนผังระบบนิเวศ: ห่วงโซ่คุณค่าและองค์ประกอบที่ส่งเสริม" });
    const cards = map.getByRole("link");
    await expect(cards).toHaveCount(7);
    await expect(cards.first()).toContainText("ต้นน้ำ");
    for (const card of await cards.all()) {
      // e.g. "12 หน่วยงาน": every component has agencies and indicators in the demo data.
      await expect(card).toContainText(/[1-9]\d* หน่วยงาน/);
      await expect(card).toContainText(/[1-9]\d* ตัวชี้วัด/);
    }
    await expect(page.getByText("ไตรมาส 1 ปีงบประมาณ 2570")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "home-th");
    await switchLanguage(page, "en");
    const mapEn = page.getByRole("region", { name: "Ecosystem map: the value chain and its enablers" });
    await expect(mapEn.getByRole("link").first()).toContainText("Upstream");
    await screenshot(page, "home-en");
  });

  test("a component page lists its elements, indicators, services and agencies", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/");
    await page.getByRole("link", { name: /^องค์ประกอบที่ 3 ปลายน้ำ/ }).click();
    await expect(page).toHaveURL(/\/components\/downstream$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ปลายน้ำ");
    // Three views: the figures first, then the indicators with the elements, then the services and agencies.
    await expect(page.locator("article.indicator-card").first()).toBeVisible();
    const views = page.getByRole("navigation", { name: "มุมมองขององค์ประกอบ" });
    await views.getByRole("link", { name: "ตัวชี้วัดและเป้าหมาย" }).click();
    await expect(page.getByRole("heading", { name: "องค์ประกอบย่อย" })).toBeVisible();
    await expect(page.getByRole("table").first()).toBeVisible();
    await views.getByRole("link", { name: "บริการและหน่วยงาน" }).click();
    await expect(page.getByRole("heading", { name: "หน่วยงานที่มีส่วนร่วมและบทบาทของ สพร." })).toBeVisible();
    await expect(page.getByText("ทางรัฐ").first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "component-th");
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Downstream/);
    await screenshot(page, "component-en");
  });

  test("agencies can be filtered by ministry, and a profile shows DGA's roles", async ({ page }) => {
    await signInAs(page, "analyst");
    await page.goto("/agencies");
    await page.getByLabel("กระทรวง / สังกัด").selectOption({ label: "กระทรวงการคลัง" });
    await page.getByRole("button", { name: "กรอง" }).click();
    await expect(page).toHaveURL(/ministry=/);
    await expect(page.getByRole("link", { name: "กรมสรรพากร" })).toBeVisible();
    await expect(page.getByRole("link", { name: "กรมการปกครอง" })).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, "agencies-th");

    await page.goto(`/agencies/${DGA}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("สำนักงานพัฒนารัฐบาลดิจิทัล");
    await expect(page.getByRole("region", { name: "องค์ประกอบที่มีส่วนร่วม" }).getByRole("listitem")).toHaveCount(7);
    await expectAccessible(page);
    await screenshot(page, "agency-th");
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Digital Government Development Agency");
    await screenshot(page, "agency-en");
  });

  test("bad filter values in the URL are ignored with a notice, not an error page", async ({ page }) => {
    await signInAs(page, "analyst");
    const response = await page.goto("/agencies?type=<script>&ministry=' OR 1=1 --");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("ค่าตัวกรองบางรายการไม่ถูกต้องและถูกละไว้")).toBeVisible();
    expect(await page.locator("table.data tbody tr").count()).toBeGreaterThanOrEqual(40);
  });

  test("indicators show quarterly targets and DGA's SROI of at least 1 : 5", async ({ page }) => {
    await signInAs(page, "executive");
    await page.goto("/indicators");
    await expect(page.getByRole("cell", { name: "ME-SROI" })).toBeVisible();
    const ratios = await page.locator(".stat__value").allTextContents();
    const values = ratios.filter((r) => r.startsWith("1 : ")).map((r) => Number(r.slice(4)));
    // FY 2564 and 2565 from the source document, and the demo's FY 2569 (ME-SROI is derived from it).
    expect(values.length).toBe(3);
    for (const v of values) expect(v).toBeGreaterThanOrEqual(5);
    await expectAccessible(page);
    await screenshot(page, "indicators-th");
    await switchLanguage(page, "en");
    await screenshot(page, "indicators-en");

    // Each indicator's name opens its dictionary entry.
    await page.getByRole("link", { name: "Share of critical information systems running on the government cloud (GDCC)" }).click();
    await expect(page).toHaveURL(/\/indicators\/UP-01$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("UP-01");
    await expect(page.getByRole("heading", { name: "Indicator dictionary" })).toBeVisible();
    await expect(page.getByRole("term").filter({ hasText: "Formula" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "indicator-dictionary-en");
  });

  test("admin pages render in both languages", async ({ page }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    await expectAccessible(page);
    await screenshot(page, "admin-users-en");
    await page.goto("/admin/audit");
    await expectAccessible(page);
    await screenshot(page, "admin-audit-en");
    await switchLanguage(page, "th");
    await screenshot(page, "admin-audit-th");
  });
});

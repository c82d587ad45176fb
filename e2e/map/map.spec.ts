import type { Page } from "@playwright/test";
import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

const drawing = (page: Page, name = "แผนที่ความสัมพันธ์ระบบนิเวศ (แผนภาพ)") => page.getByRole("group", { name });

/** Tabs forward until the focused element's text matches, at most `limit` presses; returns the presses. */
async function tabTo(page: Page, text: string, limit = 200): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    if (focused === text) return i;
  }
  throw new Error(`never reached "${text}" with Tab`);
}

test.describe("the ecosystem relationship map", () => {
  test("an executive walks the map by keyboard from the components to a platform, filters by ministry and reads the table", async ({ page }) => {
    test.slow();
    await signInAs(page, "executive");
    // The home page and the main navigation lead to the map.
    await page.goto("/");
    await page.getByRole("link", { name: /เปิดแผนที่ความสัมพันธ์ระบบนิเวศ/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "แผนที่ความสัมพันธ์ระบบนิเวศ" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "แผนที่ระบบนิเวศ" })).toBeVisible();

    const map = drawing(page);
    await expect(map).toBeVisible();
    // The chain, the enablers, DGA with its role toward each component, in words.
    for (const name of ["ต้นน้ำ", "กลางน้ำ", "ปลายน้ำ"]) await expect(map.getByRole("link", { name: new RegExp(`^${name}`) }).first()).toBeVisible();
    await expect(map).toContainText("สพร. (DGA) · Smart Connector");
    await expect(map).toContainText("สพร.: ผู้นำ");
    await expect(map.locator(".eco-node--component .status")).toHaveCount(7);
    for (const status of await map.locator(".eco-node--component .status").allTextContents()) {
      expect(status).toMatch(/ตามเป้า|เฝ้าระวัง|ต่ำกว่าเป้า|ยังไม่มีข้อมูล|ไม่มีเป้าหมาย/);
    }
    // Agencies are counted, not drawn, until asked for.
    await expect(map.locator(".eco-node--agency")).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, "map-th");

    // Keyboard: Tab reaches a component, its figures show on focus; on to a platform; Enter opens it.
    await page.getByRole("heading", { level: 1 }).click();
    await tabTo(page, "ต้นน้ำ");
    const upstream = map.locator(".eco-node--component", { has: page.locator(":focus") });
    await expect(upstream.getByRole("tooltip")).toBeVisible();
    await expect(upstream.getByRole("tooltip")).toContainText(/คะแนน|ยังไม่มีตัวชี้วัด/);
    await tabTo(page, "บริการระบบคลาวด์กลางภาครัฐ (GDCC)");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/platforms\/svc\.gdcc$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("GDCC");
    await page.goBack();

    // Agencies on demand, by keyboard too: upstream's, capped, with a link to the rest.
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.getByRole("heading", { level: 1 }).click();
    await tabTo(page, "แสดงหน่วยงาน");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]agencies=upstream/);
    const listed = drawing(page).locator(".eco-node--agency");
    await expect(listed.first()).toBeVisible();
    expect(await listed.count()).toBeLessThanOrEqual(8);
    await expect(drawing(page).getByRole("link", { name: /^และอีก \d+ แห่ง$/ })).toHaveAttribute("href", "/components/upstream?view=agencies#contributors-heading");
    await expect(drawing(page).getByRole("link", { name: "ซ่อนหน่วยงาน" })).toHaveAttribute("aria-expanded", "true");

    // The ministry filter: that ministry's agencies in each part, the status for its scope.
    await page.getByLabel("กระทรวง", { exact: true }).selectOption({ label: "กระทรวงการคลัง" });
    await page.getByRole("button", { name: "แสดงผล" }).click();
    await expect(page).toHaveURL(/[?&]ministry=02000/);
    await expect(page.getByRole("heading", { level: 2, name: /กระทรวงการคลัง/ })).toBeVisible();
    const agencyNodes = drawing(page).locator(".eco-node--agency");
    await expect(agencyNodes.first()).toBeVisible();
    await expect(drawing(page).getByRole("link", { name: "กรมสรรพากร" }).first()).toBeVisible();

    // The table alternative: the same nodes, status in words, connections; the link to it unfolds it.
    await page.getByRole("link", { name: "ไปยังแผนที่ในรูปแบบตาราง" }).click();
    const nodes = page.getByRole("table", { name: "โหนดของแผนที่" });
    await expect(nodes).toBeVisible();
    const upstreamRow = nodes.getByRole("row", { name: /^ต้นน้ำ องค์ประกอบ/ });
    await expect(upstreamRow).toContainText("องค์ประกอบ");
    await expect(upstreamRow).toContainText(/ตามเป้า|เฝ้าระวัง|ต่ำกว่าเป้า|ยังไม่มีข้อมูล|ไม่มีเป้าหมาย/);
    await expect(upstreamRow).toContainText("ผู้นำ");
    await expect(nodes.getByRole("link", { name: "กรมสรรพากร" }).first()).toBeVisible();
    await expect(page.getByRole("table", { name: "เส้นเชื่อมของแผนที่" }).getByRole("row", { name: /สพร\. \(DGA\).*สพร\.: ผู้นำ.*ต้นน้ำ/ })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "map-ministry-th");

    // English, with Buddhist-era quarters.
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1, name: "Ecosystem relationship map" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Q\d\/25\d\d · Ministry of Finance/ })).toBeVisible();
    await expect(drawing(page, "Ecosystem relationship map (drawing)")).toContainText("DGA: Leader");
    await screenshot(page, "map-en");
  });

  test("zooms and pans, and shows an agency officer counts without other agencies' names", async ({ page }) => {
    await signInAs(page, "agency_officer");
    await page.goto("/map?ministry=02000&agencies=upstream");
    const map = drawing(page);
    await expect(map).toBeVisible();
    // No ministry filter for the role, and no agency names.
    await expect(page.getByLabel("กระทรวง", { exact: true })).toHaveCount(0);
    await expect(map.locator(".eco-node--agency")).toHaveCount(0);
    await expect(map.getByRole("link", { name: "แสดงหน่วยงาน" })).toHaveCount(0);
    await expect(map.locator(".eco-node--agencies").first()).toContainText(/หน่วยงาน [\d,]+ แห่ง/);

    const viewport = map.locator(".react-flow__viewport");
    const before = await viewport.getAttribute("style");
    await map.getByRole("button", { name: "ขยาย" }).click();
    await expect(viewport).not.toHaveAttribute("style", before ?? "");
    await map.getByRole("button", { name: "แสดงทั้งแผนที่" }).click();
    await screenshot(page, "map-officer-th");
  });

  test("fits a 390 px phone in Thai and English", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, "analyst");
    await page.goto("/map");
    await expect(drawing(page)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "map-mobile-th");
    await switchLanguage(page, "en");
    await expect(drawing(page, "Ecosystem relationship map (drawing)")).toBeVisible();
    await screenshot(page, "map-mobile-en");
  });
});

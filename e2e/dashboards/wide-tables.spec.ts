import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signInAs, test } from "../support/fixtures";

// A table wider than a phone scrolls inside its own box, which a keyboard user must be able to reach and
// scroll (axe: scrollable-region-focusable). The box learns whether it scrolls from the page's scripts; on a
// slow connection the page is read before they arrive, and a CI run's axe check met a box without its stop.

const CAPTION = "ประวัติการรายงานและคุณภาพข้อมูลรายไตรมาส";

test("a wide table is reachable by keyboard before the page's scripts arrive, and once they have", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "executive", "th");
  const held: { continue: () => Promise<void> }[] = [];
  let holding = true;
  await page.route(/\/_next\/static\/chunks\/.*\.js(\?|$)/, (route) => (holding ? void held.push(route) : route.continue()));
  await page.goto("/agencies/01002", { waitUntil: "commit" });
  await expect(page.getByRole("heading", { name: "แบบประเมินตนเองของหน่วยงาน" })).toBeVisible();
  expect(held.length, "the page's scripts were held back").toBeGreaterThan(0);
  // The server's tables: each box wider than its content's room must already be a keyboard stop.
  const boxes = await page.locator(".table-wrap").evaluateAll((elements) =>
    elements.map((element) => ({ scrolls: element.scrollWidth > element.clientWidth + 1, tabIndex: element.getAttribute("tabindex") })),
  );
  expect(boxes.filter((box) => box.scrolls).length, "a table scrolls at 390 px").toBeGreaterThan(0);
  expect(boxes.filter((box) => box.scrolls && box.tabIndex !== "0")).toEqual([]);
  await expectAccessible(page);

  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  // The agency's figures load after the page; their history scrolls at 390 px: a stop, a region named by its caption.
  const history = page.locator("table", { has: page.locator("caption", { hasText: CAPTION }) });
  const box = page.locator(".table-wrap", { has: history });
  await expect(page.getByRole("region", { name: CAPTION })).toBeVisible();
  await box.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);

  // On a desktop the same table fits: no stop in the tab order for a box with nothing to scroll.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(box).not.toHaveAttribute("tabindex");
  await expect(page.getByRole("region", { name: CAPTION })).toHaveCount(0);
  await expectAccessible(page);
});

/** The tallest body row of the page's tables, in pixels. */
const tallestRow = (page: Page) =>
  page.locator(".table-wrap table.data tbody tr").evaluateAll((rows) => Math.max(0, ...rows.map((row) => Math.round(row.getBoundingClientRect().height))));

test("on a phone the worklist's rows stay a few lines tall: its tables scroll sideways instead of stacking a word a line", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "analyst", "th");
  for (const url of ["/lagging", `/lagging/${DEMO.otherAgencyOfficer().agencyCode}`]) {
    await page.goto(url);
    await expect(page.locator(".table-wrap table.data tbody tr").first()).toBeVisible();
    // Before: 350-500 px a row, the reasons a column of single words 25-70 px wide.
    expect(await tallestRow(page), url).toBeLessThan(260);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `${url}: the page itself does not scroll sideways`).toBeLessThanOrEqual(390);
  }
});

test("on a phone the admin's quarters and accounts keep their columns readable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "admin", "th");
  // Before the columns' floors: 457 px rows of quarters (their opening and publishing forms a word wide), 328 px of accounts.
  for (const url of ["/admin/periods", "/admin/users"]) {
    await page.goto(url);
    await expect(page.locator(".table-wrap table.data tbody tr").first()).toBeVisible();
    expect(await tallestRow(page), url).toBeLessThan(260);
  }
});

test("on a phone the indicator list's tables keep their names and outcomes readable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "analyst", "th");
  await page.goto("/indicators");
  await expect(page.locator(".table-wrap table.data tbody tr").first()).toBeVisible();
  // Before the columns' floors: 382 px rows of SROI outcomes, a word wide beside their stakeholders.
  expect(await tallestRow(page)).toBeLessThan(260);
});

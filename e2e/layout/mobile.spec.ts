import { readdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import type { Role } from "../../core/enums";
import { DEMO, expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// A phone (390 × 844, an iPhone 12–15): officers of local administrations fill in their forms on one.
// Every page a user can reach must fit its width: a table may scroll inside its own region, the page may not.
const PHONE = { width: 390, height: 844 };
const PERIOD = "2570Q1";
const DGA = "01002";
const OFFICER_AGENCY = DEMO.byRole("agency_officer").agencyCode!;
// The demo data flags the Revenue Department in 2570Q1: a case about it gives /cases/[id] a page to show.
const FLAGGED_AGENCY = DEMO.otherAgencyOfficer().agencyCode!;

test.use({ viewport: PHONE });

/** The app's page routes as patterns, from the route tree (app/**\/page.tsx): "/agencies/[code]" etc. */
function routePatterns(dir = path.join(process.cwd(), "app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "page.tsx") routes.push(prefix || "/");
    if (entry.isDirectory() && entry.name !== "api") routes.push(...routePatterns(path.join(dir, entry.name), `${prefix}/${entry.name}`));
  }
  return routes;
}

function matches(pattern: string, url: string): boolean {
  const pathname = new URL(url, "http://x").pathname;
  const regex = new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
  return regex.test(pathname);
}

/** Ids created by the first test for the pages that need a record: a follow-up case and a report. */
const created: { caseId?: string; reportId?: string; groupCaseId?: string } = {};

/** A page's address with the records the first test created ({case}, {report}, {group}) filled in. */
const withRecords = (path: string) => path.replace("{case}", created.caseId!).replace("{report}", created.reportId!).replace("{group}", created.groupCaseId!);

/** The pages each demo role reaches: its menu, the pages linked from them, and one record of each kind. */
function pagesFor(role: Role | "signed_out"): string[] {
  const common = ["/", "/map", "/components/upstream", "/components/downstream", "/indicators", "/platforms", "/platforms/svc.gdcc", "/notifications"];
  switch (role) {
    case "signed_out":
      // The public pages: the scorecard of the quarter the first test publishes, its open data, the API's guide.
      return ["/signin", "/set-password", "/forgot-password", "/scorecard", "/scorecard/2569/4", "/open-data", "/api-docs"];
    case "agency_officer":
    case "agency_head":
      return [
        ...common,
        `/agencies/${OFFICER_AGENCY}`,
        `/agencies/${OFFICER_AGENCY}?period=${PERIOD}`,
        `/submissions/${OFFICER_AGENCY}/${PERIOD}/cybersecurity`,
        `/submissions/${OFFICER_AGENCY}/${PERIOD}/midstream`,
        `/submissions/${OFFICER_AGENCY}/${PERIOD}/downstream`,
        `/lagging/${OFFICER_AGENCY}`,
        "/reports",
        "/settings/notifications",
        // The head manages their agency's officers.
        ...(role === "agency_head" ? ["/team", "/team/import"] : []),
      ];
    case "ministry_reviewer":
      // The Ministry of Interior's reviewer: its queue, and a department's form waiting for them.
      return [...common, "/review", `/submissions/03004/${PERIOD}/midstream`];
    case "province_reviewer":
      return [...common, "/review", `/submissions/03101/${PERIOD}/downstream`];
    case "executive":
      return [...common, "/agencies", `/agencies/${DGA}`, "/lagging", `/lagging/${FLAGGED_AGENCY}`, "/completeness", "/reports", "/asks"];
    case "analyst":
      return [
        ...common,
        `/?period=${PERIOD}`,
        `/map?period=${PERIOD}&agencies=upstream,downstream`,
        "/agencies",
        `/agencies/${DGA}`,
        `/agencies/${FLAGGED_AGENCY}?period=${PERIOD}`,
        "/lagging",
        `/lagging/${FLAGGED_AGENCY}`,
        "/cases/{case}",
        "/cases/group/{group}",
        `/lagging?period=${PERIOD}&group=ministry`,
        "/indicators/MID-01",
        "/asks",
        "/settings/notifications",
        "/imports",
        "/imports/rules",
        "/review",
        `/review?status=all&period=${PERIOD}`,
        `/submissions/${FLAGGED_AGENCY}/${PERIOD}/downstream`,
        "/completeness",
        "/reports",
        "/reports/{report}/print",
        "/admin",
        "/admin/periods",
        "/admin/templates",
        "/admin/targets",
        "/admin/targets/import",
        "/admin/indicators",
        "/admin/indicators/MID-01",
        "/admin/sroi",
      ];
    case "admin":
      return [
        "/",
        "/admin",
        "/admin/users",
        "/admin/audit",
        "/admin/jobs",
        "/admin/agencies",
        `/admin/agencies/${OFFICER_AGENCY}`,
        "/admin/agencies/import",
        "/admin/periods",
        "/admin/rules",
        "/admin/templates",
        "/admin/targets",
        "/admin/targets/import",
        "/admin/platforms",
        "/admin/components",
        "/admin/review-chains",
        "/admin/api-tokens",
        "/admin/asks",
      ];
  }
}

const ROLES = ["signed_out", "agency_officer", "agency_head", "executive", "analyst", "admin", "ministry_reviewer", "province_reviewer"] as const;
const PAGES_PER_TEST = 8;

function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

/** How far the page reaches past the window's right edge, and the elements that stick out (for the message). */
async function overflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // What sticks out and is not clipped by a scrolling ancestor (absolute boxes escape one that is not positioned).
    const clipped = (el: Element) => {
      if (["absolute", "fixed"].includes(getComputedStyle(el).position)) return false;
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== "visible") return true;
      }
      return false;
    };
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5 && !clipped(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
  });
}

async function newPhonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale: "th-TH", timezoneId: "Asia/Bangkok" });
  return context.newPage();
}

test.describe("a phone-sized window (390 px)", () => {
  test.describe.configure({ mode: "serial" });

  test("the pages that need a record get one: a follow-up case and a report", async ({ browser }) => {
    const analyst = await newPhonePage(browser);
    await signInAs(analyst, "analyst");
    // A lagging agency of the default quarter without a case yet.
    await analyst.goto("/lagging");
    await analyst.locator("tbody tr", { hasText: "ยังไม่มีเรื่องติดตาม" }).first().getByRole("link").first().click();
    await analyst.waitForURL(/\/lagging\/[^/?]+/);
    const form = analyst.locator("form", { has: analyst.getByRole("heading", { name: "เปิดเรื่องติดตาม" }) });
    await form.getByRole("checkbox").first().check();
    await form.getByLabel("ผู้รับผิดชอบ").selectOption({ label: DEMO.byRole("analyst").name });
    await form.getByLabel("กำหนดแล้วเสร็จ").fill("2027-01-31");
    await form.getByLabel("แผนการดำเนินการ").fill("ประชุมร่วมกับหน่วยงานเพื่อเร่งรัด");
    await form.getByRole("button", { name: "เปิดเรื่องติดตาม" }).click();
    // The case is listed (the form goes once no flag is left without a case).
    const caseLink = analyst.getByRole("link", { name: /^เรื่องติดตามที่ \d+$/ }).first();
    await expect(caseLink).toBeVisible();
    created.caseId = /\/cases\/(\d+)/.exec((await caseLink.getAttribute("href"))!)![1];

    await analyst.goto("/reports");
    await analyst.getByLabel(/ไตรมาส/).first().selectOption(PERIOD);
    await analyst.getByRole("radio", { name: /^CSV/ }).check();
    await analyst.getByRole("button", { name: "สร้างรายงาน" }).click();
    await expect(analyst.getByTestId("report-download")).toBeVisible({ timeout: 0 });
    await analyst.reload();
    created.reportId = (await analyst.getByTestId("report-archive").locator("tr[data-report-id]").first().getAttribute("data-report-id"))!;

    // A ministry's case (from the worklist's ministry tab) and a quarter published as open data.
    await analyst.goto(`/lagging?period=${PERIOD}&group=ministry`);
    await analyst.getByRole("button", { name: /^เปิดเรื่องติดตามสำหรับ / }).first().click();
    const groupLink = analyst.getByRole("link", { name: /^เรื่องที่ \d+$/ }).first();
    await expect(groupLink).toBeVisible();
    created.groupCaseId = /\/cases\/group\/(\d+)/.exec((await groupLink.getAttribute("href"))!)![1];
    await analyst.goto("/admin/periods");
    await analyst.getByRole("button", { name: /^เผยแพร่เป็นข้อมูลเปิด .*4.*2569/ }).click();
    await expect(analyst.getByText("เผยแพร่แล้ว").first()).toBeVisible();
    expect(created.groupCaseId).toMatch(/^\d+$/);
    expect(created.caseId).toMatch(/^\d+$/);
    expect(created.reportId).toMatch(/^\d+$/);
    await analyst.context().close();
  });

  // Most pages are the same for every role that reaches them, so the checks that do not depend on the role
  // run once per page address, as the first role in ROLES that visits it: axe (the slow check; in Thai, as
  // the markup is the same in both languages) and the English pass. Every role's every page is checked for
  // width in Thai, where the menu and the role's own panels differ.
  const firstRole = new Map<string, (typeof ROLES)[number]>();
  for (const role of ROLES) for (const url of pagesFor(role)) if (!firstRole.has(url)) firstRole.set(url, role);
  const pagesIn = (role: (typeof ROLES)[number], locale: "th" | "en") => pagesFor(role).filter((url) => locale === "th" || firstRole.get(url) === role);

  // One test per role, language and handful of pages: each is short, and a failure names its pages.
  for (const role of ROLES) {
    for (const locale of ["th", "en"] as const) {
      for (const [part, urls] of chunks(pagesIn(role, locale), PAGES_PER_TEST).entries()) {
        test(`the ${role}'s pages fit the width in ${locale === "th" ? "Thai, and pass axe" : "English"} (part ${part + 1})`, async ({ page }) => {
          if (role === "signed_out") {
            await page.goto("/signin");
            await switchLanguage(page, locale);
          } else {
            await signInAs(page, role, locale);
          }
          for (const pattern of urls) {
            const url = withRecords(pattern);
            const response = await page.goto(url);
            expect(response?.status(), `${url} (${locale})`).toBe(200);
            await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
            const { scrollWidth, innerWidth, culprits } = await overflow(page);
            expect(scrollWidth, `${url} (${locale}) is wider than the window; sticking out: ${culprits.join(", ")}`).toBeLessThanOrEqual(innerWidth);
            if (locale === "th" && firstRole.get(pattern) === role) await expectAccessible(page);
          }
        });
      }
    }
  }

  test("the pages visited cover every page route of the app", () => {
    const visited = ROLES.flatMap((role) => pagesFor(role));
    const missing = routePatterns().filter((pattern) => !visited.some((url) => matches(pattern, url)));
    expect(missing).toEqual([]);
  });

  test("the menu: a button opens it, the keyboard reaches it, Escape closes it, a link in it navigates", async ({ page }) => {
    await signInAs(page, "agency_officer");
    await page.goto(`/submissions/${OFFICER_AGENCY}/${PERIOD}/cybersecurity`);
    const button = page.getByRole("button", { name: "เมนู" });
    // The header's navigation (the breadcrumb below it carries the same name).
    const nav = page.getByRole("banner").getByRole("navigation", { name: "เมนูหลัก" });
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    // The header is one row: the product name, the language switch and the menu button.
    const header = await page.locator(".app-header").boundingBox();
    expect(header!.height).toBeLessThan(80);

    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expect(page.locator(`#${await button.getAttribute("aria-controls")}`)).toBeVisible();
    await expect(page.getByRole("banner").getByText(DEMO.byRole("agency_officer").name)).toBeVisible();
    await expect(page.getByRole("button", { name: "ออกจากระบบ" })).toBeVisible();
    expect((await overflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page);
    await screenshot(page, "mobile-menu-open-th");

    // The keyboard: Tab from the button goes into the menu; Escape closes it and returns to the button.
    await button.focus();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link").first()).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    await expect(button).toBeFocused();

    // Opened with the keyboard, a link in it navigates, and the menu closes on the new page.
    await page.keyboard.press("Enter");
    await expect(nav).toBeVisible();
    await nav.getByRole("link", { name: "ตัวชี้วัด" }).click();
    await expect(page).toHaveURL(/\/indicators$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ตัวชี้วัดและค่าเป้าหมาย");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();

    await switchLanguage(page, "en");
    const buttonEn = page.getByRole("button", { name: "Menu" });
    await buttonEn.click();
    await expect(page.getByRole("banner").getByRole("navigation", { name: "Main navigation" })).toBeVisible();
    await screenshot(page, "mobile-menu-open-en");
    await switchLanguage(page, "th");
  });

  test("on a desktop (1280 px) the menu stays a row of links with no button", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInAs(page, "agency_officer");
    await expect(page.getByRole("banner").getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "ตัวชี้วัด" })).toBeVisible();
    await expect(page.getByRole("button", { name: "เมนู" })).toBeHidden();
    await expect(page.getByRole("banner").getByText(DEMO.byRole("agency_officer").name)).toBeVisible();
    await screenshot(page, "desktop-home-th");
  });

  test("screenshots at 390 px in Thai and English", async ({ page }) => {
    const shots: [Role, string, string][] = [
      ["agency_officer", "/", "overview"],
      ["agency_officer", "/components/downstream", "component"],
      ["agency_officer", `/agencies/${OFFICER_AGENCY}?period=${PERIOD}`, "agency"],
      ["agency_officer", `/submissions/${OFFICER_AGENCY}/${PERIOD}/cybersecurity`, "assessment"],
      ["analyst", `/lagging?period=${PERIOD}`, "lagging"],
    ];
    for (const locale of ["th", "en"] as const) {
      let current: Role | undefined;
      for (const [role, url, name] of shots) {
        if (role !== current) {
          await page.context().clearCookies();
          await signInAs(page, role, locale);
          current = role;
        }
        await page.goto(url);
        await screenshot(page, `mobile-${name}-${locale}`);
      }
      await page.context().clearCookies();
    }
  });
});

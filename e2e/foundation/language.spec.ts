import { expect, signIn, signInAs, test, switchLanguage, DEMO } from "../support/fixtures";

test.describe("language", () => {
  test("Thai is the default and the switch on the sign-in page changes every label", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", "th");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("เข้าสู่ระบบ");
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page.getByLabel("Password")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  });

  test("a signed-in user's choice persists across pages, reloads and new sessions", async ({ page, browser }) => {
    await signInAs(page, "analyst");
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("The digital-government ecosystem");
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Indicators" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicators and targets");
    // Buddhist-era fiscal years keep their official name in English too.
    await expect(page.getByRole("combobox", { name: "Fiscal year" })).toContainText("2570");

    // A fresh browser (no cookie) adopts the language saved in the profile at sign-in.
    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, DEMO.byRole("analyst").email);
    await expect(other.locator("html")).toHaveAttribute("lang", "en");
    await switchLanguage(other, "th");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("ระบบนิเวศการขับเคลื่อนรัฐบาลดิจิทัล");
    await context.close();
  });
});

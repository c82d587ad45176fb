import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type APIRequestContext, type Page } from "@playwright/test";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "../../scripts/seed/data/users";
import type { Role } from "../../core/enums";
import { childrenMark, reapChildren } from "../../tests/support/child-processes";
import { LOCALE_COOKIE } from "../../i18n/locale";
import { currentOrigin } from "./env";

export { expect };

export const DEMO = {
  password: DEMO_PASSWORD,
  byRole(role: Role) {
    const user = DEMO_USERS.find((u) => u.role === role);
    if (!user) throw new Error(`no demo user with role ${role}`);
    return user;
  },
  /** An officer of a different agency than the default officer, for cross-agency tests. */
  otherAgencyOfficer() {
    const officer = this.byRole("agency_officer");
    const other = DEMO_USERS.find((u) => u.role === "agency_officer" && u.agencyCode !== officer.agencyCode);
    if (!other) throw new Error("no second-agency officer in the demo data");
    return other;
  },
};

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** Signs a request context in through next-auth's own endpoints (CSRF token, credentials), as a browser would. */
export async function signInRequest(context: APIRequestContext, email: string, origin: string): Promise<void> {
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" },
    headers: { origin },
  });
  expect(response.status(), `sign-in of ${email}`).toBeLessThan(400);
  const session = (await (await context.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email, `session of ${email}`).toBe(email);
}

/**
 * Signs in as the demo user of a role and puts the UI in the given language (Thai by default).
 * Tests share one database and switching language saves it to the profile, so never rely on it.
 */
export async function signInAs(page: Page, role: Role, locale: "th" | "en" = "th"): Promise<void> {
  // Through next-auth's endpoints on the page's own cookie jar: the sign-in form is the sign-in specs' subject
  // (auth.spec.ts); here it would only be two more page loads before every test.
  const context = page.context();
  await signInRequest(context.request, DEMO.byRole(role).email, currentOrigin());
  // The page opens in the other language and the switch saves the one asked for to the profile, as signing in
  // through the form and switching did: whoever signs in as this user next through the form gets that language.
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale === "th" ? "en" : "th", url: currentOrigin() }]);
  await page.goto("/");
  await switchLanguage(page, locale);
}

/** Switches the UI language with the header's switch and waits for the page to re-render. */
export async function switchLanguage(page: Page, locale: "th" | "en"): Promise<void> {
  const button = page.getByRole("button", { name: locale === "th" ? "ภาษาไทย" : "English" });
  if ((await button.getAttribute("aria-pressed")) === "true") return;
  await button.click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join("test-results", "screenshots", `${name}.png`), fullPage: true });
}

/** Fails on serious or critical accessibility violations, listing them. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

/**
 * Every child process (app servers, CLIs) is ended with its process group, pass or fail: those a test
 * started when it ends, those of a file's hooks when the worker ends (and hooks reap their own earlier).
 */
export const test = base.extend<{ reapTestChildren: void }, { reapWorkerChildren: void }>({
  // Each route sends the browser only its client components' message namespaces: one left out shows up
  // as next-intl's MISSING_MESSAGE in the console, and fails the test.
  page: async ({ page }, provide) => {
    const missing: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("MISSING_MESSAGE")) missing.push(`${page.url()}: ${message.text()}`);
    });
    await provide(page);
    expect(missing, "messages missing in the browser").toEqual([]);
  },
  reapTestChildren: [
    async ({}, use) => {
      const mark = childrenMark();
      await use();
      await reapChildren(mark);
    },
    { auto: true },
  ],
  reapWorkerChildren: [
    async ({}, use) => {
      await use();
      await reapChildren();
    },
    { auto: true, scope: "worker" },
  ],
});

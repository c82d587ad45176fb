import { expect, signInAs, switchLanguage, test } from "../support/fixtures";

test.describe("web security headers", () => {
  test("pages carry a nonce-based Content-Security-Policy that Next's own scripts satisfy", async ({ page }) => {
    const response = await page.goto("/signin");
    const headers = response!.headers();
    const policy = headers["content-security-policy"]!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, policy).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("'unsafe-inline' 'nonce"); // scripts: nonce only
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
    // Every inline or external script Next rendered carries this response's nonce.
    const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    for (const value of scripts) expect(value).toBe(nonce);
    // A fresh nonce per response.
    const again = await page.request.get("/signin");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce!);
  });

  test("signed-in pages with charts, forms and client data run without a policy violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await signInAs(page, "analyst");
    for (const path of ["/", "/components/downstream", "/agencies/03002", "/lagging", "/imports", "/reports", "/completeness"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
    }
    // A client-side interaction that depends on hydrated React: the language switch.
    await switchLanguage(page, "en");
    await switchLanguage(page, "th");
    expect(violations).toEqual([]);
  });

  test("API responses are not sniffed or framed either", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
  });
});

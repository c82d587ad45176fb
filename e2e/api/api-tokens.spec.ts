import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

// Open interfaces (issue 22): an administrator issues a token for an external system (its secret shown
// once), the system reads and posts with it over HTTP, then the administrator revokes it and it opens nothing.

test("admin issues a token, the system uses it against the API, and after revoking it the API refuses it", async ({ page, request }) => {
  const name = `E2E ${Date.now().toString(36)}`;
  await signInAs(page, "admin", "th");
  await page.goto("/admin/api-tokens");
  await expect(page.getByRole("heading", { level: 1, name: "โทเค็น API" })).toBeVisible();
  await page.getByLabel("ชื่อระบบที่ใช้").fill(name);
  await page.getByLabel("ขอบเขต").selectOption("agency");
  await page.getByLabel("รหัสกระทรวงหรือหน่วยงาน").fill("03002");
  await page.getByLabel(/ส่งตัวเลขแพลตฟอร์มเข้าระบบได้/).check();
  await page.getByRole("button", { name: "ออกโทเค็น" }).click();
  const secretField = page.getByLabel("โทเค็น", { exact: true });
  await expect(secretField).toHaveValue(/^lmn_/);
  const secret = await secretField.inputValue();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("ใช้งานได้");
  await expect(row).toContainText("ยังไม่เคยใช้");
  // The list shows only the secret's first characters.
  await expect(row).not.toContainText(secret);
  await expectAccessible(page);
  await screenshot(page, "api-tokens-issued-th");

  // Shown once: after a reload the secret is nowhere on the page.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  // The system reads with it: its own agency's figures; another agency's is out of scope (403, no data).
  const headers = { authorization: `Bearer ${secret}`, "accept-language": "en" };
  const own = await request.get("/api/v1/figures?scope=agency&code=03002", { headers });
  expect(own.status()).toBe(200);
  const figures = (await own.json()) as { scope: { code: string }; data: { indicatorCode: string }[] };
  expect(figures.scope.code).toBe("03002");
  expect(figures.data.length).toBeGreaterThan(0);
  const other = await request.get("/api/v1/figures?scope=agency&code=02003", { headers });
  expect(other.status()).toBe(403);
  expect(await other.json()).toEqual({ error: "out_of_scope", message: "What you asked for is outside this token's scope" });
  // An unknown indicator is refused with a reason in words, and nothing is written.
  const posted = await request.post("/api/v1/platform-figures", {
    headers,
    data: { figures: [{ clientKey: `${name.replaceAll(" ", "-")}-1`, agencyCode: "03002", indicatorCode: "NO-SUCH", period: "2570Q1", value: 12 }] },
  });
  expect(posted.status()).toBe(422);
  expect(((await posted.json()) as { errors: { reason: string; message: string }[] }).errors[0]).toMatchObject({ reason: "unknown_indicator", message: "No indicator has this code (or it is retired)" });

  // The list now says when it was last used.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).not.toContainText("ยังไม่เคยใช้");

  await page.getByRole("button", { name: `เพิกถอนโทเค็น ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("เพิกถอนแล้ว");
  const refused = await request.get("/api/v1/components", { headers });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: "revoked_token", message: "The API token has been revoked" });
});

test("the token page and the API reference in Thai and English, desktop and phone", async ({ page }) => {
  await signInAs(page, "admin", "en");
  for (const [width, height, suffix] of [
    [1366, 900, "desktop"],
    [390, 844, "mobile"],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto("/admin/api-tokens");
    await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `api-tokens-en-${suffix}`);
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
    await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `api-docs-en-${suffix}`);
    // The whole reference is long: what a reader sees first, and at the post's description.
    await page.screenshot({ path: `test-results/screenshots/api-docs-en-${suffix}-top.png` });
    await page.locator("#post-api-v1-platform-figures").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/api-docs-en-${suffix}-post.png` });
  }
  await switchLanguage(page, "th");
  for (const [width, height, suffix] of [
    [1366, 900, "desktop"],
    [390, 844, "mobile"],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto("/admin/api-tokens");
    await expect(page.getByRole("heading", { level: 1, name: "โทเค็น API" })).toBeVisible();
    await screenshot(page, `api-tokens-th-${suffix}`);
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { level: 1, name: "คู่มืออ้างอิง API" })).toBeVisible();
    await screenshot(page, `api-docs-th-${suffix}`);
    await page.screenshot({ path: `test-results/screenshots/api-docs-th-${suffix}-top.png` });
  }
});

test("the OpenAPI document is public and the reference page is light", async ({ request }) => {
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  const html = await request.get("/api-docs");
  expect(html.status()).toBe(200);
  expect((await html.body()).byteLength).toBeLessThan(120_000);
});

import { expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

const PHONE = { width: 390, height: 844 };
/** The scorecard page must stay light: HTML under 120 KB. */
const MAX_HTML_BYTES = 120 * 1024;

test.describe("open data and the public scorecard", () => {
  test("an analyst publishes a closed quarter; a signed-out visitor downloads it and reads the scorecard", async ({ page, browser }) => {
    test.slow();
    await signInAs(page, "analyst");
    await page.goto("/admin/periods");
    // The open quarter offers no publishing; the closed 2569 Q4 does.
    await expect(page.getByRole("button", { name: /^เผยแพร่เป็นข้อมูลเปิด .*1.*2570/ })).toHaveCount(0);
    await page.getByRole("button", { name: /^เผยแพร่เป็นข้อมูลเปิด .*4.*2569/ }).click();
    await expect(page.getByText("เผยแพร่แล้ว").first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole("link", { name: "CSV" }).first()).toHaveAttribute("href", "/open-data/2569/Q4.csv");

    // Anyone, signed out.
    const visitor = await browser.newContext();
    const csv = await visitor.request.get("/open-data/2569/Q4.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = (await csv.body()).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split("\r\n")[0]).toMatch(/^\uFEFFfiscal_year,quarter,period,scope_level,/);
    expect(text).toContain("2569,4,2569Q4,national,");
    const json = (await (await visitor.request.get("/open-data/2569/Q4.json")).json()) as { records: { scope_level: string }[]; fields: { name: string }[] };
    expect(json.records.length).toBeGreaterThan(50);
    expect(new Set(json.records.map((r) => r.scope_level))).toEqual(new Set(["national", "ministry"]));
    const pkg = (await (await visitor.request.get("/open-data/2569/Q4-package.json")).json()) as { result: { resources: { format: string }[] } };
    expect(pkg.result.resources.map((r) => r.format)).toContain("CSV");
    const unpublished = await visitor.request.get("/open-data/2570/Q1.csv");
    expect(unpublished.status()).toBe(404);
    expect(await unpublished.json()).toMatchObject({ reason: "not_published" });

    const html = await visitor.request.get("/scorecard/2569/4");
    expect(html.status()).toBe(200);
    expect((await html.body()).byteLength, "the scorecard's HTML").toBeLessThan(MAX_HTML_BYTES);

    const publicPage = await visitor.newPage();
    await publicPage.goto("/scorecard");
    await expect(publicPage.getByRole("heading", { level: 1, name: "สรุปผลรัฐบาลดิจิทัล" })).toBeVisible();
    await expect(publicPage.getByRole("link", { name: "ไตรมาส 4/2569" })).toHaveAttribute("aria-current", "page");
    const national = publicPage.getByRole("table").first();
    await expect(national.getByRole("rowheader")).toHaveCount(7);
    await expect(national).toContainText(/ตามเป้า|เฝ้าระวัง|ต่ำกว่าเป้า|ยังไม่มีข้อมูล/);
    await expectAccessible(publicPage);
    await screenshot(publicPage, "scorecard-th");
    await publicPage.setViewportSize(PHONE);
    await screenshot(publicPage, "scorecard-th-390");

    await publicPage.setViewportSize({ width: 1280, height: 900 });
    await switchLanguage(publicPage, "en");
    await expect(publicPage.getByRole("heading", { level: 1, name: "Digital government scorecard" })).toBeVisible();
    await expect(publicPage.getByRole("table").first()).toContainText(/On target|Watch|Behind target|No data yet/);
    await expectAccessible(publicPage);
    await screenshot(publicPage, "scorecard-en");
    await publicPage.setViewportSize(PHONE);
    await screenshot(publicPage, "scorecard-en-390");

    await publicPage.goto("/open-data");
    await expect(publicPage.getByRole("heading", { level: 2, name: "Data dictionary" })).toBeVisible();
    await expect(publicPage.getByRole("rowheader", { name: "attainment_percent" })).toBeVisible();
    await expectAccessible(publicPage);
    await screenshot(publicPage, "open-data-en-390");
    await visitor.close();
  });
});

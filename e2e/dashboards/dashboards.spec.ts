import { DEMO, expect, expectAccessible, screenshot, signInAs, switchLanguage, test } from "../support/fixtures";

test.describe("dashboards", () => {
  test("an executive filters the overview, traces a figure and follows a component and an agency", async ({ page }) => {
    // A long journey over four pages with accessibility checks and full-page screenshots.
    test.slow();
    await signInAs(page, "executive");
    await page.goto("/");
    // The map carries each component's status in words, not only in colour; its tile says why.
    const map = page.getByRole("region", { name: "แผนผังระบบนิเวศ: ห่วงโซ่คุณค่าและองค์ประกอบที่ส่งเสริม" });
    await expect(map.getByRole("link")).toHaveCount(7);
    for (const card of await map.getByRole("link").all()) await expect(card).toContainText(/ตามเป้า|เฝ้าระวัง|ต่ำกว่าเป้า|ยังไม่มีข้อมูล/);
    await expect(page.locator("article.tile .tile__status").first()).toContainText(/คะแนน [\d.]+ จาก 100/);

    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2569Q3");
    await page.getByLabel("กระทรวง", { exact: true }).selectOption({ label: "กระทรวงการคลัง" });
    await page.getByRole("button", { name: "แสดงผล" }).click();
    await expect(page).toHaveURL(/[?&]period=2569Q3/);
    await expect(page).toHaveURL(/[?&]ministry=02000/);
    const tilesHeading = page.getByRole("heading", { name: /ตัวชี้วัดหลัก · ไตรมาส 3\/2569 · กระทรวงการคลัง/ });
    await expect(tilesHeading).toBeVisible();
    const tiles = page.locator("article.tile");
    await expect(tiles).toHaveCount(7);
    await expect(tiles.first()).toContainText("หน่วยงานที่ต่ำกว่าเป้าหมาย");
    await expect(tiles.first()).toContainText("ตัวเลขที่ได้รับแล้ว");
    // A component without a score in any of the three quarters shows no empty trend chart; one with scores does.
    const upstream = page.locator("article.tile", { has: page.getByRole("link", { name: "ต้นน้ำ", exact: true }) });
    const midstream = page.locator("article.tile", { has: page.getByRole("link", { name: "กลางน้ำ", exact: true }) });
    await expect(upstream.locator(".tile__status")).toContainText("ยังไม่มีข้อมูล");
    await expect(upstream.locator("figure.chart--spark")).toHaveCount(0);
    await expect(midstream.locator("figure.chart--spark svg.recharts-surface")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-overview-th");

    // Trace a figure: the facts behind it, with source, state and provenance.
    const downstream = page.locator("article.tile", { has: page.getByRole("link", { name: "ปลายน้ำ", exact: true }) });
    await downstream.locator("button.figure-link").first().click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("table")).toBeVisible();
    await expect(dialog).toContainText("อนุมัติแล้ว");
    await expect(dialog).toContainText("ข้อมูลสาธิต");
    await expect(dialog).toContainText(/นับ \d+ รายการจาก \d+ รายการ/);
    await expectAccessible(page);
    await screenshot(page, "dashboard-trace-th");
    await dialog.getByRole("button", { name: "ปิด" }).click();
    await expect(dialog).toBeHidden();

    // Follow the component: the filters travel with the link.
    await downstream.getByRole("link", { name: "ปลายน้ำ", exact: true }).click();
    await expect(page).toHaveURL(/\/components\/downstream\?period=2569Q3&ministry=02000/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ปลายน้ำ");
    await expect(page.getByRole("heading", { name: "ผลตัวชี้วัดเทียบเป้าหมาย" })).toBeVisible();
    const firstCard = page.locator("article.indicator-card").first();
    await expect(firstCard.locator("svg.recharts-surface").first()).toBeVisible();
    // The server sends each chart's box at its height and the browser draws the chart in it: nothing moves.
    const served = await (await page.request.get(page.url())).text();
    expect(served).toContain('class="chart__placeholder" style="height:200px"');
    expect(served).not.toContain("recharts-wrapper");
    await firstCard.getByText("ตารางผลเทียบเป้าหมายรายไตรมาส").click();
    await expect(firstCard.getByRole("cell", { name: "ไตรมาส 3/2569" })).toBeVisible();
    await expect(page.getByText("ยังไม่มีข้อมูลโครงการจาก eMENSCR ในระบบ", { exact: false })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-component-th");

    // Follow an agency from the best performers to its profile.
    const agencyLink = page.locator(".rank-lists a").first();
    const agencyName = (await agencyLink.textContent())!.trim();
    await agencyLink.click();
    await expect(page).toHaveURL(/\/agencies\/\d+/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(agencyName);
    await expect(page.getByRole("heading", { name: /คะแนนคุณภาพข้อมูล/ })).toBeVisible();
    await expect(page.getByText(/\d+(\.\d+)? จาก 100/).first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-agency-th");

    // The same pages in English.
    await switchLanguage(page, "en");
    await expect(page.getByRole("heading", { name: /Data-quality score/ })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-agency-en");
    await page.goto("/components/downstream?period=2569Q3&ministry=02000");
    await expect(page.getByRole("heading", { name: "Indicators against target" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-component-en");
    await page.goto("/?period=2569Q3&ministry=02000");
    await expect(page.getByRole("heading", { name: /Headline indicators · Q3\/2569 · Ministry of Finance/ })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-overview-en");
    await switchLanguage(page, "th");
  });

  test("the overview's lagging count follows its ministry and type filters and opens the worklist filtered the same way", async ({ page }) => {
    // The Ministry of Interior's departments lag in 2570Q1 in the demo data.
    await signInAs(page, "analyst");
    await page.goto("/?period=2570Q1&ministry=03000");
    const tile = page.locator("a.stat--link");
    await expect(tile).toHaveAttribute("href", "/lagging?period=2570Q1&ministry=03000");
    await expect(tile).toContainText("หน่วยงานในกระทรวงมหาดไทย ที่มีประเด็นล่าช้า");
    const inMinistry = (await tile.locator(".stat__value").textContent())!.trim();
    const asNumber = (text: string) => Number(text.replace(/,/g, ""));
    expect(asNumber(inMinistry)).toBeGreaterThan(0);
    await tile.click();
    await expect(page).toHaveURL(/\/lagging\?period=2570Q1&ministry=03000$/);
    const status = page.getByRole("status").filter({ hasText: "หน่วยงานที่ล่าช้า" });
    await expect(status).toContainText(`หน่วยงานที่ล่าช้า ${inMinistry} แห่ง`);

    // Narrowed to departments on the worklist; the overview with the same filters counts the same.
    await page.getByLabel("ประเภทหน่วยงาน", { exact: true }).selectOption({ label: "กรม / ส่วนราชการ" });
    await page.getByRole("button", { name: "กรอง", exact: true }).click();
    await expect(page).toHaveURL(/[?&]type=department/);
    await expect(page.getByLabel("ประเภทหน่วยงาน", { exact: true })).toHaveValue("department");
    const departments = /หน่วยงานที่ล่าช้า ([\d,]+) แห่ง/.exec((await status.textContent())!)![1]!;
    expect(asNumber(departments)).toBeLessThanOrEqual(asNumber(inMinistry));
    await expectAccessible(page);
    await page.goto("/?period=2570Q1&ministry=03000&type=department");
    await expect(tile).toHaveAttribute("href", "/lagging?period=2570Q1&ministry=03000&type=department");
    await expect(tile.locator(".stat__value")).toHaveText(departments);
    await expect(tile).toContainText("หน่วยงานในกระทรวงมหาดไทย (กรม / ส่วนราชการ) ที่มีประเด็นล่าช้า");
    // The agencies monitored beside it are of the same part of the country: at least the lagging ones.
    const monitored = page.locator(".card.stat", { hasText: "หน่วยงานที่ติดตามในกระทรวงมหาดไทย (กรม / ส่วนราชการ)" });
    await expect(monitored).toBeVisible();
    expect(asNumber((await monitored.locator(".stat__value").textContent())!)).toBeGreaterThanOrEqual(asNumber(departments));
  });

  test("an agency officer sees national aggregates and only their own agency's profile", async ({ page, request }) => {
    const officer = DEMO.byRole("agency_officer");
    const other = DEMO.otherAgencyOfficer();
    await signInAs(page, "agency_officer");
    await page.goto("/?ministry=02000");
    await expect(page.getByText("บทบาทของท่านเห็นภาพรวมระดับประเทศ", { exact: false })).toBeVisible();
    await expect(page.getByLabel("กระทรวง", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /ตัวชี้วัดหลัก · .* · ทั้งประเทศ/ })).toBeVisible();

    await page.goto(`/agencies/${officer.agencyCode}`);
    await expect(page.getByRole("heading", { name: /คะแนนคุณภาพข้อมูล/ })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "dashboard-officer-agency-th");

    const response = await page.goto(`/agencies/${other.agencyCode}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ไม่พบหน้าที่ต้องการ");
    // The API answers the same, and the provenance of another agency is not disclosed either.
    const cookies = await page.context().cookies();
    const headers = { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    expect((await request.get(`/api/dashboard/agencies/${other.agencyCode}`, { headers })).status()).toBe(404);
    expect((await request.get(`/api/dashboard/provenance?indicator=DOWN-02&period=2569Q4&agency=${other.agencyCode}`, { headers })).status()).toBe(404);
    expect((await request.get(`/api/dashboard/agencies/${officer.agencyCode}`, { headers })).status()).toBe(200);
    expect((await request.get(`/api/dashboard/overview`)).status()).toBe(401);
  });
});

// An operating year from an empty database, without the demo seed (issue 18): `npm run setup` → the
// administrator sets a password → bulk-loads agencies → creates the fiscal year (its Q1 open by date) →
// defines an indicator and targets → an officer fills the form, the head endorses, the officer sends it, an
// analyst approves → the component overview shows the figure → a new template version → the rollover to the
// next year carries the targets and the new version → the yearly report of the closed year downloads.
// Its own database (a new PostgreSQL database when TEST_DATABASE_URL is set, else its own embedded one) and
// its own app server, next to the main demo server.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { Client } from "pg";
import { runScript, startChild, waitForHttp } from "../../tests/support/child-processes";
import { E2E_BASE_PORT, E2E_NEXTAUTH_SECRET } from "../support/env";
import { expect, test } from "../support/fixtures";

const root = process.cwd();
const port = E2E_BASE_PORT + 94;
const origin = `http://localhost:${port}`;
const serverUrl = process.env.TEST_DATABASE_URL;
const dbName = `lamnam_journey_${port}_${Date.now().toString(36)}`;
const pgliteDir = path.join(root, ".data", `e2e-journey-${port}`);
const databaseUrl = serverUrl ? Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString() : "";
const env = { ...(serverUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: pgliteDir, DATABASE_URL: "" }), APP_URL: origin, NEXTAUTH_URL: origin, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET };

const ADMIN = "admin@dga.example.test";
const PASSWORD = "ปีแรก-Lamnam-2570";
const AGENCY = { code: "81001", name: "กรมทดลองปีงบประมาณ" };
const USERS = { officer: "officer@journey.example.test", head: "head@journey.example.test", analyst: "analyst@journey.example.test" };
const INDICATOR = "JRN-01";
const FORM = `${origin}/submissions/${AGENCY.code}/2570Q1/agency_support`;

async function onServer(query: string) {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(query);
  await client.end();
}

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/signin`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("form button[type=submit]").click();
  await expect(page).not.toHaveURL(/\/signin/);
  return page;
}

async function createUser(admin: Page, email: string, role: string, agency: boolean) {
  await admin.goto(`${origin}/admin/users`);
  const form = admin.locator("form", { has: admin.getByRole("heading", { name: "เพิ่มผู้ใช้" }) });
  await form.getByLabel("อีเมล").fill(email);
  await form.getByLabel("ชื่อ-นามสกุล").fill(`ผู้ใช้ ${role}`);
  await form.getByLabel("บทบาท").selectOption(role);
  if (agency) {
    await form.getByRole("combobox", { name: "หน่วยงาน", exact: true }).fill("ทดลองปีงบ");
    await form.getByRole("option", { name: `${AGENCY.code} ${AGENCY.name}`, exact: true }).click();
  }
  await form.getByLabel(/รหัสผ่านเริ่มต้น/).fill(PASSWORD);
  await form.getByRole("button", { name: "เพิ่มผู้ใช้" }).click();
  await expect(form.getByText("บันทึกแล้ว")).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole("cell", { name: email })).toBeVisible();
}

async function setNationalTarget(admin: Page, indicator: string, value: string) {
  const region = admin.getByRole("region", { name: new RegExp(indicator) });
  await region.getByLabel(new RegExp(`^เป้าหมายระดับประเทศของ ${indicator}`)).fill(value);
  await region.getByRole("button", { name: "บันทึก" }).first().click();
  await expect(region.getByText("บันทึกแล้ว")).toBeVisible();
}

async function previewRollover(admin: Page, year: number) {
  await admin.goto(`${origin}/admin/periods`);
  const form = admin.getByRole("region", { name: "เริ่มปีงบประมาณใหม่" });
  await expect(form.getByLabel("ปีงบประมาณ (พ.ศ.)")).toHaveValue(String(year));
  await form.getByRole("button", { name: "ดูตัวอย่าง" }).click();
  return admin.getByRole("region", { name: `ตัวอย่างปีงบประมาณ ${year}` });
}

test("from an empty database to a working year and the next: setup, agencies, targets, a form approved, rollover, yearly report", async ({ page, browser }) => {
  test.slow();
  rmSync(pgliteDir, { recursive: true, force: true });
  rmSync(`${pgliteDir}.lock`, { force: true });
  if (serverUrl) await onServer(`create database "${dbName}"`);
  let app: ReturnType<typeof startChild> | undefined;
  try {
    // ── Setup, then the app on the database it made; the first administrator ─────────────────────
    const setup = await runScript("scripts/setup.ts", ["--admin-email", ADMIN, "--admin-name", "ผู้ดูแลระบบ"], { env });
    expect(setup.code, setup.stderr).toBe(0);
    const link = /^SET_PASSWORD_LINK (\S+)$/m.exec(setup.stdout)![1]!;
    app = startChild(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], { env });
    await waitForHttp(app, `${origin}/api/health`);
    await page.goto(link);
    await page.getByLabel("รหัสผ่านใหม่", { exact: true }).fill(PASSWORD);
    await page.getByLabel("ยืนยันรหัสผ่านใหม่").fill(PASSWORD);
    await page.getByRole("button", { name: "ตั้งรหัสผ่านและเข้าสู่ระบบ" }).click();
    await expect(page).toHaveURL(`${origin}/`);

    // ── Agencies from a file: a ministry and a department tagged with "agency support" ────────────
    await page.goto(`${origin}/admin/agencies/import`);
    const lines = ["รหัสหน่วยงาน,ชื่อหน่วยงาน,ชื่อภาษาอังกฤษ,ประเภท,รหัสกระทรวง,บทบาท สพร. การสนับสนุนแก่หน่วยงาน", "81000,กระทรวงทดลอง,Ministry of Trials,กระทรวง,,", `${AGENCY.code},${AGENCY.name},Department of Trial Years,กรม / ส่วนราชการ,81000,ผู้ทำ`];
    await page.getByLabel(/ไฟล์ \(.xlsx หรือ .csv\)/).setInputFiles({ name: "agencies.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n"), "utf8") });
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    await expect(page.getByTestId("import-counts")).toHaveText("ใหม่ 2 · เปลี่ยนแปลง 0 · ไม่เปลี่ยนแปลง 0 · ไม่ถูกต้อง 0");
    await page.getByRole("button", { name: "นำเข้า 2 แถว" }).click();
    await expect(page.locator('[id$="-import-status"]').getByRole("status")).toContainText("นำเข้าแล้ว");

    await createUser(page, USERS.officer, "agency_officer", true);
    await createUser(page, USERS.head, "agency_head", true);
    await createUser(page, USERS.analyst, "analyst", false);

    // ── The first fiscal year: a database without periods accepts it; its Q1 is open by date ──────
    const first = await previewRollover(page, 2570);
    await expect(first.getByText("การสนับสนุนแก่หน่วยงาน: ฉบับที่ 1")).toBeVisible();
    await first.getByRole("button", { name: "ยืนยันสร้างปีงบประมาณ 2570" }).click();
    await expect(page.getByRole("status").filter({ hasText: "สร้างปีงบประมาณ 2570 แล้ว" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("row", { name: /ไตรมาส 1 ปีงบประมาณ 2570/ })).toContainText("เปิดรับถึง");

    // ── An indicator of its own and the year's targets ───────────────────────────────────────────
    await page.goto(`${origin}/admin/indicators`);
    await page.getByText("เพิ่มตัวชี้วัด").click();
    const indicatorForm = page.locator("form", { has: page.locator("#new-indicator-code") });
    await indicatorForm.getByLabel(/^รหัส \*/).fill(INDICATOR);
    await indicatorForm.getByLabel(/^ชื่อภาษาไทย/).fill("จำนวนหน่วยงานที่เข้าร่วมโครงการพี่เลี้ยงดิจิทัล");
    await indicatorForm.getByLabel(/^ชื่อภาษาอังกฤษ/).fill("Agencies in the digital mentoring programme");
    await indicatorForm.getByLabel(/^องค์ประกอบ \*/).selectOption("agency_support");
    await indicatorForm.getByLabel(/^นิยาม \(ไทย\)/).fill("จำนวนหน่วยงานที่เข้าร่วมโครงการพี่เลี้ยงดิจิทัลของ สพร. ณ สิ้นไตรมาส");
    await indicatorForm.getByLabel(/^นิยาม \(อังกฤษ\)/).fill("Agencies taking part in DGA's digital mentoring programme at quarter end.");
    await indicatorForm.getByLabel(/^หน่วยนับ \(ไทย\)/).fill("หน่วยงาน");
    await indicatorForm.getByLabel(/^หน่วยนับ \(อังกฤษ\)/).fill("agencies");
    await indicatorForm.getByLabel(/^ชนิดค่า/).selectOption("number");
    await indicatorForm.getByRole("button", { name: "เพิ่ม", exact: true }).click();
    await expect(indicatorForm.getByText("เพิ่มแล้ว")).toBeVisible();

    await page.goto(`${origin}/admin/targets?period=2570Q1&component=agency_support`);
    await setNationalTarget(page, "SUP-01", "40");
    await setNationalTarget(page, INDICATOR, "5");

    // ── The form: the officer fills it, the head endorses, the officer sends it, an analyst approves ─
    const officer = await signIn(browser, USERS.officer);
    await officer.goto(FORM);
    await expect(officer.getByRole("heading", { level: 1 })).toContainText("การสนับสนุนแก่หน่วยงาน");
    const numbers = officer.locator(".assess-number input");
    for (let i = 0, n = await numbers.count(); i < n; i++) await numbers.nth(i).fill("37");
    await officer.getByRole("radio", { name: /ระดับ 3/ }).check();
    await officer.getByLabel(/ความก้าวหน้าการดำเนินงาน/).fill("จัดอบรมร่วมกับ สพร. สองครั้ง");
    await officer.getByRole("button", { name: "บันทึกร่าง" }).click();
    await expect(officer.getByRole("status").filter({ hasText: "บันทึกร่างแล้ว" })).toBeVisible();

    const head = await signIn(browser, USERS.head);
    await head.goto(FORM);
    await head.getByRole("button", { name: "บันทึกและรับรอง" }).click();
    await expect(head.getByText("รับรองแล้ว พร้อมส่งให้ สพร.")).toBeVisible();

    await officer.goto(FORM);
    await officer.getByRole("button", { name: "ส่งให้ สพร." }).click();
    await expect(officer.locator(".page-header .tag").first()).toHaveText("ส่ง สพร. แล้ว");

    const analyst = await signIn(browser, USERS.analyst);
    await analyst.goto(`${origin}/review?period=2570Q1&component=agency_support`);
    await analyst.getByRole("link", { name: AGENCY.name }).click();
    await analyst.getByRole("button", { name: "อนุมัติ", exact: true }).click();
    await expect(analyst.locator(".page-header .tag").first()).toHaveText("อนุมัติแล้ว");

    // ── The overview shows the approved figure against its target ─────────────────────────────────
    await analyst.goto(`${origin}/components/agency_support?period=2570Q1`);
    const card = analyst.locator("article.indicator-card", { has: analyst.getByRole("heading", { name: /SUP-01/ }) });
    // The figures are recomputed after the approval; the page says so, and a reload shows them.
    await expect(async () => {
      await analyst.reload();
      await expect(card.locator(".indicator-card__value")).toHaveText("37 ครั้ง", { timeout: 1_000 });
    }).toPass({ timeout: 120_000 });

    // ── A new template version from the next quarter not yet open: the new indicator joins the form ──
    await page.goto(`${origin}/admin/templates?component=agency_support&quarter=2570Q2`);
    await page.getByLabel("ตัวชี้วัดขององค์ประกอบนี้").selectOption(INDICATOR);
    await page.getByRole("button", { name: "เพิ่มรายการ" }).click();
    await expect(page.getByRole("cell", { name: "จำนวนหน่วยงานที่เข้าร่วมโครงการพี่เลี้ยงดิจิทัล" })).toBeVisible();

    // ── Rollover: FY 2571 with the targets copied and the new template version ────────────────────
    const next = await previewRollover(page, 2571);
    await expect(next.getByText("ค่าเป้าหมาย 2 รายการจากปีงบประมาณ 2570", { exact: false })).toBeVisible();
    await expect(next.getByText("การสนับสนุนแก่หน่วยงาน: ฉบับที่ 2")).toBeVisible();
    await next.getByRole("button", { name: "ยืนยันสร้างปีงบประมาณ 2571" }).click();
    await expect(page.getByRole("status").filter({ hasText: "สร้างปีงบประมาณ 2571 แล้ว" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("row", { name: /ไตรมาส 1 ปีงบประมาณ 2571/ })).toContainText("ยังไม่เปิด · เปิดรับ 1 ต.ค. 2570");

    await page.goto(`${origin}/admin/targets?period=2571Q1&component=agency_support`);
    await expect(page.getByLabel(/^เป้าหมายระดับประเทศของ SUP-01/)).toHaveValue("40");
    await expect(page.getByLabel(new RegExp(`^เป้าหมายระดับประเทศของ ${INDICATOR}`))).toHaveValue("5");
    await page.goto(`${origin}/admin/templates?component=agency_support&quarter=2571Q1`);
    await expect(page.getByText("ใช้ในไตรมาสนี้: ฉบับที่ 2")).toBeVisible();
    await expect(page.getByRole("cell", { name: "จำนวนหน่วยงานที่เข้าร่วมโครงการพี่เลี้ยงดิจิทัล" })).toBeVisible();

    // ── The yearly report of FY 2570 downloads, with the approved figure ──────────────────────────
    await analyst.goto(`${origin}/reports`);
    await analyst.getByLabel("ไตรมาส", { exact: true }).first().selectOption("2570Q1");
    await analyst.getByLabel("ช่วงของรายงาน").selectOption("year");
    await analyst.getByRole("radio", { name: /^CSV/ }).check();
    await analyst.getByRole("button", { name: "สร้างรายงาน" }).click();
    const download = analyst.getByTestId("report-download");
    // However long the server takes to render it; a failure is shown instead of the download, and ends the wait.
    await expect(download.or(analyst.locator("p.alert--error[role=alert]"))).toBeVisible({ timeout: 0 });
    await expect(download).toBeVisible();
    const [file] = await Promise.all([analyst.waitForEvent("download"), download.click()]);
    const csv = readFileSync((await file.path())!, "utf8");
    // The first quarter's actual of SUP-01 among the year's rows: the figure approved above.
    const rows = csv.split(/\r?\n/).filter((line) => line.includes("SUP-01") && line.includes("2570Q1"));
    expect(rows.some((line) => /(^|,)"?37"?(,|$)/.test(line)), rows.join("\n")).toBe(true);
  } finally {
    await app?.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
    if (serverUrl) await onServer(`drop database if exists "${dbName}" with (force)`);
  }
});

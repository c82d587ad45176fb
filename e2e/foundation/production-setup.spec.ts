// From an empty embedded database to the first administrator signed in: `npm run setup` prints a one-time
// link, the administrator chooses a password on /set-password and is signed in; the link then no longer works.
// Its own database and app server (next to the main one), because the main server holds the demo data.
import { rmSync } from "node:fs";
import path from "node:path";
import { runScript, startChild, waitForHttp } from "../../tests/support/child-processes";
import { E2E_BASE_PORT, E2E_NEXTAUTH_SECRET } from "../support/env";
import { expect, test } from "../support/fixtures";

const root = process.cwd();
const port = E2E_BASE_PORT + 93;
const origin = `http://localhost:${port}`;
const pgliteDir = path.join(root, ".data", `e2e-setup-${port}`);
const env = { PGLITE_DIR: pgliteDir, DATABASE_URL: "", APP_URL: origin, NEXTAUTH_URL: origin, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET };
const ADMIN = "first.admin@dga.or.th";
const PASSWORD = "ตั้งใหม่-Lamnam-2570";

test("npm run setup → the administrator chooses a password from the printed link → signed in; the link works once", async ({ page, browser }) => {
  rmSync(pgliteDir, { recursive: true, force: true });
  rmSync(`${pgliteDir}.lock`, { force: true });
  const setup = await runScript("scripts/setup.ts", ["--admin-email", ADMIN, "--admin-name", "ผู้ดูแลระบบคนแรก"], { env });
  expect(setup.code, setup.stderr).toBe(0);
  const link = /^SET_PASSWORD_LINK (\S+)$/m.exec(setup.stdout)?.[1];
  expect(link).toMatch(new RegExp(`^${origin}/set-password\\?token=[A-Za-z0-9_-]{43}$`));

  const app = startChild(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], { env });
  try {
    await waitForHttp(app, `${origin}/api/health`);
    await page.goto(link!);
    await expect(page.getByRole("heading", { name: "ตั้งรหัสผ่าน" })).toBeVisible();
    await expect(page.getByText(`ผู้ดูแลระบบคนแรก (${ADMIN})`)).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/set-password-th.png", fullPage: true });

    // Two different passwords: said under the field, and the link is not used up.
    await page.getByLabel("รหัสผ่านใหม่", { exact: true }).fill(PASSWORD);
    await page.getByLabel("ยืนยันรหัสผ่านใหม่").fill(`${PASSWORD}x`);
    await page.getByRole("button", { name: "ตั้งรหัสผ่านและเข้าสู่ระบบ" }).click();
    await expect(page.getByText("รหัสผ่านทั้งสองช่องไม่ตรงกัน")).toBeVisible();

    await page.getByLabel("ยืนยันรหัสผ่านใหม่").fill(PASSWORD);
    await page.getByRole("button", { name: "ตั้งรหัสผ่านและเข้าสู่ระบบ" }).click();
    await page.waitForURL(`${origin}/`);
    // Signed in as the administrator: the admin area opens.
    await page.goto(`${origin}/admin/users`);
    await expect(page.getByRole("cell", { name: ADMIN })).toBeVisible();

    // The link worked once.
    await page.goto(link!);
    await expect(page.locator(".alert--error")).toHaveText("ลิงก์นี้ถูกใช้ไปแล้ว หากยังไม่ได้ตั้งรหัสผ่านเอง กรุณาแจ้งผู้ดูแลระบบ");

    // And the password signs in afresh, in a browser that never saw the link.
    const fresh = await browser.newPage();
    await fresh.goto(`${origin}/signin`);
    await fresh.locator("#email").fill(ADMIN);
    await fresh.locator("#password").fill(PASSWORD);
    await fresh.locator("form button[type=submit]").click();
    await fresh.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await fresh.close();
  } finally {
    await app.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
});

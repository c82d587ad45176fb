import { DEMO, expect, signIn, signInAs, test } from "../support/fixtures";
import { DEMO_USERS } from "../../scripts/seed/data/users";
import { encode } from "next-auth/jwt";
import { E2E_NEXTAUTH_SECRET } from "../support/env";
import { receivedMail, waitForMail } from "../support/mail";

const ROLE_LABEL = {
  th: { admin: "ผู้ดูแลระบบ", analyst: "นักวิเคราะห์ สพร.", executive: "ผู้บริหาร", agency_head: "หัวหน้าหน่วยงาน", agency_officer: "เจ้าหน้าที่หน่วยงาน" },
  en: { admin: "Administrator", analyst: "DGA analyst", executive: "Executive", agency_head: "Agency head", agency_officer: "Agency officer" },
} as const;
// The shell in each language: each user's saved language is applied at sign-in.
const SHELL = {
  th: { nav: "เมนูหลัก", home: "ภาพรวมระบบนิเวศ", admin: "การจัดการระบบ", users: "ผู้ใช้งาน", myAgency: "หน่วยงานของฉัน", title: "ระบบนิเวศการขับเคลื่อนรัฐบาลดิจิทัล" },
  en: { nav: "Main navigation", home: "Ecosystem overview", admin: "Administration", users: "Users", myAgency: "My agency", title: "The digital-government ecosystem" },
} as const;

test.describe("sign-in", () => {
  for (const role of Object.keys(ROLE_LABEL.th) as (keyof typeof ROLE_LABEL.th)[]) {
    test(`${role} signs in and sees a navigation for that role`, async ({ page }) => {
      await signInAs(page, role, "th");
      const user = DEMO.byRole(role);
      const shell = SHELL.th;
      const header = page.locator("header");
      await expect(header.getByText(user.name)).toBeVisible();
      await expect(header.getByText(ROLE_LABEL.th[role], { exact: true })).toBeVisible();
      const nav = page.getByRole("navigation", { name: shell.nav });
      await expect(nav.getByRole("link", { name: shell.home })).toBeVisible();
      await expect(nav.getByRole("link", { name: shell.myAgency })).toHaveCount(role.startsWith("agency_") ? 1 : 0);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(shell.title);
      // Administration is one entry listing what the role may open: users for admins only.
      await expect(nav.getByRole("link", { name: shell.admin })).toHaveCount(role === "admin" || role === "analyst" ? 1 : 0);
      if (role === "admin" || role === "analyst") {
        await nav.getByRole("link", { name: shell.admin }).click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(shell.admin);
        await expect(page.getByRole("main").getByRole("link", { name: shell.users })).toHaveCount(role === "admin" ? 1 : 0);
      }
    });
  }

  test("a wrong password and an unknown user get the same clear Thai message, and the email stays typed", async ({ page }) => {
    await page.goto("/signin");
    await page.locator("#email").fill(DEMO.byRole("analyst").email);
    await page.locator("#password").fill("wrong-password");
    await page.locator("form button[type=submit]").click();
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toHaveText("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
    await expect(page.locator("#email")).toHaveValue(DEMO.byRole("analyst").email);

    await page.locator("#email").fill("nobody@lamnam.demo");
    await page.locator("#password").fill(DEMO.password);
    await page.locator("form button[type=submit]").click();
    await expect(alert).toHaveText("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("empty fields are caught before anything is sent", async ({ page }) => {
    await page.goto("/signin");
    await page.locator("form button[type=submit]").click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("กรุณากรอกอีเมลและรหัสผ่าน");
  });

  test("after sign-in the user lands on the page they asked for", async ({ page }) => {
    await page.goto("/indicators?fy=2569");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.locator("#email").fill(DEMO.byRole("executive").email);
    await page.locator("#password").fill(DEMO.password);
    await page.locator("form button[type=submit]").click();
    await expect(page).toHaveURL(/\/indicators\?fy=2569$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ตัวชี้วัดและค่าเป้าหมาย");
  });

  test("a tampered session cookie is rejected and the user is told to sign in again", async ({ page, context, baseURL }) => {
    await signInAs(page, "analyst");
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session).toBeDefined();
    await context.addCookies([{ ...session!, value: `${session!.value.slice(0, -6)}AAAAAA` }]);
    await page.goto("/agencies");
    await expect(page).toHaveURL(/\/signin\?.*reason=expired/);
    await expect(page.getByRole("status")).toHaveText("เซสชันหมดอายุหรือไม่ถูกต้อง กรุณาเข้าสู่ระบบอีกครั้ง");
    const api = await page.request.get(`${baseURL}/api/agencies/01002`);
    expect(api.status()).toBe(401);
  });

  test("an expired session sends the user to sign in with an explanation", async ({ page, context, baseURL }) => {
    await signInAs(page, "analyst");
    const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    // A correctly signed token for the same user whose lifetime has run out.
    const expired = await encode({
      token: { uid: 2, sv: 1, email: DEMO.byRole("analyst").email },
      secret: E2E_NEXTAUTH_SECRET,
      maxAge: -60,
    });
    await context.addCookies([{ ...session, value: expired }]);
    await page.goto("/indicators");
    await expect(page).toHaveURL(/\/signin\?.*reason=expired/);
    await expect(page.getByRole("status")).toHaveText("เซสชันหมดอายุหรือไม่ถูกต้อง กรุณาเข้าสู่ระบบอีกครั้ง");
    expect((await page.request.get(`${baseURL}/api/agencies/01002`)).status()).toBe(401);
  });

  test("the session cookie is out of reach of page scripts and other sites, and lasts one working day", async ({ page, context }) => {
    await signInAs(page, "analyst");
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    const csrf = cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // Eight hours from now (a minute either side for the clock and the sign-in itself).
    const hoursLeft = (session!.expires * 1000 - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(7.98);
    expect(hoursLeft).toBeLessThan(8.02);
    expect(await page.evaluate(() => document.cookie)).not.toContain("next-auth");
  });

  test("an administrator deactivating a user ends that user's open session at once", async ({ browser, page }) => {
    const email = `leaving-${Date.now()}@e2e.example`;
    const password = "a-long-initial-password";
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    await page.locator("#u-email").fill(email);
    await page.locator("#u-name").fill("ผู้ใช้ที่ย้ายออก");
    await page.locator("#u-role").selectOption("executive");
    await page.locator("#u-password").fill(password);
    await page.getByRole("button", { name: "เพิ่มผู้ใช้" }).click();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toBeVisible();

    const leaving = await browser.newContext();
    try {
      const theirPage = await leaving.newPage();
      await signIn(theirPage, email, password);
      await expect(theirPage.getByRole("heading", { level: 1 })).toHaveText("ระบบนิเวศการขับเคลื่อนรัฐบาลดิจิทัล");
      expect((await theirPage.request.get("/api/agencies/01002")).status()).toBe(200);

      await row.getByRole("button", { name: "ระงับการใช้งาน" }).click();
      await expect(row.getByRole("button", { name: "เปิดใช้งาน" })).toBeVisible();
      // The same cookie, still unexpired, opens nothing any more.
      await theirPage.goto("/agencies");
      await expect(theirPage).toHaveURL(/\/signin/);
      expect((await theirPage.request.get("/api/agencies/01002")).status()).toBe(401);
    } finally {
      await leaving.close();
    }
  });

  test("signing out ends the session, and a copy of its cookie opens nothing afterwards", async ({ page, context }) => {
    await signInAs(page, "executive");
    const api = await page.request.get("/api/agencies/01002");
    expect(api.status()).toBe(200);
    // What a signed-in person is shown is never kept by a shared cache.
    expect(api.headers()["cache-control"]).toBe("private, no-store");
    const copied = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;

    await page.getByRole("button", { name: "ออกจากระบบ" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);

    // The token copied before signing out is still unexpired and correctly signed: it is revoked all the same.
    await context.addCookies([copied]);
    expect((await page.request.get("/api/agencies/01002")).status()).toBe(401);
    expect(await (await page.request.get("/api/auth/session")).json()).not.toHaveProperty("user");
    await page.goto("/agencies");
    await expect(page).toHaveURL(/\/signin\?.*reason=expired/);
  });

  test("a callbackUrl that the browser would read as another host lands on the app instead", async ({ page, baseURL }) => {
    for (const target of ["/%09/evil.example", "/%0A/evil.example", "/%09%5Cevil.example"]) {
      await page.context().clearCookies();
      await page.goto(`/signin?callbackUrl=${target}`);
      await page.locator("#email").fill(DEMO.byRole("executive").email);
      await page.locator("#password").fill(DEMO.password);
      await page.locator("form button[type=submit]").click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("ระบบนิเวศการขับเคลื่อนรัฐบาลดิจิทัล");
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      // Signed in, the sign-in page forwards at once: still to the app.
      await page.goto(`/signin?callbackUrl=${target}`);
      await expect(page).toHaveURL(`${new URL(baseURL!).origin}/`);
    }
  });

  test("locked out by wrong passwords, the owner is told by e-mail and gets back in through forgot password", async ({ page, browser }) => {
    const email = `locked-${Date.now()}@e2e.example`;
    const oldPassword = "a-long-initial-password";
    const newPassword = "รหัสผ่านใหม่-หลังลืม-2570";
    await signInAs(page, "admin");
    await page.goto("/admin/users");
    await page.locator("#u-email").fill(email);
    await page.locator("#u-name").fill("ผู้ใช้ที่ลืมรหัสผ่าน");
    await page.locator("#u-role").selectOption("executive");
    await page.locator("#u-password").fill(oldPassword);
    await page.getByRole("button", { name: "เพิ่มผู้ใช้" }).click();
    await expect(page.getByRole("row").filter({ hasText: email })).toBeVisible();

    const owner = await browser.newContext();
    try {
      const theirs = await owner.newPage();
      await theirs.goto("/signin");
      await theirs.locator("#email").fill(email);
      const alert = theirs.locator("form").getByRole("alert");
      for (let i = 0; i < 5; i++) {
        await theirs.locator("#password").fill(`wrong guess ${i}`);
        await theirs.locator("form button[type=submit]").click();
        await expect(alert).toHaveText("อีเมลหรือรหัสผ่านไม่ถูกต้อง");
      }
      // Now even the right password is refused, and the page offers the way back in.
      await theirs.locator("#password").fill(oldPassword);
      await theirs.locator("form button[type=submit]").click();
      await expect(alert).toContainText("พยายามเข้าสู่ระบบผิดหลายครั้งเกินไป");
      const lockedMail = await waitForMail(email, /ถูกล็อกชั่วคราว/);
      expect(lockedMail.text).toContain("/forgot-password");

      const before = (await receivedMail()).length;
      await alert.getByRole("link", { name: "หากเป็นบัญชีของคุณ ตั้งรหัสผ่านใหม่ทางอีเมลเพื่อเข้าใช้ได้ทันที" }).click();
      await expect(theirs.getByRole("heading", { level: 1 })).toHaveText("ลืมรหัสผ่าน");
      await theirs.getByLabel("อีเมล").fill(email);
      await theirs.getByRole("button", { name: "ส่งลิงก์ตั้งรหัสผ่านใหม่" }).click();
      await expect(theirs.getByRole("status")).toContainText("เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว");

      const resetMail = await waitForMail(email, /ลิงก์ตั้งรหัสผ่านใหม่/, { after: before });
      const link = /https?:\/\/\S+\/set-password\?token=[A-Za-z0-9_-]{43}/.exec(resetMail.text)?.[0];
      expect(link, resetMail.text).toBeDefined();
      await theirs.goto(link!);
      await theirs.getByLabel("รหัสผ่านใหม่", { exact: true }).fill(newPassword);
      await theirs.getByLabel("ยืนยันรหัสผ่านใหม่").fill(newPassword);
      await theirs.getByRole("button", { name: "ตั้งรหัสผ่านและเข้าสู่ระบบ" }).click();
      // The new password signs them in at once: the lock is lifted.
      await expect(theirs.locator("header").getByText("ผู้ใช้ที่ลืมรหัสผ่าน")).toBeVisible();

      // The link worked once.
      await theirs.goto(link!);
      await expect(theirs.getByRole("alert").filter({ hasText: "ลิงก์นี้ถูกใช้ไปแล้ว" })).toBeVisible();
    } finally {
      await owner.close();
    }
  });

  test("forgot password gives an address without an account the very answer an account gets", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("link", { name: "ลืมรหัสผ่าน?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel("อีเมล").fill("nobody-at-all@e2e.example");
    await page.getByRole("button", { name: "ส่งลิงก์ตั้งรหัสผ่านใหม่" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "หากอีเมลนี้เป็นของบัญชีที่ใช้รหัสผ่านในระบบ เราได้ส่งลิงก์ตั้งรหัสผ่านใหม่ไปแล้ว กรุณาตรวจสอบกล่องจดหมาย (รวมถึงจดหมายขยะ) บัญชีที่เข้าสู่ระบบผ่าน SSO ขององค์กรไม่มีรหัสผ่านในระบบนี้",
    );
  });

  test("every demo account can sign in with the documented password", async ({ browser }) => {
    for (const user of DEMO_USERS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, user.email);
      await expect(page.locator("header").getByText(user.name)).toBeVisible();
      await context.close();
    }
  });
});

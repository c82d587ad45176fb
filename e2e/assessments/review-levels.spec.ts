import type { Browser, Page } from "@playwright/test";
import { DEMO_USERS } from "../../scripts/seed/data/users";
import { DEMO, expect, screenshot, signIn, test } from "../support/fixtures";

// Review levels (issue 19) on the demo data: the Ministry of Interior's reviewer has two forms waiting (the
// Office of the Permanent Secretary's, waiting longest, and the Department of Lands'); Chiang Mai's
// provincial reviewer has one; the Department of Disaster Prevention's form passed the ministry already.
const LANDS = "/submissions/03004/2570Q1/midstream";
const PERMANENT_SECRETARY = "/submissions/03001/2570Q1/downstream";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const reviewerOf = (agencyCode: string) => DEMO_USERS.find((u) => u.role === "ministry_reviewer" && u.agencyCode === agencyCode)!;

test.describe.configure({ mode: "serial" });

test("a ministry reviewer works their queue: returns one form with a field comment, verifies another; DGA approves what the ministry verified", async ({ browser }) => {
  // ── The ministry's queue: only its agencies' forms, longest waiting first ─────────────────────────
  const reviewer = await as(browser, reviewerOf("03000").email);
  await reviewer.goto("/");
  await reviewer.getByRole("navigation", { name: "เมนูหลัก" }).getByRole("link", { name: "ตรวจแบบประเมิน" }).click();
  await expect(reviewer).toHaveURL(/\/review$/);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("แบบประเมินที่รอการตรวจของกระทรวง");
  await expect(reviewer.getByText("แบบประเมินของหน่วยงานในกระทรวงมหาดไทย")).toBeVisible();
  const rows = reviewer.locator("table tbody tr");
  await expect(rows.first()).toContainText("สำนักงานปลัดกระทรวงมหาดไทย");
  await expect(reviewer.locator("table")).toContainText("กรมที่ดิน");
  // Nothing of another ministry, a province or DGA's stage.
  await expect(reviewer.locator("table")).not.toContainText("กรมสรรพากร");
  await expect(reviewer.locator("table")).not.toContainText("องค์การบริหารส่วนจังหวัดเชียงใหม่");
  await expect(reviewer.locator("table")).not.toContainText("กรมป้องกันและบรรเทาสาธารณภัย");
  await screenshot(reviewer, "review-ministry-queue-th");

  // ── Returns the Department of Lands' form with a comment on its first field ───────────────────────
  await reviewer.getByRole("link", { name: "กรมที่ดิน" }).click();
  await expect(reviewer).toHaveURL(new RegExp(`${LANDS}$`));
  const stepper = reviewer.getByRole("navigation", { name: "ขั้นตอนของแบบประเมิน" });
  await expect(stepper.locator('[aria-current="step"]')).toContainText("ตรวจระดับกระทรวง");
  const levels = reviewer.getByRole("region", { name: "เวลาที่แต่ละระดับถือแบบประเมิน" });
  await expect(levels.getByRole("row", { name: /กระทรวง/ })).toContainText("ขณะนี้อยู่ที่ระดับนี้");
  await expect(levels.getByRole("row", { name: /หน่วยงาน/ })).toBeVisible();
  // The reviewer neither approves nor edits.
  await expect(reviewer.getByRole("button", { name: "อนุมัติ", exact: true })).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: "บันทึกร่าง" })).toHaveCount(0);
  const returnForm = reviewer.locator(".assess-return-form");
  await returnForm.getByRole("textbox").nth(1).fill("ตัวเลขไม่ตรงกับรายงานประจำปีของกรม");
  await returnForm.getByRole("button", { name: "ส่งกลับให้หน่วยงานแก้ไข" }).click();
  await expect(reviewer.locator(".page-header .tag").first()).toHaveText("ส่งกลับแก้ไข");
  await expect(reviewer.getByText("ตัวเลขไม่ตรงกับรายงานประจำปีของกรม")).toBeVisible();

  // ── Verifies the Permanent Secretary's form: it leaves the ministry's queue for DGA's ─────────────
  await reviewer.goto(PERMANENT_SECRETARY);
  await reviewer.getByRole("button", { name: "ตรวจแล้ว ส่งต่อให้ สพร." }).click();
  await expect(reviewer.locator(".page-header .tag").first()).toHaveText("ผ่านการตรวจระดับกระทรวง/จังหวัด");
  await reviewer.goto("/review");
  await expect(reviewer.getByText("ไม่มีแบบประเมินตามเงื่อนไขนี้")).toBeVisible();

  // ── Out of scope: another ministry's reviewer and the provincial reviewer get "not found" ─────────
  const other = await as(browser, reviewerOf("04000").email);
  expect((await other.goto(LANDS))?.status()).toBe(404);
  const province = await as(browser, DEMO.byRole("province_reviewer").email);
  expect((await province.goto(PERMANENT_SECRETARY))?.status()).toBe(404);
  await province.goto("/review");
  await expect(province.getByRole("heading", { level: 1 })).toHaveText("แบบประเมินที่รอการตรวจของจังหวัด");
  await expect(province.locator("table")).toContainText("องค์การบริหารส่วนจังหวัดเชียงใหม่");

  // ── DGA: the province still holds one; the verified form waits for DGA, who approves it ───────────
  const analyst = await as(browser, DEMO.byRole("analyst").email);
  await analyst.goto("/review?period=2570Q1");
  const holding = analyst.getByRole("region", { name: "กระทรวงและจังหวัดที่ถือแบบประเมินไว้" });
  await expect(holding.getByRole("row", { name: /จังหวัดเชียงใหม่/ })).toContainText("1");
  await expect(holding).not.toContainText("กระทรวงมหาดไทย");
  await screenshot(analyst, "review-dga-holding-th");
  await analyst.getByRole("link", { name: "สำนักงานปลัดกระทรวงมหาดไทย" }).click();
  await expect(analyst).toHaveURL(new RegExp(`${PERMANENT_SECRETARY}$`));
  await analyst.getByRole("button", { name: "อนุมัติ", exact: true }).click();
  await expect(analyst.locator(".page-header .tag").first()).toHaveText("อนุมัติแล้ว");
  // The form the ministry returned is the agency's again: DGA cannot approve it.
  await analyst.goto(LANDS);
  await expect(analyst.getByRole("button", { name: "อนุมัติ", exact: true })).toHaveCount(0);
});

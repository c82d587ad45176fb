import { DEMO, expect, expectAccessible, screenshot, signIn, signInAs, switchLanguage, test } from "../support/fixtures";

// The officer's agency (Department of Provincial Administration) spends only 10 % of its budget by
// the end of Q1, below the 30 % Cabinet target: the import must make it lag.
const OFFICER_AGENCY = DEMO.byRole("agency_officer").agencyCode!;
const CSV = [
  "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,รหัสหน่วยงาน,วงเงินงบประมาณ,ผลการเบิกจ่ายสะสม,ความก้าวหน้าโครงการ",
  `LAG-001,ระบบทะเบียนราษฎรดิจิทัล,กรมการปกครอง,${OFFICER_AGENCY},"1,000,000","100,000",20`,
].join("\n");

test.describe("lagging agencies and follow-up", () => {
  test.describe.configure({ mode: "serial" });

  test("an import makes an agency lag; the analyst opens and assigns a case; the officer responds; the analyst resolves it", async ({ page, browser }) => {
    await signInAs(page, "analyst");
    // The overview's count of open lagging flags before the import.
    const flagCount = async () => {
      await page.goto("/?period=2570Q1");
      const text = await page.getByRole("link", { name: /หน่วยงานที่มีประเด็นล่าช้า/ }).textContent();
      return Number(/\((\d+) ประเด็น\)/.exec(text ?? "")?.[1]);
    };
    const before = await flagCount();
    expect(before).toBeGreaterThanOrEqual(0);
    await page.goto("/imports");
    await page.getByLabel("ไฟล์ส่งออกจาก eMENSCR").setInputFiles({ name: "lagging.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByLabel("ไตรมาส", { exact: true }).selectOption("2570Q1");
    await page.getByRole("button", { name: "ตรวจสอบไฟล์" }).click();
    await page.getByRole("button", { name: "ยืนยันนำเข้า 1 แถว" }).click();
    await expect(page.getByRole("status").filter({ hasText: "นำเข้าแล้ว ชุดที่" })).toBeVisible();

    // The import's background jobs re-evaluate the flags: the overview counts more once they have run, and
    // the agency is listed with the reason.
    await expect.poll(flagCount, { intervals: [250, 500, 1000] }).toBeGreaterThan(before);
    // …and its eMENSCR panel sums imported projects (exact sums are checked in the integration tests).
    const panel = page.getByRole("region", { name: "งบประมาณและความก้าวหน้าโครงการ (eMENSCR)" });
    await expect(panel.getByRole("definition").nth(1)).toContainText(/บาท \(\d+(\.\d)?%\)/);
    await expect(panel).not.toContainText("ยังไม่มีข้อมูลโครงการจาก eMENSCR");
    // Disbursement concerns the agency as a whole: the component filter leaves it out.
    await page.goto("/lagging?period=2570Q1&severity=high&component=downstream");
    await expect(page.getByRole("row", { name: /กรมการปกครอง/ }).filter({ hasText: "การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย" })).toHaveCount(0);
    await page.goto("/lagging?period=2570Q1&severity=high");
    const row = page.getByRole("row", { name: /กรมการปกครอง/ });
    await expect(row).toContainText("การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย");
    await expect(row).toContainText("สูง");
    // The early warning sits in the row, labelled a projection: 10 % by Q1 projects well short of the year's target.
    await expect(row.locator(".tag--warning")).toHaveText(/^ประมาณการเบิกจ่ายสิ้นปี [\d.]+% ต่ำกว่าเป้า$/);
    // Each column's header stands over its column.
    const header = await page.getByRole("columnheader", { name: "คะแนนความสำคัญ" }).boundingBox();
    const scoreCell = await row.getByRole("cell").nth(3).boundingBox();
    expect(Math.abs(header!.x - scoreCell!.x)).toBeLessThan(2);
    expect(Math.abs(header!.width - scoreCell!.width)).toBeLessThan(2);
    await expectAccessible(page);
    await screenshot(page, "lagging-th");
    await row.getByRole("link", { name: "กรมการปกครอง" }).click();

    await expect(page.getByRole("cell", { name: /เบิกจ่ายสะสม 10% ต่ำกว่าเป้าหมายไตรมาส 1 ที่ 30%/ })).toBeVisible();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "เปิดเรื่องติดตาม" }) });
    await form.getByLabel(/การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย/).check();
    await form.getByLabel("ผู้รับผิดชอบ").selectOption({ label: DEMO.byRole("analyst").name });
    await form.getByLabel("กำหนดแล้วเสร็จ").fill("31/1/2570");
    await form.getByLabel("แผนการดำเนินการ").fill("ประชุมร่วมกับกองคลังเพื่อเร่งรัดการเบิกจ่าย");
    await form.getByRole("button", { name: "เปิดเรื่องติดตาม" }).click();
    // The case is listed with its due date in the reader's calendar (the form goes once every flag has a case).
    await expect(page.getByRole("region", { name: "เรื่องติดตาม" })).toContainText("กำหนด 31 ม.ค. 2570");
    await page.getByRole("link", { name: /^เรื่องติดตามที่ \d+$/ }).first().click();
    await page.waitForURL(/\/cases\/\d+$/);
    const caseUrl = page.url();
    await expect(page.getByText(DEMO.byRole("analyst").name).first()).toBeVisible();
    await screenshot(page, "case-th");

    // The agency officer sees the case of their own agency and answers it.
    const officerContext = await browser.newContext();
    const officer = await officerContext.newPage();
    await signInAs(officer, "agency_officer");
    await officer.goto(caseUrl);
    await officer.getByLabel("คำชี้แจงและแผนแก้ไข").fill("อยู่ระหว่างการตรวจรับงานงวดที่ 1 จะเบิกจ่ายได้ในเดือนมกราคม");
    await officer.getByLabel("คาดว่าจะแก้ไขแล้วเสร็จภายใน").fill("20 ม.ค. 2570");
    await officer.getByRole("button", { name: "ส่งคำชี้แจง" }).click();
    await expect(officer.getByText("ส่งคำชี้แจงแล้ว")).toBeVisible();
    // …attaches its plan (a file of the wrong type is refused in Thai, before and after uploading)…
    const attachments = officer.getByRole("region", { name: "ไฟล์แนบ" });
    await attachments.getByLabel(/^ไฟล์แนบ \(เช่น/).setInputFiles({ name: "plan.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") });
    await attachments.getByRole("button", { name: "แนบไฟล์" }).click();
    await expect(attachments.getByRole("alert")).toHaveText(/ชนิดไฟล์ไม่รองรับ/);
    await attachments.getByLabel(/^ไฟล์แนบ \(เช่น/).setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 แผนเร่งรัดการเบิกจ่าย") });
    await attachments.getByLabel("ชื่อเอกสาร").fill("แผนเร่งรัดการเบิกจ่าย");
    await attachments.getByRole("button", { name: "แนบไฟล์" }).click();
    const attachment = attachments.getByRole("link", { name: "แผนเร่งรัดการเบิกจ่าย" });
    await expect(attachment).toBeVisible();
    const attachmentUrl = (await attachment.getAttribute("href"))!;
    const download = await officer.request.get(attachmentUrl);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 4).toString()).toBe("%PDF");
    await expectAccessible(officer);
    // …was told in-app that the flag opened…
    await officer.goto("/notifications");
    await expect(officer.getByRole("listitem").filter({ hasText: /พบประเด็นล่าช้า \d+ ข้อของกรมการปกครอง ไตรมาส 1\/2570/ }).filter({ hasText: "การเบิกจ่ายงบประมาณต่ำกว่าเป้าหมาย" }).first()).toBeVisible();
    // …and sees the flag on its profile with the reason and where the follow-up stands.
    await officer.goto(`/agencies/${OFFICER_AGENCY}?period=2570Q1`);
    const profileFlags = officer.getByRole("region", { name: "ประเด็นล่าช้าและการติดตาม" });
    await expect(profileFlags.getByRole("row", { name: /เบิกจ่ายสะสม 10%/ })).toContainText(/เรื่องที่ \d+ · (เปิด|กำลังดำเนินการ)/);
    await screenshot(officer, "agency-profile-flags-th");
    await switchLanguage(officer, "en");
    await expect(officer.getByRole("region", { name: "Lagging flags and follow-up" }).getByRole("row", { name: /Cumulative disbursement 10%/ })).toBeVisible();
    await screenshot(officer, "agency-profile-flags-en");
    await switchLanguage(officer, "th");
    // Another agency's officer cannot open it.
    const strangerContext = await browser.newContext();
    const stranger = await strangerContext.newPage();
    await signIn(stranger, DEMO.otherAgencyOfficer().email);
    expect((await stranger.goto(caseUrl))?.status()).toBe(404);
    expect((await stranger.request.get(attachmentUrl)).status()).toBe(404);
    await strangerContext.close();
    await officerContext.close();

    // The analyst sees the response and resolves the case; a resolution is required.
    await page.reload();
    await expect(page.getByText("อยู่ระหว่างการตรวจรับงานงวดที่ 1")).toBeVisible();
    await page.getByLabel("สถานะ").selectOption("resolved");
    await page.getByRole("button", { name: "บันทึก" }).click();
    await expect(page.getByText("กรุณาระบุผลการแก้ไขก่อนปิดเรื่อง").first()).toBeVisible();
    await page.getByLabel("ผลการแก้ไข / เหตุผลที่ยกเว้น").fill("หน่วยงานเร่งรัดการเบิกจ่ายตามแผนแล้ว");
    await page.getByRole("button", { name: "บันทึก" }).click();
    await expect(page.getByText("บันทึกแล้ว")).toBeVisible();
    await page.reload();
    await expect(page.locator(".tag--case-resolved").first()).toHaveText("แก้ไขแล้ว");
    await switchLanguage(page, "en");
    await screenshot(page, "case-en");
  });
});

test.describe("lagging rules", () => {
  test("an admin changes a rule's threshold: it becomes a new version; an officer cannot edit rules", async ({ page, browser }) => {
    await signInAs(page, "admin");
    await page.goto("/admin/rules");
    const section = page.getByRole("region", { name: /ผลตัวชี้วัดต่ำกว่าเป้าหมาย/ });
    await expect(section).toContainText("KPI-BELOW-TARGET · เวอร์ชัน 1");
    await section.getByLabel("สัดส่วนขั้นต่ำของค่าเป้าหมาย (0.9 = ร้อยละ 90)").fill("5");
    await section.getByRole("button", { name: "บันทึกเป็นเวอร์ชันใหม่" }).click();
    await expect(section.getByText("ค่าพารามิเตอร์ไม่ถูกต้อง").first()).toBeVisible();
    await section.getByLabel("สัดส่วนขั้นต่ำของค่าเป้าหมาย (0.9 = ร้อยละ 90)").fill("0.8");
    await section.getByRole("button", { name: "บันทึกเป็นเวอร์ชันใหม่" }).click();
    await expect(section.getByText("บันทึกเป็นเวอร์ชัน 2 และประเมินประเด็นใหม่แล้ว")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "rules-th");

    const context = await browser.newContext();
    const officer = await context.newPage();
    await signInAs(officer, "agency_officer");
    await officer.goto("/admin/rules");
    await expect(officer.getByRole("button", { name: "บันทึกเป็นเวอร์ชันใหม่" })).toHaveCount(0);
    await context.close();
  });
});

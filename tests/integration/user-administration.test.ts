// Delegated user administration (issue 19): invitations within one's scope, the bulk upload of accounts,
// and refusals that change no table — an agency head of A cannot invite into B, a ministry or provincial
// administrator cannot act outside their ministry or province.
import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, users, userTokens } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { pageManagedUsers } from "@/db/queries/user-admin";
import { consumeUserToken, inspectUserToken } from "@/lib/auth/user-tokens";
import { commitUserImport, previewUserImport } from "@/lib/users/bulk-import";
import { inviteUser, resendInvitation } from "@/lib/users/invitations";
import { setManagedUserActive } from "@/lib/users/team";
import { actorOf, createAgency, createUser } from "../support/factories";
import { describeEachDatabase } from "../support/databases";
import { fingerprintDatabase } from "../support/fingerprint";
import { csv, encodeText } from "../corpus/samples";

const HEADER = ["อีเมล", "ชื่อ-นามสกุล", "บทบาท", "รหัสหน่วยงาน"];
const file = (rows: string[][], name = "users.csv") => ({ fileName: name, bytes: Buffer.from(csv([HEADER, ...rows])) });
const linkIn = (body: string) => /\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1];

async function refusedWith<E>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

describeEachDatabase("user administration", ({ db }) => {
  const runner = { query: async (text: string) => ({ rows: (await db().execute(sql.raw(text))).rows as unknown[] }) };
  let ministry: { id: number; code: string };
  let dept: { id: number; code: string };
  let division: { id: number; code: string };
  let otherDept: { id: number; code: string };
  let localCm: { id: number; code: string };
  let localLp: { id: number; code: string };
  let admin: Actor;
  let head: Actor;
  let otherHead: Actor;
  let ministryAdmin: Actor;
  let provinceAdmin: Actor;

  beforeAll(async () => {
    ministry = await createAgency(db(), { type: "ministry" });
    dept = await createAgency(db(), { parentId: ministry.id });
    division = await createAgency(db(), { parentId: dept.id });
    const otherMinistry = await createAgency(db(), { type: "ministry" });
    otherDept = await createAgency(db(), { parentId: otherMinistry.id });
    localCm = await createAgency(db(), { type: "local_administration", province: "เชียงใหม่" });
    localLp = await createAgency(db(), { type: "local_administration", province: "ลำปาง" });
    admin = actorOf(await createUser(db(), { role: "admin" }));
    head = actorOf(await createUser(db(), { role: "agency_head", agencyId: dept.id }), dept.code);
    otherHead = actorOf(await createUser(db(), { role: "agency_head", agencyId: otherDept.id }), otherDept.code);
    const m = await createUser(db(), { role: "ministry_reviewer", agencyId: ministry.id, managesUsers: true });
    ministryAdmin = { ...actorOf(m, ministry.code), managesUsers: true };
    const p = await createUser(db(), { role: "province_reviewer", province: "เชียงใหม่", managesUsers: true });
    provinceAdmin = { ...actorOf(p), province: "เชียงใหม่", managesUsers: true };
  });

  it("an agency head invites an officer of their agency: a passwordless account, a hashed invite link, an e-mail whose link sets the password", async () => {
    const { id, invited } = await inviteUser(head, { email: " New.Officer@Example.go.th ", name: "เจ้าหน้าที่ ใหม่", role: "agency_officer", agencyCode: dept.code });
    expect(invited).toBe(true);
    const [user] = await db().select().from(users).where(eq(users.id, id));
    expect(user).toMatchObject({ email: "new.officer@example.go.th", role: "agency_officer", agencyId: dept.id, passwordHash: null, active: true });
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, id));
    expect(mail!.subject).toContain("ลำน้ำ");
    const token = linkIn(mail!.body)!;
    // What the outbox keeps once the e-mail has left: the same text without the link.
    expect(mail!.bodyAfterDelivery).not.toContain(token);
    expect(mail!.bodyAfterDelivery).toContain("ลิงก์ถูกลบออก");
    const [stored] = await db().select().from(userTokens).where(eq(userTokens.userId, id));
    expect(stored!.purpose).toBe("invite");
    expect(stored!.tokenHash).not.toContain(token);
    expect(await inspectUserToken(token)).toMatchObject({ status: "valid", purpose: "invite", email: "new.officer@example.go.th" });
    await consumeUserToken({ token, password: "a-new-password-2570", confirm: "a-new-password-2570" });
    expect(await inspectUserToken(token)).toEqual({ status: "token_used" });
    // Accepted: nothing left to send again.
    expect((await refusedWith(resendInvitation(head, id), ConflictError)).code).toBe("invitation_accepted");
  });

  it("refuses an address that already has an account, and an SSO account gets no link", async () => {
    const error = await refusedWith(inviteUser(head, { email: "NEW.OFFICER@example.go.th", name: "ซ้ำ", role: "agency_officer", agencyCode: dept.code }), ValidationError);
    expect(error.fieldErrors).toEqual({ email: ["email_has_account"] });
    const { id, invited } = await inviteUser(head, { email: "sso.user@example.go.th", name: "ผู้ใช้ SSO", role: "agency_officer", agencyCode: dept.code, sso: true });
    expect(invited).toBe(false);
    expect(await db().select().from(userTokens).where(eq(userTokens.userId, id))).toEqual([]);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.userId, id))).toEqual([]);
    expect((await refusedWith(resendInvitation(head, id), ConflictError)).code).toBe("sso_no_password");
  });

  it("re-sends an invitation: the earlier link stops working", async () => {
    const { id } = await inviteUser(admin, { email: "resend@example.go.th", name: "ส่งซ้ำ", role: "agency_officer", agencyCode: dept.code });
    const first = linkIn((await db().select().from(emailOutbox).where(eq(emailOutbox.userId, id)))[0]!.body)!;
    await resendInvitation(head, id);
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.userId, id)).orderBy(emailOutbox.id);
    expect(mails).toHaveLength(2);
    expect(await inspectUserToken(first)).toEqual({ status: "token_used" });
    expect(await inspectUserToken(linkIn(mails[1]!.body)!)).toMatchObject({ status: "valid" });
  });

  describe("refusals change no table", () => {
    const refusals: [string, () => Promise<unknown>, new (...args: never[]) => Error][] = [
      ["a head of A invites into B", () => inviteUser(head, { email: "x1@example.go.th", name: "x", role: "agency_officer", agencyCode: otherDept.code }), ForbiddenError],
      ["a head invites a head (a role not below theirs)", () => inviteUser(head, { email: "x2@example.go.th", name: "x", role: "agency_head", agencyCode: dept.code }), ForbiddenError],
      ["a head deactivates another agency's head", () => setManagedUserActive(head, otherHead.id, false), NotFoundError],
      ["a ministry administrator invites into another ministry's department", () => inviteUser(ministryAdmin, { email: "x3@example.go.th", name: "x", role: "agency_head", agencyCode: otherDept.code }), ForbiddenError],
      ["a ministry administrator deactivates a head outside the ministry", () => setManagedUserActive(ministryAdmin, otherHead.id, false), NotFoundError],
      ["a ministry administrator makes an analyst", () => inviteUser(ministryAdmin, { email: "x4@example.go.th", name: "x", role: "analyst" }), ForbiddenError],
      ["a provincial administrator invites into another province", () => inviteUser(provinceAdmin, { email: "x5@example.go.th", name: "x", role: "agency_head", agencyCode: localLp.code }), ForbiddenError],
      ["a provincial administrator invites into a ministry's department", () => inviteUser(provinceAdmin, { email: "x6@example.go.th", name: "x", role: "agency_head", agencyCode: dept.code }), ForbiddenError],
      ["an officer invites anyone", () => inviteUser({ ...head, role: "agency_officer" }, { email: "x7@example.go.th", name: "x", role: "agency_officer", agencyCode: dept.code }), ForbiddenError],
      ["a ministry reviewer without the right invites", () => inviteUser({ ...ministryAdmin, managesUsers: false }, { email: "x8@example.go.th", name: "x", role: "agency_head", agencyCode: dept.code }), ForbiddenError],
    ];
    it.each(refusals)("%s", async (_name, call, type) => {
      const before = await fingerprintDatabase(runner);
      await refusedWith(call(), type);
      expect((await fingerprintDatabase(runner)).tables).toEqual(before.tables);
    });
  });

  it("scoped administrators act within their scope: the ministry's agencies at any depth, the province's local administrations", async () => {
    const { id } = await inviteUser(ministryAdmin, { email: "division.head@example.go.th", name: "หัวหน้ากอง", role: "agency_head", agencyCode: division.code });
    await inviteUser(provinceAdmin, { email: "local.head@example.go.th", name: "นายก อบต.", role: "agency_head", agencyCode: localCm.code });
    const ministryList = await pageManagedUsers(ministryAdmin, {}, 1, 50);
    expect(ministryList.rows.map((r) => r.email)).toEqual(expect.arrayContaining(["division.head@example.go.th", "new.officer@example.go.th", head.email]));
    expect(ministryList.rows.map((r) => r.email)).not.toContain(otherHead.email);
    expect((await pageManagedUsers(provinceAdmin, {}, 1, 50)).rows.map((r) => r.email)).toEqual(["local.head@example.go.th"]);
    // A head sees the officers of their own agency, not their fellow heads or themselves.
    const headList = await pageManagedUsers(head, { query: "officer" }, 1, 50);
    expect(headList.rows.map((r) => r.email)).toEqual(["new.officer@example.go.th"]);
    await setManagedUserActive(ministryAdmin, id, false);
    const [after] = await db().select().from(users).where(eq(users.id, id));
    expect(after!.active).toBe(false);
  });

  describe("bulk upload", () => {
    it("previews new, changed, unchanged and invalid rows with row, column and reason; commits nothing while any row is invalid", async () => {
      const bad = file([
        ["bulk1@example.go.th", "ผู้ใช้ หนึ่ง", "agency_officer", dept.code],
        ["bulk1@example.go.th", "ผู้ใช้ ซ้ำ", "agency_officer", dept.code],
        ["bulk2@example.go.th", "ผู้ใช้ สอง", "agency_officer", "NOPE-1"],
        ["bulk3@example.go.th", "ผู้ใช้ สาม", "agency_officer", otherDept.code],
        ["bulk4@example.go.th", "ผู้ใช้ สี่", "agency_head", dept.code],
        ["bulk5@example.go.th", '=HYPERLINK("http://evil.example","x")', "agency_officer", dept.code],
        ["not-an-email", "ผู้ใช้ หก", "เจ้าหน้าที่หน่วยงาน", dept.code],
        [otherHead.email, "หัวหน้าอื่น", "agency_officer", dept.code],
      ]);
      const before = await fingerprintDatabase(runner);
      const preview = await previewUserImport(head, bad);
      const reasons = preview.rows.flatMap((r) => r.problems.map((p) => `${p.row}:${p.column}:${p.reason}`));
      expect(reasons).toEqual(
        expect.arrayContaining([
          "3:อีเมล:duplicate_email",
          "4:รหัสหน่วยงาน:unknown_agency",
          "5:รหัสหน่วยงาน:agency_outside_scope",
          "6:บทบาท:role_not_grantable",
          "7:ชื่อ-นามสกุล:formula_text",
          "8:อีเมล:invalid_email",
          "9:อีเมล:account_outside_scope",
        ]),
      );
      expect(preview.counts).toMatchObject({ new: 1, invalid: 7 });
      const commit = await commitUserImport(head, bad);
      expect(commit.outcome).toBe("invalid");
      expect((await fingerprintDatabase(runner)).tables).toEqual(before.tables);
    });

    it("commits in one transaction, queues the invitations after it, and the same file again changes nothing", async () => {
      const good = file([
        ["bulk-a@example.go.th", "ผู้ใช้ เอ", "agency_officer", dept.code],
        ["bulk-b@example.go.th", "ผู้ใช้ บี", "เจ้าหน้าที่หน่วยงาน", dept.code],
        ["new.officer@example.go.th", "เจ้าหน้าที่ ใหม่ (แก้ชื่อ)", "Agency officer", dept.code],
      ]);
      const preview = await previewUserImport(head, good);
      expect(preview.counts).toEqual({ new: 2, changed: 1, unchanged: 0, invalid: 0 });
      const committed = await commitUserImport(head, { ...good, expectedSha256: preview.fileSha256 });
      expect(committed.outcome).toBe("committed");
      const created = await db().select().from(users).where(inArray(users.email, ["bulk-a@example.go.th", "bulk-b@example.go.th"]));
      expect(created.every((u) => u.passwordHash === null && u.agencyId === dept.id)).toBe(true);
      // No workers in this process: the invitations were issued right after the commit.
      const mails = await db().select().from(emailOutbox).where(inArray(emailOutbox.userId, created.map((u) => u.id)));
      expect(mails).toHaveLength(2);
      expect(mails.every((m) => linkIn(m.body))).toBe(true);
      const again = await commitUserImport(head, good);
      expect(again.outcome).toBe("unchanged");
      expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 3, invalid: 0 });
      expect(await db().select().from(emailOutbox).where(inArray(emailOutbox.userId, created.map((u) => u.id)))).toHaveLength(2);
    });

    it("reads a Windows-874 file", async () => {
      const bytes = encodeText(csv([HEADER, ["w874@example.go.th", "สมหญิง ใจงาม", "เจ้าหน้าที่หน่วยงาน", dept.code]]), "windows-874");
      const preview = await previewUserImport(head, { fileName: "users.csv", bytes });
      expect(preview.counts.new).toBe(1);
      expect(preview.rows[0]!.changes).toEqual(expect.arrayContaining([{ field: "name", before: null, after: "สมหญิง ใจงาม" }]));
    });
  });
});

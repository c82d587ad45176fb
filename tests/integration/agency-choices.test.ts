import { expect, it } from "vitest";
import { AGENCY_CHOICE_LIMIT, searchAgencyChoices, type AgencyChoiceOptions } from "@/db/queries/ecosystem";
import { pageUsers } from "@/db/queries/users";
import { agencies, agencyComponents, components } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { ForbiddenError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("agency pickers' search and the paged user list", ({ db }) => {
  const codes = async (actor: Actor, options: AgencyChoiceOptions) => (await searchAgencyChoices(actor, options)).map((a) => a.code);

  it("finds agencies by code prefix or Thai/English name, ordered by code, only those the caller may see", async () => {
    const ministry = await createAgency(db(), { type: "ministry", code: "PK100", nameTh: "กระทรวงนาวาเลือก", nameEn: "Ministry of Choosing" });
    const department = await createAgency(db(), { type: "department", code: "PK110", parentId: ministry.id, nameTh: "กรมนาวาเลือก", nameEn: "Choosing Department" });
    const town = await createAgency(db(), { type: "local_administration", code: "PK120", parentId: department.id, nameTh: "เทศบาลนาวาเลือก", nameEn: "Choosing Town" });
    await createAgency(db(), { type: "department", code: "PK130", parentId: ministry.id, nameTh: "กรมนาวาเลือกเดิม", active: false });
    const analyst = actorOf(await createUser(db(), { role: "analyst" }));
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const executive = actorOf(await createUser(db(), { role: "executive" }));
    const officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: town.id }), town.code);
    const head = actorOf(await createUser(db(), { role: "agency_head", agencyId: town.id }), town.code);

    // DGA roles see every active agency; the inactive one is never offered.
    for (const actor of [analyst, admin, executive]) expect(await codes(actor, { query: "PK1" })).toEqual(["PK100", "PK110", "PK120"]);
    expect(await codes(analyst, { query: "นาวาเลือก" })).toEqual(["PK100", "PK110", "PK120"]);
    expect(await codes(admin, { query: "choosing" })).toEqual(["PK100", "PK110", "PK120"]);
    // A code matches from its start; a name anywhere.
    expect(await codes(analyst, { query: "K11" })).toEqual([]);
    expect(await codes(analyst, { query: "เทศบาลนาวา" })).toEqual(["PK120"]);
    // Wildcards are text.
    expect(await codes(analyst, { query: "PK1%" })).toEqual([]);
    expect(await codes(analyst, { query: "PK_" })).toEqual([]);

    // Agency roles find only their own agency, however they search.
    for (const actor of [officer, head]) {
      expect(await codes(actor, { query: "PK1" })).toEqual(["PK120"]);
      expect(await codes(actor, { query: "กระทรวงนาวาเลือก" })).toEqual([]);
      expect(await codes(actor, { query: "PK1", kind: "parent" })).toEqual([]);
    }
  });

  it("offers only ministries and departments as parents, and narrows to a component's agencies", async () => {
    const ministry = await createAgency(db(), { type: "ministry", code: "PP100", nameTh: "กระทรวงต้นสังกัดทดสอบ" });
    const department = await createAgency(db(), { type: "department", code: "PP110", parentId: ministry.id });
    await createAgency(db(), { type: "public_organization", code: "PP120", parentId: ministry.id });
    const town = await createAgency(db(), { type: "local_administration", code: "PP130", parentId: department.id });
    const analyst = actorOf(await createUser(db(), { role: "analyst" }));
    expect(await codes(analyst, { query: "PP1" })).toEqual(["PP100", "PP110", "PP120", "PP130"]);
    expect(await codes(analyst, { query: "PP1", kind: "parent" })).toEqual(["PP100", "PP110"]);

    const [component] = await db()
      .insert(components)
      .values({ code: "picker_test", ordinal: 99, group: "enabler", nameTh: "ทดสอบ", nameEn: "Test", descriptionTh: "-", descriptionEn: "-" })
      .returning();
    for (const a of [department, town]) await db().insert(agencyComponents).values({ agencyId: a.id, componentId: component!.id, dgaRole: "doer" });
    expect(await codes(analyst, { query: "PP1", componentCode: "picker_test" })).toEqual(["PP110", "PP130"]);
    expect(await codes(analyst, { query: "PP1", componentCode: "no_such_component" })).toEqual([]);
  });

  it("returns a short list: the limit asked for, never more than the bound", async () => {
    await db()
      .insert(agencies)
      .values(Array.from({ length: AGENCY_CHOICE_LIMIT + 5 }, (_, i) => ({ code: `PL${String(i).padStart(3, "0")}`, nameTh: `หน่วยงานจำนวนมาก ${i}`, nameEn: `Many ${i}`, type: "local_administration" as const })));
    const analyst = actorOf(await createUser(db(), { role: "analyst" }));
    expect(await codes(analyst, { query: "PL", limit: 2 })).toEqual(["PL000", "PL001"]);
    expect(await codes(analyst, { query: "PL" })).toHaveLength(20);
    const bounded = await codes(analyst, { query: "PL", limit: 10_000 });
    expect(bounded).toHaveLength(AGENCY_CHOICE_LIMIT);
    expect(bounded.at(-1)).toBe(`PL${String(AGENCY_CHOICE_LIMIT - 1).padStart(3, "0")}`);
  });

  it("pages the user list with a search on name and e-mail, and only for administrators", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin", name: "ผู้ดูแลระบบทดสอบ" }));
    for (let i = 0; i < 5; i++) await createUser(db(), { role: "analyst", name: `นักวิเคราะห์หน้า ${i}`, email: `paged.analyst${i}@example.test` });
    await createUser(db(), { role: "executive", name: "ผู้บริหาร 100%", email: "boss@example.test" });

    const search = { query: "paged.analyst" };
    const first = await pageUsers(admin, search, 1, 2);
    const last = await pageUsers(admin, search, 3, 2);
    const beyond = await pageUsers(admin, search, 9, 2);
    expect([first.rows.map((u) => u.email), first.total, first.page]).toEqual([["paged.analyst0@example.test", "paged.analyst1@example.test"], 5, 1]);
    expect([last.rows.map((u) => u.email), last.page]).toEqual([["paged.analyst4@example.test"], 3]);
    expect(beyond.page).toBe(3);
    // By name too, case-insensitively, and a % is only a percent sign.
    expect((await pageUsers(admin, { query: "นักวิเคราะห์หน้า" }, 1, 50)).total).toBe(5);
    expect((await pageUsers(admin, { query: "BOSS@" }, 1, 50)).rows.map((u) => u.name)).toEqual(["ผู้บริหาร 100%"]);
    expect((await pageUsers(admin, { query: "%" }, 1, 50)).rows.map((u) => u.email)).toEqual(["boss@example.test"]);
    // No search: everyone, a page at a time.
    const everyone = await pageUsers(admin, {}, 1, 3);
    expect(everyone.rows).toHaveLength(3);
    expect(everyone.total).toBeGreaterThanOrEqual(7);
    expect((await pageUsers(admin, { query: "nobody-has-this" }, 1, 50)).rows).toEqual([]);

    const agency = await createAgency(db());
    for (const actor of [actorOf(await createUser(db(), { role: "analyst" })), actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id }), agency.code)]) {
      await expect(pageUsers(actor, {}, 1, 50)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

import { expect, it } from "vitest";
import { getAgencyProfile, listAgencies, pageAgencies } from "@/db/queries/ecosystem";
import { listUsers } from "@/db/queries/users";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createAgency, createUser } from "../support/factories";

describeEachDatabase("agency scoping of reads", ({ db }) => {
  it("shows agency roles only their own agency, and DGA roles every agency", async () => {
    const ministry = await createAgency(db(), { type: "ministry" });
    const mine = await createAgency(db(), { parentId: ministry.id });
    const other = await createAgency(db(), { parentId: ministry.id });
    const officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: mine.id }), mine.code);
    const head = actorOf(await createUser(db(), { role: "agency_head", agencyId: mine.id }), mine.code);
    const executive = actorOf(await createUser(db(), { role: "executive" }));

    expect((await listAgencies(officer)).map((a) => a.code)).toEqual([mine.code]);
    expect((await listAgencies(head)).map((a) => a.code)).toEqual([mine.code]);
    const all = (await listAgencies(executive)).map((a) => a.code);
    expect(all).toEqual(expect.arrayContaining([ministry.code, mine.code, other.code]));

    expect((await getAgencyProfile(officer, mine.code)).agency.code).toBe(mine.code);
    await expect(getAgencyProfile(officer, other.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAgencyProfile(head, other.code)).rejects.toBeInstanceOf(NotFoundError);
    // Unknown and forbidden look the same from outside.
    await expect(getAgencyProfile(officer, "NO-SUCH")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getAgencyProfile(executive, other.code)).agency.code).toBe(other.code);
  });

  it("filters the agency list by ministry, type and a search that treats % and _ literally", async () => {
    const ministry = await createAgency(db(), { type: "ministry", code: "M9000" });
    const local = await createAgency(db(), { parentId: ministry.id, type: "local_administration", nameTh: "เทศบาลนครทดสอบ", nameEn: "Test City 100%" });
    await createAgency(db(), { parentId: ministry.id, type: "department", nameEn: "Test Dept 1000" });
    const analyst = actorOf(await createUser(db(), { role: "analyst" }));
    expect((await listAgencies(analyst, { ministryCode: "M9000", type: "local_administration" })).map((a) => a.code)).toEqual([local.code]);
    expect((await listAgencies(analyst, { query: "เทศบาลนครทดสอบ" })).map((a) => a.code)).toEqual([local.code]);
    expect((await listAgencies(analyst, { query: "100%" })).map((a) => a.code)).toEqual([local.code]);
    // A wildcard would match every agency; taken literally it matches only the name containing "%".
    expect((await listAgencies(analyst, { query: "%" })).map((a) => a.code)).toEqual([local.code]);

    // A page at a time, in the list's order, with the total; a page past the end shows the last.
    const under = { ministryCode: "M9000" };
    const whole = (await listAgencies(analyst, under)).map((a) => a.code);
    expect(whole).toHaveLength(2);
    const first = await pageAgencies(analyst, under, 1, 1);
    const beyond = await pageAgencies(analyst, under, 7, 1);
    expect([first.rows.map((a) => a.code), first.total, first.page]).toEqual([[whole[0]], 2, 1]);
    expect([beyond.rows.map((a) => a.code), beyond.total, beyond.page]).toEqual([[whole[1]], 2, 2]);
    expect((await pageAgencies(actorOf(await createUser(db(), { role: "agency_officer", agencyId: local.id }), local.code), {}, 1, 50)).total).toBe(1);
  });

  it("lets only admins list user accounts", async () => {
    const agency = await createAgency(db());
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    expect((await listUsers(admin)).length).toBeGreaterThan(0);
    for (const role of ["analyst", "executive"] as const) {
      await expect(listUsers(actorOf(await createUser(db(), { role })))).rejects.toBeInstanceOf(ForbiddenError);
    }
    const officer = actorOf(await createUser(db(), { role: "agency_officer", agencyId: agency.id }), agency.code);
    await expect(listUsers(officer)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses an agency role without an agency at the database level", async () => {
    await expect(createUser(db(), { role: "agency_officer", agencyId: null })).rejects.toThrow();
  });
});

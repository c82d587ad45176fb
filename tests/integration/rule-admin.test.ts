import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog, flagRules, flagRuleVersions } from "@/db/schema";
import { paramsFromForm, updateRule } from "@/lib/flags/rule-admin";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { describeEachDatabase } from "../support/databases";
import { actorOf, createUser } from "../support/factories";

describeEachDatabase("lagging rule administration", ({ db }) => {
  let ruleId: number;
  beforeAll(async () => {
    ruleId = (await db().select().from(flagRules).where(eq(flagRules.code, "DISBURSEMENT-BELOW")))[0]!.id;
  });

  it("saves new quarterly targets as a new version and keeps the old one in the history", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const params = paramsFromForm(
      { "params.quarterTargets.q1": "25", "params.quarterTargets.q2": "50", "params.quarterTargets.q3": "75", "params.quarterTargets.q4": "100" },
      { quarterTargets: { q1: 30, q2: 52, q3: 75, q4: 96 } },
    );
    const updated = await updateRule(admin, { ruleId, version: 1, severity: "critical", active: true, params });
    expect(updated).toMatchObject({ version: 2, severity: "critical", params: { quarterTargets: { q1: 25, q2: 50, q3: 75, q4: 100 } } });
    const history = await db().select().from(flagRuleVersions).where(eq(flagRuleVersions.ruleId, ruleId)).orderBy(flagRuleVersions.version);
    expect(history.map((h) => [h.version, h.severity])).toEqual([
      [1, "high"],
      [2, "critical"],
    ]);
    expect((await db().select().from(auditLog).where(eq(auditLog.action, "rule.update"))).length).toBe(1);
    // Saving the same values again is not a new version.
    expect((await updateRule(admin, { ruleId, version: 2, severity: "critical", active: true, params })).version).toBe(2);
  });

  it("refuses invalid parameters, stale versions and non-admins without changing the rule", async () => {
    const admin = actorOf(await createUser(db(), { role: "admin" }));
    const analyst = actorOf(await createUser(db(), { role: "analyst" }));
    const good = { quarterTargets: { q1: 30, q2: 52, q3: 75, q4: 96 } };
    await expect(updateRule(admin, { ruleId, version: 2, severity: "high", active: true, params: { quarterTargets: { q1: 130, q2: 52, q3: 75, q4: 96 } } })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateRule(admin, { ruleId, version: 1, severity: "high", active: true, params: good })).rejects.toBeInstanceOf(ConflictError);
    await expect(updateRule(analyst, { ruleId, version: 2, severity: "high", active: true, params: good })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db().select().from(flagRules).where(eq(flagRules.id, ruleId)))[0]).toMatchObject({ version: 2, severity: "critical" });
  });
}, { seeded: true });

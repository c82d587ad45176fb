import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordId } from "@/core/parse/ids";
import { getDb } from "@/db/client";
import { flagRules, flagRuleVersions, type FlagRule } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { recomputeAllFlags } from "./recompute";
import { parseRuleParams, SEVERITIES } from "@/core/flags/rules";

export const updateRuleInput = z.object({
  ruleId: recordId,
  version: z.coerce.number().int().positive(),
  severity: z.enum(SEVERITIES),
  active: z.boolean(),
  params: z.record(z.string(), z.unknown()),
});

/**
 * Saves a rule's new parameters as a new version (the old one stays in flag_rule_versions) and
 * re-evaluates every period, so flags always reflect the rules in force. Unchanged input is a no-op.
 */
export async function updateRule(actor: Actor, raw: unknown): Promise<FlagRule> {
  if (!can(actor, "flags.rules")) throw new ForbiddenError();
  const input = updateRuleInput.parse(raw);
  const updated = await getDb().transaction(async (tx) => {
    const [current] = await tx.select().from(flagRules).where(eq(flagRules.id, input.ruleId)).for("update");
    if (!current) throw new NotFoundError("rule");
    if (current.version !== input.version) throw new ConflictError("stale_version");
    let params: unknown;
    try {
      params = parseRuleParams(current.kind, input.params);
    } catch (error) {
      if (error instanceof z.ZodError) {
        throw new ValidationError(Object.fromEntries(error.issues.map((i) => [`params.${i.path.join(".")}`, ["invalid_parameter"]])));
      }
      throw error;
    }
    const same = current.severity === input.severity && current.active === input.active && JSON.stringify(sorted(current.params)) === JSON.stringify(sorted(params));
    if (same) return null;
    const [row] = await tx
      .update(flagRules)
      .set({ severity: input.severity, active: input.active, params, version: current.version + 1 })
      .where(eq(flagRules.id, current.id))
      .returning();
    await tx.insert(flagRuleVersions).values({ ruleId: current.id, version: row!.version, severity: row!.severity, params, active: row!.active, changedBy: actor.id > 0 ? actor.id : null });
    await recordAudit(tx, actor, { action: "rule.update", entityType: "flag_rule", entityId: current.code, before: current, after: row });
    return row!;
  });
  if (!updated) {
    const [current] = await getDb().select().from(flagRules).where(eq(flagRules.id, input.ruleId));
    return current!;
  }
  await recomputeAllFlags(actor);
  return updated;
}

function sorted(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
}

/** Form fields ("quarterTargets.q1" = "30", "flagLate" = "on") to the nested, typed params object. */
export function paramsFromForm(fields: Record<string, unknown>, template: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, example] of Object.entries(template)) {
    if (example && typeof example === "object") {
      const nested: Record<string, unknown> = {};
      for (const sub of Object.keys(example)) nested[sub] = toNumber(fields[`params.${key}.${sub}`]);
      result[key] = nested;
    } else if (typeof example === "boolean") result[key] = fields[`params.${key}`] === "on" || fields[`params.${key}`] === "true";
    else result[key] = toNumber(fields[`params.${key}`]);
  }
  return result;
}

function toNumber(value: unknown): number | unknown {
  if (typeof value !== "string" || value.trim() === "") return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

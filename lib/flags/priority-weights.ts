import "server-only";
import { desc, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Queryable } from "@/db/client";
import { priorityWeightVersions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError, ValidationError } from "@/core/errors";
import { DEFAULT_PRIORITY_WEIGHTS, priorityWeightsSchema, type PriorityWeights } from "@/core/flags/priority";

// The worklist's weights, versioned like the lagging rules: every save is a new version (the old ones stay,
// with who changed them and when); the highest version is in force. Before any save the defaults are
// version 0. Scores are computed when read, so a new version applies at once and changes no flag.

export interface WeightsInForce {
  version: number;
  weights: PriorityWeights;
  changedAt: Date | null;
}

export async function getPriorityWeights(db: Queryable = getDb()): Promise<WeightsInForce> {
  const [row] = await db.select().from(priorityWeightVersions).orderBy(desc(priorityWeightVersions.version)).limit(1);
  if (!row) return { version: 0, weights: DEFAULT_PRIORITY_WEIGHTS, changedAt: null };
  const parsed = priorityWeightsSchema.safeParse(row.weights);
  return { version: row.version, weights: parsed.success ? parsed.data : DEFAULT_PRIORITY_WEIGHTS, changedAt: row.changedAt };
}

export const updateWeightsInput = z.object({ version: z.coerce.number().int().min(0), weights: z.unknown() });

export async function updatePriorityWeights(actor: Actor, raw: unknown): Promise<WeightsInForce> {
  if (!can(actor, "flags.rules")) throw new ForbiddenError();
  const input = updateWeightsInput.parse(raw);
  const parsed = priorityWeightsSchema.safeParse(input.weights);
  if (!parsed.success) throw new ValidationError(Object.fromEntries(parsed.error.issues.map((i) => [`weights.${i.path.join(".")}`, ["weight_out_of_range"]])));
  return getDb().transaction(async (tx) => {
    // One version at a time: concurrent saves serialise here, and the second sees a stale version.
    await tx.execute(sql`lock table priority_weight_versions in share row exclusive mode`);
    const current = await getPriorityWeights(tx);
    if (current.version !== input.version) throw new ConflictError("stale_version");
    if (JSON.stringify(current.weights) === JSON.stringify(parsed.data)) return current;
    const [row] = await tx
      .insert(priorityWeightVersions)
      .values({ version: current.version + 1, weights: parsed.data, changedBy: actor.id > 0 ? actor.id : null })
      .returning();
    await recordAudit(tx, actor, { action: "priority_weights.update", entityType: "priority_weights", entityId: row!.version, before: current.weights, after: parsed.data });
    return { version: row!.version, weights: parsed.data, changedAt: row!.changedAt };
  });
}

/** Form fields ("weights.severity.high" = "3") to the nested weights object (numbers where they parse). */
export function weightsFromForm(fields: Record<string, unknown>): unknown {
  const num = (key: string) => {
    const v = fields[`weights.${key}`];
    if (typeof v !== "string" || v.trim() === "") return v;
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  };
  return {
    severity: { low: num("severity.low"), medium: num("severity.medium"), high: num("severity.high"), critical: num("severity.critical") },
    openFlags: num("openFlags"),
    budget: num("budget"),
    recurrence: num("recurrence"),
    age: num("age"),
  };
}

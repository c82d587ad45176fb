import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { indicatorFacts } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError } from "@/core/errors";
import { recordAudit } from "@/lib/audit/record";
import { afterFactsChanged } from "@/lib/facts/after-change";

const confirmInput = z.object({
  factId: z.number().int().positive(),
  note: z.string().trim().min(1).max(1000),
});

/**
 * A DGA analyst confirms a value held as implausible (indicator_facts.needs_confirmation): from then on it
 * counts, until the value changes. The analyst says why; the audit log keeps who, when and the value.
 * Confirming twice is harmless; a fact that is not held cannot be "confirmed" (nothing to do, said so).
 */
export async function confirmHeldFigure(actor: Actor, input: z.input<typeof confirmInput>): Promise<{ factId: number; confirmedAt: Date }> {
  if (!can(actor, "facts.confirm")) throw new ForbiddenError();
  const { factId, note } = confirmInput.parse(input);
  const db = getDb();
  const result = await db.transaction(async (tx) => {
    const [fact] = await tx.select().from(indicatorFacts).where(eq(indicatorFacts.id, factId)).for("update");
    if (!fact) throw new NotFoundError("fact");
    if (!fact.needsConfirmation) throw new ConflictError("not_held");
    if (fact.confirmedAt) return { fact, confirmedAt: fact.confirmedAt, changed: false };
    const [updated] = await tx
      .update(indicatorFacts)
      .set({ confirmedAt: new Date(), confirmedById: actor.id })
      .where(and(eq(indicatorFacts.id, factId), eq(indicatorFacts.value, fact.value)))
      .returning();
    await recordAudit(tx, actor, {
      action: "fact.confirm",
      entityType: "indicator_fact",
      entityId: factId,
      before: { value: fact.value, counted: false },
      after: { value: fact.value, counted: true, note },
    });
    return { fact, confirmedAt: updated!.confirmedAt!, changed: true };
  });
  if (result.changed) await afterFactsChanged(actor, { periodIds: [result.fact.periodId], agencyIds: [result.fact.agencyId] });
  return { factId, confirmedAt: result.confirmedAt };
}

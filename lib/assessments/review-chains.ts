import "server-only";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { getDb, type Transaction } from "@/db/client";
import { reviewChains } from "@/db/schema";
import { loadReviewChains } from "@/db/queries/review-levels";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { AGENCY_TYPES } from "@/core/enums";
import { ForbiddenError } from "@/core/errors";
import { DEFAULT_REVIEW_CHAINS, DGA_RETURN_TARGETS, INTERMEDIATE_LEVELS, type ReviewChain } from "@/core/assessments/review-chain";

export const reviewChainInput = z.object({
  agencyType: z.enum(AGENCY_TYPES),
  intermediate: z.enum(INTERMEDIATE_LEVELS),
  dgaReturnTo: z.enum(DGA_RETURN_TARGETS),
});
export type ReviewChainInput = z.infer<typeof reviewChainInput>;

/** A DGA administrator sets one agency type's chain; submissions in flight follow it from their next step. */
export async function updateReviewChain(actor: Actor, input: ReviewChainInput): Promise<ReviewChain> {
  if (!can(actor, "admin.review_chains")) throw new ForbiddenError();
  const { agencyType, intermediate, dgaReturnTo } = reviewChainInput.parse(input);
  return getDb().transaction(async (tx) => {
    const before = (await loadReviewChains(tx))[agencyType];
    await tx
      .insert(reviewChains)
      .values({ agencyType, intermediate, dgaReturnTo, updatedById: actor.id })
      .onConflictDoUpdate({ target: reviewChains.agencyType, set: { intermediate, dgaReturnTo, updatedById: actor.id } });
    await recordAudit(tx, actor, { action: "review_chain.update", entityType: "review_chain", entityId: agencyType, before, after: { intermediate, dgaReturnTo } });
    return { intermediate, dgaReturnTo };
  });
}

/**
 * The starting chains, with the reference catalogue: "fill" adds a missing type's row, "refresh" (the
 * demo) also resets existing ones to the defaults. Returns how many rows were created.
 */
export async function loadDefaultReviewChains(tx: Transaction, mode: "fill" | "refresh"): Promise<number> {
  let created = 0;
  for (const agencyType of AGENCY_TYPES) {
    const values = { agencyType, ...DEFAULT_REVIEW_CHAINS[agencyType] };
    const [existing] = await tx.select({ agencyType: reviewChains.agencyType }).from(reviewChains).where(eq(reviewChains.agencyType, agencyType));
    if (existing) {
      if (mode === "refresh") await tx.update(reviewChains).set({ ...DEFAULT_REVIEW_CHAINS[agencyType], updatedById: null }).where(eq(reviewChains.agencyType, agencyType));
      continue;
    }
    await tx.insert(reviewChains).values(values);
    created++;
  }
  return created;
}

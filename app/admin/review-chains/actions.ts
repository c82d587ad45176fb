"use server";

import { revalidatePath } from "next/cache";
import { reviewChainInput, updateReviewChain } from "@/lib/assessments/review-chains";
import { createFormAction } from "@/lib/http/action";

/** One agency type's review chain: the level before DGA and where a DGA return goes. */
export const updateReviewChainAction = createFormAction({ permission: "admin.review_chains", input: reviewChainInput }, async (input, actor) => {
  const chain = await updateReviewChain(actor, input);
  revalidatePath("/admin/review-chains");
  return chain;
});

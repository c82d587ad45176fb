"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { API_TOKEN_SCOPES } from "@/core/api/tokens";
import { createFormAction } from "@/lib/http/action";
import { issueApiToken, revokeApiToken } from "@/lib/api/tokens";

/** Issues a token; the secret is returned to this one answer and never again. */
export const issueApiTokenAction = createFormAction(
  {
    permission: "admin.api_tokens",
    input: z.object({
      name: z.string(),
      scope: z.enum(API_TOKEN_SCOPES, { message: "invalid" }),
      agencyCode: z.string().optional(),
      canWrite: z.literal("on").optional(),
      expiresOn: z.string(),
      rateLimitPerMinute: z.string().optional(),
    }),
  },
  async (input, actor) => {
    const issued = await issueApiToken(actor, {
      name: input.name,
      scope: input.scope,
      agencyCode: input.agencyCode ?? "",
      canWrite: input.canWrite === "on",
      expiresOn: input.expiresOn,
      rateLimitPerMinute: input.rateLimitPerMinute?.trim() ? Number(input.rateLimitPerMinute) : undefined,
    });
    revalidatePath("/admin/api-tokens");
    return { secret: issued.secret, expiresAt: issued.expiresAt.toISOString() };
  },
);

export const revokeApiTokenAction = createFormAction({ permission: "admin.api_tokens", input: z.object({ tokenId: z.coerce.number().int().positive("invalid") }) }, async (input, actor) => {
  await revokeApiToken(actor, input.tokenId);
  revalidatePath("/admin/api-tokens");
  return undefined;
});

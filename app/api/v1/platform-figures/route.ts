import { platformFiguresBodySchema, platformFiguresResultSchema } from "@/core/api/schemas";
import { API_MAX_BODY_BYTES } from "@/core/api/tokens";
import { ValidationError } from "@/core/errors";
import { toFieldErrors } from "@/core/errors/field-errors";
import { apiJson, withApiToken } from "@/lib/api/route";
import { readLimitedJsonBody } from "@/lib/http/body";
import { postPlatformFigures } from "@/lib/facts/write/api-facts";

/** Platform figures from the platforms themselves (ทางรัฐ, ThaID, GDX …): facts with source "api". */
export const POST = withApiToken({ write: true }, async (request, { api }) => {
  const parsed = platformFiguresBodySchema.safeParse(await readLimitedJsonBody(request, API_MAX_BODY_BYTES));
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const { created, data } = await postPlatformFigures(api.token, api.scope, api.actor, parsed.data);
  return apiJson(platformFiguresResultSchema, { data }, created ? 201 : 200);
});

import { flagListSchema, listQuerySchema } from "@/core/api/schemas";
import { listFlagsForApi } from "@/lib/api/read";
import { apiJson, parseApiQuery, withApiToken } from "@/lib/api/route";

/** Lagging flags of the agencies in the token's scope. */
export const GET = withApiToken({}, async (request, { api }) => {
  const { period, limit, offset } = parseApiQuery(request, listQuerySchema);
  return apiJson(flagListSchema, await listFlagsForApi(api, { periodCode: period, limit, offset }));
});

import { caseListSchema, listQuerySchema } from "@/core/api/schemas";
import { listCasesForApi } from "@/lib/api/read";
import { apiJson, parseApiQuery, withApiToken } from "@/lib/api/route";

/** Follow-up cases of the agencies in the token's scope (status and dates, not their notes). */
export const GET = withApiToken({}, async (request, { api }) => {
  const { period, limit, offset } = parseApiQuery(request, listQuerySchema);
  return apiJson(caseListSchema, await listCasesForApi(api, { periodCode: period, limit, offset }));
});

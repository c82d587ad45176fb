import { listQuerySchema, reportListSchema } from "@/core/api/schemas";
import { listReportsForApi } from "@/lib/api/read";
import { apiJson, parseApiQuery, withApiToken } from "@/lib/api/route";

/** Quarterly reports in the token's scope: metadata only (the files stay behind sign-in). */
export const GET = withApiToken({}, async (request, { api }) => {
  const { period, limit, offset } = parseApiQuery(request, listQuerySchema);
  return apiJson(reportListSchema, await listReportsForApi(api, { periodCode: period, limit, offset }));
});

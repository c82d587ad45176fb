import { figureListSchema, figureQuerySchema } from "@/core/api/schemas";
import { readFiguresForApi } from "@/lib/api/read";
import { apiJson, parseApiQuery, withApiToken } from "@/lib/api/route";

/** Every indicator's figure for a scope (nation, a ministry, an agency) and quarter, as the dashboards show it. */
export const GET = withApiToken({}, async (request, { api }) => apiJson(figureListSchema, await readFiguresForApi(api, parseApiQuery(request, figureQuerySchema))));

import { indicatorListSchema } from "@/core/api/schemas";
import { listIndicatorsForApi } from "@/lib/api/read";
import { apiJson, withApiToken } from "@/lib/api/route";

/** The active indicators with their catalogue (data dictionary) entries and definition versions. */
export const GET = withApiToken({}, async () => apiJson(indicatorListSchema, await listIndicatorsForApi()));

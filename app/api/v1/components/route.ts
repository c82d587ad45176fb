import { componentListSchema } from "@/core/api/schemas";
import { listComponentsForApi } from "@/lib/api/read";
import { apiJson, withApiToken } from "@/lib/api/route";

/** The seven components of the ecosystem with their elements. */
export const GET = withApiToken({}, async () => apiJson(componentListSchema, await listComponentsForApi()));

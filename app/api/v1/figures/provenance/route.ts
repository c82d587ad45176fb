import { provenanceQuerySchema, provenanceSchema } from "@/core/api/schemas";
import { readProvenanceForApi } from "@/lib/api/read";
import { apiJson, parseApiQuery, withApiToken } from "@/lib/api/route";

/** The facts one figure was computed from (source, state, source row), a page at a time. */
export const GET = withApiToken({}, async (request, { api }) => apiJson(provenanceSchema, await readProvenanceForApi(api, parseApiQuery(request, provenanceQuerySchema))));

// React Query key and fetcher of the agency pickers: the agencies matching typed text, from /api/agencies.
import { queryOptions } from "@tanstack/react-query";
import type { AgencyChoice } from "@/db/queries/ecosystem";
import type { AgencyChoiceKind } from "@/core/enums";

export interface AgencyChoiceRequest {
  query: string;
  kind: AgencyChoiceKind;
  componentCode?: string;
}

export const agencyChoiceKeys = {
  all: ["agencyChoices"] as const,
  search: ({ query, kind, componentCode }: AgencyChoiceRequest) => [...agencyChoiceKeys.all, kind, componentCode ?? "", query] as const,
};

export class AgencySearchError extends Error {
  constructor(readonly status: number) {
    super(`agency search failed with HTTP ${status}`);
  }
}

/** What one picker shows at a time: typing more narrows it. */
export const AGENCY_CHOICES_SHOWN = 20;

export function agencyChoicesQuery(request: AgencyChoiceRequest) {
  return queryOptions({
    queryKey: agencyChoiceKeys.search(request),
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({ q: request.query, kind: request.kind, limit: String(AGENCY_CHOICES_SHOWN) });
      if (request.componentCode) params.set("component", request.componentCode);
      const response = await fetch(`/api/agencies?${params}`, { headers: { accept: "application/json" }, credentials: "same-origin", signal });
      if (!response.ok) throw new AgencySearchError(response.status);
      return ((await response.json()) as { agencies: AgencyChoice[] }).agencies;
    },
    // Agencies change rarely; typing back to an earlier text reuses its answer.
    staleTime: 60_000,
  });
}

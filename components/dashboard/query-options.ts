// React Query keys and fetchers for what the dashboards load in the browser (the trace dialog's rows), in
// one place. The dashboards themselves render on the server; app/api/dashboard/* serves the same reads as
// JSON. Never hand-type a key elsewhere.
import { queryOptions } from "@tanstack/react-query";
import type { Provenance } from "@/lib/facts/read/provenance";

/** Keys hold only defined filter values, so {} and { ministry: undefined } share a cache entry. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

export const dashboardKeys = {
  all: ["dashboard"] as const,
  provenance: (request: ProvenanceRequest) => [...dashboardKeys.all, "provenance", clean(request)] as const,
};

export interface ProvenanceRequest {
  indicator: string;
  period: string;
  ministry?: string;
  type?: string;
  agency?: string;
  limit?: number;
}

export class DashboardFetchError extends Error {
  constructor(readonly status: number) {
    super(`dashboard request failed with HTTP ${status}`);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) throw new DashboardFetchError(response.status);
  return (await response.json()) as T;
}

export function provenanceQuery(request: ProvenanceRequest) {
  const params = new URLSearchParams(Object.entries(clean(request)).map(([k, v]) => [k, String(v)]));
  return queryOptions({
    queryKey: dashboardKeys.provenance(request),
    queryFn: () => getJson<Provenance>(`/api/dashboard/provenance?${params.toString()}`),
    staleTime: 30_000,
  });
}

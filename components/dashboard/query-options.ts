// React Query keys and fetchers for the dashboards, in one place. Server components prefetch with the
// same keys (calling the db/queries functions directly) and hydrate; client components refetch through
// app/api/dashboard/*, which call the same functions. Never hand-type a key elsewhere.
import { queryOptions } from "@tanstack/react-query";
import type { AgencyDashboard } from "@/lib/facts/read/agency";
import type { ComponentDashboard } from "@/lib/facts/read/component";
import type { DashboardOverview } from "@/lib/facts/read/overview";
import type { Provenance } from "@/lib/facts/read/provenance";
import { filtersToSearch, type DashboardFilters } from "@/core/dashboard/filters";

/** Keys hold only defined filter values, so {} and { ministry: undefined } share a cache entry. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as T;
}

export const dashboardKeys = {
  all: ["dashboard"] as const,
  overview: (filters: DashboardFilters) => [...dashboardKeys.all, "overview", clean(filters)] as const,
  component: (code: string, filters: DashboardFilters) => [...dashboardKeys.all, "component", code, clean(filters)] as const,
  agency: (code: string, filters: DashboardFilters) => [...dashboardKeys.all, "agency", code, clean(filters)] as const,
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

export function overviewQuery(filters: DashboardFilters) {
  return queryOptions({
    queryKey: dashboardKeys.overview(filters),
    queryFn: () => getJson<DashboardOverview>(`/api/dashboard/overview${filtersToSearch(filters)}`),
  });
}

export function componentQuery(code: string, filters: DashboardFilters) {
  return queryOptions({
    queryKey: dashboardKeys.component(code, filters),
    queryFn: () => getJson<ComponentDashboard>(`/api/dashboard/components/${encodeURIComponent(code)}${filtersToSearch(filters)}`),
  });
}

export function agencyQuery(code: string, filters: DashboardFilters) {
  return queryOptions({
    queryKey: dashboardKeys.agency(code, filters),
    queryFn: () => getJson<AgencyDashboard>(`/api/dashboard/agencies/${encodeURIComponent(code)}${filtersToSearch(filters)}`),
  });
}

export function provenanceQuery(request: ProvenanceRequest) {
  const params = new URLSearchParams(Object.entries(clean(request)).map(([k, v]) => [k, String(v)]));
  return queryOptions({
    queryKey: dashboardKeys.provenance(request),
    queryFn: () => getJson<Provenance>(`/api/dashboard/provenance?${params.toString()}`),
    staleTime: 30_000,
  });
}

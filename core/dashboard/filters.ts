// Dashboard filters live in the URL (?period=2570Q1&ministry=03000&type=department&component=upstream) so
// a view can be bookmarked and shared. The same schema validates page searchParams and the API's query.
import { z } from "zod";
import { AGENCY_TYPES, type AgencyType } from "@/core/enums";

export const dashboardFiltersSchema = z.object({
  period: z.string().regex(/^\d{4}Q[1-4]$/),
  ministry: z.string().regex(/^[0-9A-Za-z._-]{1,32}$/),
  type: z.enum(AGENCY_TYPES),
  component: z.string().regex(/^[a-z_]{1,40}$/),
});

export interface DashboardFilters {
  period?: string;
  /** Code of a ministry: its agencies and every agency beneath them. */
  ministry?: string;
  type?: AgencyType;
  component?: string;
}

export const FILTER_KEYS = ["period", "ministry", "type", "component"] as const satisfies readonly (keyof DashboardFilters)[];

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Reads the filters from searchParams. Each is validated on its own: an invalid value is dropped and
 * named in `invalid` (the page says so) instead of failing the whole view; empty values mean "all".
 */
export function parseDashboardFilters(params: SearchParamsLike): { filters: DashboardFilters; invalid: string[] } {
  const filters: DashboardFilters = {};
  const invalid: string[] = [];
  for (const key of FILTER_KEYS) {
    const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === null || value === "") continue;
    const parsed = dashboardFiltersSchema.shape[key].safeParse(value);
    if (parsed.success) (filters as Record<string, string>)[key] = parsed.data;
    else invalid.push(key);
  }
  return { filters, invalid };
}

/** The query string for filters (stable key order), for links that keep the current view. */
export function filtersToSearch(filters: DashboardFilters, overrides: Partial<Record<keyof DashboardFilters, string | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = key in overrides ? overrides[key] : filters[key];
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The first value of a search parameter (`?a=1&a=2` → "1"); empty or absent → undefined. So is a value
 * holding a control character: no filter value has one, and a NUL cannot even be compared in a query.
 */
export function firstSearchParam(value: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(value) ? value[0] : value) || undefined;
  return first !== undefined && /[\u0000-\u001F\u007F]/.test(first) ? undefined : first;
}

/** A 1-based page number from a search parameter; anything else ("0", "-1", "abc", "1e9") is page 1. */
export function pageParam(value: string | string[] | undefined, max = 100_000): number {
  const raw = firstSearchParam(value);
  const page = Number(raw);
  return raw && /^\d{1,6}$/.test(raw) && page >= 1 && page <= max ? page : 1;
}

/** A link to the same page with one search parameter changed (dropped when null), the others kept. */
export function hrefWithParam(basePath: string, searchParams: Record<string, string | string[] | undefined>, name: string, value: string | null, hash = ""): string {
  const params = new URLSearchParams();
  for (const [key, current] of Object.entries(searchParams)) {
    if (key === name || current === undefined) continue;
    for (const v of Array.isArray(current) ? current : [current]) params.append(key, v);
  }
  if (value !== null) params.set(name, value);
  const query = params.toString();
  return `${basePath}${query ? `?${query}` : ""}${hash}`;
}

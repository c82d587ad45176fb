/** The first value of a search parameter (`?a=1&a=2` → "1"); empty or absent → undefined. */
export function firstSearchParam(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value) || undefined;
}

/**
 * Stands in for the app's origin when a path is resolved without one: only "is it still this origin?"
 * matters, and a name under .invalid can never be a real host someone else controls.
 */
const PLACEHOLDER_ORIGIN = "http://lamnam.invalid";

/**
 * The target as the browser will resolve it against the app's origin, or null when it leaves that origin.
 * Tricks that a prefix check misses — a tab or newline the parser drops ("/\t/evil.example" becomes
 * "//evil.example"), a backslash read as a slash, an absolute or scheme-relative URL — all resolve to
 * another origin and are refused.
 */
function resolveSameOrigin(raw: string, origin: string): URL | null {
  if (raw.length > 2000) return null;
  try {
    const base = new URL(origin);
    const url = new URL(raw, base);
    return url.origin === base.origin ? url : null;
  } catch {
    return null;
  }
}

const pathOf = (url: URL) => `${url.pathname}${url.search}${url.hash}`;

/**
 * Where to send someone after sign-in: a path of this app, or "/". Only paths are accepted (nothing in the
 * app sends an absolute URL), and what is returned is the parsed path — control characters
 * percent-encoded — never the raw text.
 */
export function safeCallbackPath(value: string | string[] | undefined, origin: string = PLACEHOLDER_ORIGIN): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/")) return "/";
  const url = resolveSameOrigin(raw, origin);
  // Back to sign-in after signing in would be a loop.
  if (!url || url.pathname === "/signin" || url.pathname.startsWith("/signin/")) return "/";
  return pathOf(url);
}

/**
 * next-auth's redirect callback (sign-in, SSO return, sign-out): an absolute URL on the app's own origin,
 * else the app's home. Relative values are resolved against the app; absolute ones must be that origin.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const base = resolveSameOrigin(baseUrl, baseUrl);
  if (!base) return "/";
  const target = resolveSameOrigin(url, base.origin);
  return `${base.origin}${target ? pathOf(target) : "/"}`;
}

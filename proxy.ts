import { NextResponse, type NextRequest } from "next/server";

// Three things only, none of them access control (security is checked in every page, action and route
// handler on the server): the Content-Security-Policy with a fresh nonce per request, which Next.js puts
// on its own scripts, the requested path for the redirect after sign-in, and "not found" for a path that
// cannot be decoded.

/** The policy for a page: scripts only from this origin and carrying this response's nonce. */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load the app's chunks; development needs eval for HMR.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Charts and layout set style attributes; style cannot run code, so inline styles are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * A path with a percent-escape that decodes to no text ("/agencies/%E0%B8"). Next.js answers such a
 * path in a dynamic segment with a bare 500 in production (vercel/next.js#92527); it names nothing.
 */
export function hasUndecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  if (isApi) return hasUndecodablePath(pathname) ? NextResponse.json({ error: "not_found" }, { status: 404 }) : NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // Behind a TLS-terminating load balancer the request arrives as http with X-Forwarded-Proto: https.
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-lamnam-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("x-nonce", nonce);
  // Next.js reads the nonce from the request's policy and adds it to the scripts it renders.
  headers.set("content-security-policy", policy);
  // The localized not-found page (no route has this path), instead of the router failing on the path.
  const response = hasUndecodablePath(pathname) ? NextResponse.rewrite(new URL("/_undecodable-path", request.url), { request: { headers } }) : NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    // Route handlers: only the undecodable-path check, and only for requests without a body (a request
    // the proxy sees has its body buffered, and cut at 10 MB: an eMENSCR upload would arrive cut short).
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|fonts).*)",
      // Prefetches are served from the router cache and need no policy of their own.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

// Finds every endpoint the app exposes by reading the source, so that the authorization matrix cannot
// miss one: pages (app/**/page.tsx), route handlers with their exported HTTP methods (app/**/route.ts)
// and server actions (the exports of every module whose first statement is "use server").
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

export type Endpoint =
  | { kind: "page"; route: string; file: string }
  | { kind: "route"; route: string; method: HttpMethod; file: string }
  | { kind: "action"; module: string; name: string; file: string };

/** One key per endpoint, shared by discovery and the expectations table. */
export function endpointKey(endpoint: { kind: "page"; route: string } | { kind: "route"; route: string; method: string } | { kind: "action"; module: string; name: string }): string {
  switch (endpoint.kind) {
    case "page":
      return `page ${endpoint.route}`;
    case "route":
      return `${endpoint.method} ${endpoint.route}`;
    case "action":
      return `action ${endpoint.module}#${endpoint.name}`;
  }
}

const SOURCE = /\.(tsx?|jsx?|mjs)$/;
// Next.js files that answer requests but that the matrix does not know how to call yet: adding one
// must fail the test until the matrix learns it.
const UNSUPPORTED_SPECIAL_FILES = /^(default|template|sitemap|robots|manifest|icon|apple-icon|opengraph-image|twitter-image)\.(tsx?|jsx?)$/;
// Where server action modules may live (the rest of the tree has no server code).
const ACTION_ROOTS = ["app", "components", "lib"];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (SOURCE.test(entry.name)) out.push(full);
  }
  return out;
}

/** `app/submissions/[agency]/page.tsx` → `/submissions/[agency]`; route groups `(x)` vanish from the URL. */
function routeOf(appRelativeDir: string): string {
  const segments = appRelativeDir.split(path.sep).filter((s) => s && s !== "." && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

/** True when the module's first statement is the "use server" directive (comments may precede it). */
export function hasUseServerDirective(source: string): boolean {
  const code = source.replace(/^\uFEFF/, "").replace(/^(\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(code);
}

/** Names a module exports: `export const/let/function/async function/class X`, `export { a, b as c }`, `export default`. */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:const|let|var|function\*?|class)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  if (/^export\s+default\b/m.test(source)) names.add("default");
  return [...names];
}

export interface Discovery {
  endpoints: Endpoint[];
  /** Source constructs the matrix cannot test (inline server actions, metadata routes): each is a failure. */
  unsupported: string[];
}

export function discoverEndpoints(root: string): Discovery {
  const endpoints: Endpoint[] = [];
  const unsupported: string[] = [];
  const appDir = path.join(root, "app");
  for (const file of walk(appDir)) {
    const relative = path.relative(root, file);
    const inApp = path.relative(appDir, file);
    // Folders starting with "_" are private in the App Router: never routed.
    if (inApp.split(path.sep).some((s) => s.startsWith("_"))) continue;
    const base = path.basename(file);
    const dir = path.dirname(inApp);
    if (/^page\.(tsx?|jsx?|mdx)$/.test(base)) endpoints.push({ kind: "page", route: routeOf(dir), file: relative });
    else if (/^route\.(tsx?|jsx?)$/.test(base)) {
      const methods = exportedNames(readFileSync(file, "utf8")).filter((n): n is HttpMethod => (HTTP_METHODS as readonly string[]).includes(n));
      if (!methods.length) unsupported.push(`${relative}: a route handler without an exported HTTP method`);
      for (const method of methods) endpoints.push({ kind: "route", route: routeOf(dir), method, file: relative });
    } else if (UNSUPPORTED_SPECIAL_FILES.test(base) || dir.split(path.sep).some((s) => s.startsWith("@"))) {
      unsupported.push(`${relative}: a special App Router file the authorization matrix does not cover yet`);
    }
  }
  for (const top of ACTION_ROOTS) {
    for (const file of walk(path.join(root, top))) {
      const source = readFileSync(file, "utf8");
      const relative = path.relative(root, file).split(path.sep).join("/");
      if (hasUseServerDirective(source)) {
        for (const name of exportedNames(source)) endpoints.push({ kind: "action", module: relative, name, file: relative });
      } else if (/^\s*["']use server["'];?\s*$/m.test(source)) {
        // A server action declared inside a component or function gets an endpoint no table row names.
        unsupported.push(`${relative}: inline "use server" function; move it to a "use server" module so the matrix covers it`);
      }
    }
  }
  return { endpoints, unsupported };
}

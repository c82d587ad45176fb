import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Static map of which message namespaces reach the browser: the client modules a route renders (every module
 * imported, directly or not, from a "use client" file), the useTranslations namespaces they call, and the
 * namespaces the route's nearest <ClientMessages> (or the root layout) provides.
 */
export const ROOT = path.resolve(import.meta.dirname, "../..");

const EXTENSIONS = [".tsx", ".ts", "/index.tsx", "/index.ts"];
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g;
const NAMESPACE_CALL = /useTranslations\(([^)]*)\)/g;
// Form feedback (components/ui/action-form.tsx) looks errors up in the namespace its caller names.
const FORWARDED_NAMESPACE = /(?:useErrorText\(|namespace=\{?)\s*("[^"]*"|'[^']*'|[A-Za-z_]\w*)/g;
export const FORWARDING_MODULES = new Set(["components/ui/action-form.tsx"]);
const PROVIDED = /CLIENT_NAMESPACES\s*=\s*\[([^\]]*)\]/;

const sources = new Map<string, string>();
function source(file: string): string {
  let text = sources.get(file);
  if (text === undefined) {
    text = readFileSync(file, "utf8");
    sources.set(file, text);
  }
  return text;
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const ext of ["", ...EXTENSIONS]) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/** Modules imported at run time (type-only imports erased). */
export function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const match of source(file).matchAll(IMPORT)) {
    if (match[2]) continue;
    const target = resolveImport(file, match[3] ?? "");
    if (target) found.push(target);
  }
  return found;
}

export function isClientModule(file: string): boolean {
  return /^\s*(\/\/[^\n]*\n\s*)*["']use client["']/.test(source(file));
}

/** Namespaces a module asks for with useTranslations; "" stands for the whole catalogue. */
export function namespacesCalled(file: string): string[] {
  const text = source(file);
  const forwarding = FORWARDING_MODULES.has(path.relative(ROOT, file));
  const names: string[] = [];
  for (const match of text.matchAll(NAMESPACE_CALL)) {
    const argument = (match[1] ?? "").trim();
    if (forwarding && argument === "namespace") continue;
    names.push(literalNamespace(file, text, argument, "useTranslations"));
  }
  names.push(...forwardedNamespaces(file));
  return names;
}

/** Namespaces a module hands to the form feedback (components/ui/action-form.tsx), which reads them there. */
export function forwardedNamespaces(file: string): string[] {
  if (FORWARDING_MODULES.has(path.relative(ROOT, file))) return [];
  const text = source(file);
  return [...text.matchAll(FORWARDED_NAMESPACE)].map((match) => literalNamespace(file, text, match[1] ?? "", "namespace"));
}

/** A string literal, or a module constant holding one; anything else cannot be checked statically. */
export function literalNamespace(file: string, text: string, argument: string, where: string): string {
  if (argument === "") return "";
  const literal = /^["']([^"']*)["']$/.exec(argument);
  if (literal) return literal[1] ?? "";
  const constant = new RegExp(`const\\s+${argument}\\s*=\\s*["']([^"']*)["']`).exec(text);
  if (constant) return constant[1] ?? "";
  throw new Error(`${path.relative(ROOT, file)}: ${where} ${argument} is not a literal namespace`);
}

/** Client modules reachable from a route file: a "use client" module and everything below it. */
export function clientModulesOf(entry: string): Set<string> {
  const client = new Set<string>();
  const seenServer = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    const isClient = inClient || isClientModule(file);
    if (isClient) {
      if (client.has(file)) return;
      client.add(file);
    } else {
      if (seenServer.has(file)) return;
      seenServer.add(file);
    }
    for (const target of importsOf(file)) visit(target, isClient);
  };
  visit(entry, false);
  return client;
}

export function requiredNamespaces(entry: string): Map<string, string[]> {
  const required = new Map<string, string[]>();
  for (const file of clientModulesOf(entry)) {
    for (const name of namespacesCalled(file)) {
      const users = required.get(name) ?? [];
      if (!users.includes(path.relative(ROOT, file))) users.push(path.relative(ROOT, file));
      required.set(name, users);
    }
  }
  return required;
}

export function providedNamespaces(file: string): string[] | null {
  const match = PROVIDED.exec(source(file));
  if (!match) return null;
  return [...(match[1] ?? "").matchAll(/["']([^"']+)["']/g)].map((m) => m[1] ?? "");
}

/** The namespaces in effect for a route file: its own list, else the nearest layout's, up to the root. */
export function namespacesInEffect(routeFile: string): { namespaces: string[]; from: string } {
  const own = providedNamespaces(routeFile);
  if (own) return { namespaces: own, from: routeFile };
  let dir = path.dirname(routeFile);
  for (;;) {
    const layout = path.join(dir, "layout.tsx");
    if (existsSync(layout)) {
      const provided = providedNamespaces(layout);
      if (provided) return { namespaces: provided, from: layout };
    }
    if (dir === path.join(ROOT, "app")) throw new Error(`no provider above ${routeFile}`);
    dir = path.dirname(dir);
  }
}

export function covers(provided: string[], needed: string): boolean {
  return provided.some((name) => name === "" || needed === name || needed.startsWith(`${name}.`));
}

const ROUTE_FILES = /^(page|layout|error|not-found|forbidden|unauthorized|loading|template|default)\.tsx$/;

export function routeFiles(dir = path.join(ROOT, "app")): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...routeFiles(full));
    else if (ROUTE_FILES.test(name) && name !== "global-error.tsx") files.push(full);
  }
  return files;
}

/** Route files whose client modules call a namespace the route does not provide. */
export function missingNamespaces(): string[] {
  const problems: string[] = [];
  for (const file of routeFiles()) {
    const { namespaces, from } = namespacesInEffect(file);
    for (const [needed, users] of requiredNamespaces(file)) {
      if (!covers(namespaces, needed)) {
        problems.push(
          `${path.relative(ROOT, file)} renders ${users.join(", ")} using "${needed}", not provided by ${path.relative(ROOT, from)}`,
        );
      }
    }
  }
  return problems;
}

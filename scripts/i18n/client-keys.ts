import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { providerKey } from "@/i18n/provider-key";
import { FORWARDING_MODULES, ROOT, clientModulesOf, covers, forwardedNamespaces, literalNamespace, namespacesInEffect, routeFiles } from "./client-graph";

/**
 * The message keys the browser can need: every key a client module looks up, found in its source. A
 * translator bound with `const t = useTranslations("ns")` and called with a literal key (`t("a.b")`,
 * `t.rich("a")`, `t.has("a")`) needs "ns.a.b"; a template key (`t(`status.${s}`)`) needs the subtree before
 * the first substitution ("ns.status"); any other use (a computed key, the translator handed on) needs the
 * whole namespace. A namespace handed to the form feedback (components/ui/action-form.tsx) needs its
 * "errors" subtree. Kept per provider (the namespaces a layout or page hands <ClientMessages>): a provider
 * sends the browser only the keys the client modules of its own routes need.
 *
 *   npm run i18n:client-keys   # rewrites i18n/client-keys.json; tests/unit/client-messages.test.ts checks it is current
 */
export const CLIENT_KEYS_FILE = path.join(ROOT, "i18n", "client-keys.json");

const CALL = /useTranslations\(([^)]*)\)/g;
const BOUND = /(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*$/;

/** Key paths one module needs (sorted, without duplicates or paths inside another). */
export function keysNeededBy(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const forwarding = FORWARDING_MODULES.has(path.relative(ROOT, file));
  const needed: string[] = [];
  const bindings: { name: string; namespace: string; from: number; to: number }[] = [];
  for (const call of text.matchAll(CALL)) {
    const argument = (call[1] ?? "").trim();
    // The form feedback's own lookup is in the namespace its callers hand it (forwardedNamespaces).
    if (forwarding && argument === "namespace") continue;
    const namespace = literalNamespace(file, text, argument, "useTranslations");
    const bound = BOUND.exec(text.slice(Math.max(0, call.index! - 80), call.index!));
    // A translator not bound to a name (used in place, or chosen by a condition) may look up anything.
    if (!bound) needed.push(namespace);
    else bindings.push({ name: bound[1]!, namespace, from: call.index! - bound[0].length, to: call.index! + call[0].length });
  }
  for (const name of new Set(bindings.map((b) => b.name))) {
    const own = bindings.filter((b) => b.name === name);
    const uses = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
    for (const use of text.matchAll(uses)) {
      const at = use.index!;
      if (own.some((b) => at >= b.from && at < b.to)) continue;
      // The binding in force: the nearest one above (each component binds its own translator).
      const binding = own.filter((b) => b.from < at).at(-1);
      if (!binding) continue;
      const join = (key: string) => [binding.namespace, key].filter(Boolean).join(".");
      const after = text.slice(at + name.length);
      const literal = /^(?:\.(?:rich|markup|raw|has))?\(\s*(["'])([^"'`$]*)\1/.exec(after);
      const template = /^(?:\.(?:rich|markup|raw|has))?\(\s*`([^`$]*)/.exec(after);
      if (literal) needed.push(join(literal[2]!));
      else if (template) needed.push(join(template[1]!.split(".").slice(0, -1).join(".")));
      else needed.push(binding.namespace);
    }
  }
  for (const namespace of forwardedNamespaces(file)) needed.push(`${namespace}.errors`);
  return minimal(needed);
}

/** Drops paths covered by a shorter one ("flags" covers "flags.note"). */
function minimal(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort();
  return sorted.filter((p) => !sorted.some((other) => other !== p && (other === "" || p.startsWith(`${other}.`))));
}

/**
 * For each provider (a list of namespaces some layout or page hands <ClientMessages>), the key paths the client
 * modules of the routes under it need, within its namespaces. Providers with the same list share one entry.
 */
export function computeClientKeys(): Record<string, string[]> {
  const needed = new Map<string, string[]>();
  const add = (namespaces: string[], files: Iterable<string>) => {
    const key = providerKey(namespaces);
    const keys = needed.get(key) ?? [];
    // A key inside one of the provider's namespaces, or above one (a whole namespace, or the whole catalogue "").
    const relevant = (path: string) => covers(namespaces, path) || path === "" || namespaces.some((ns) => ns.startsWith(`${path}.`));
    for (const file of files) keys.push(...keysNeededBy(file).filter(relevant));
    needed.set(key, keys);
  };
  for (const route of routeFiles()) add(namespacesInEffect(route).namespaces, clientModulesOf(route));
  return Object.fromEntries([...needed.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, keys]) => [key, minimal(keys)]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, "scripts/i18n/client-keys.ts")) {
  const keys = computeClientKeys();
  writeFileSync(CLIENT_KEYS_FILE, `${JSON.stringify(keys, null, 2)}\n`);
  console.log(`key paths of ${Object.keys(keys).length} providers written to ${path.relative(ROOT, CLIENT_KEYS_FILE)}`);
}

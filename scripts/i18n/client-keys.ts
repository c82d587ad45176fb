import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, clientModulesOf, forwardedNamespaces, routeFiles } from "./client-graph";

/**
 * The message keys the browser can need: every key a client module looks up, found in its source. A
 * translator bound with `const t = useTranslations("ns")` and called with a literal key (`t("a.b")`,
 * `t.rich("a")`, `t.has("a")`) needs "ns.a.b"; a template key (`t(`status.${s}`)`) needs the subtree before
 * the first substitution ("ns.status"); any other use (a computed key, the translator handed on) needs the
 * whole namespace. A namespace handed to the form feedback (components/ui/action-form.tsx) needs its
 * "errors" subtree. <ClientMessages> sends the browser only these keys of the namespaces a route names.
 *
 *   npm run i18n:client-keys   # rewrites i18n/client-keys.json; tests/unit/client-messages.test.ts checks it is current
 */
export const CLIENT_KEYS_FILE = path.join(ROOT, "i18n", "client-keys.json");

const BINDING = /(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*useTranslations\(\s*(?:["']([^"']*)["'])?\s*\)/g;

/** Key paths one module needs (sorted, without duplicates or paths inside another). */
export function keysNeededBy(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const bindings = [...text.matchAll(BINDING)].map((m) => ({ name: m[1]!, namespace: m[2] ?? "", from: m.index!, to: m.index! + m[0].length }));
  const needed: string[] = [];
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

/** Every key path any route's client modules need. */
export function computeClientKeys(): string[] {
  const modules = new Set<string>();
  for (const route of routeFiles()) for (const file of clientModulesOf(route)) modules.add(file);
  for (const file of clientModulesOf(path.join(ROOT, "app", "global-error.tsx"))) modules.add(file);
  return minimal([...modules].flatMap((file) => keysNeededBy(file)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(ROOT, "scripts/i18n/client-keys.ts")) {
  const keys = computeClientKeys();
  writeFileSync(CLIENT_KEYS_FILE, `${JSON.stringify(keys, null, 2)}\n`);
  console.log(`${keys.length} key paths written to ${path.relative(ROOT, CLIENT_KEYS_FILE)}`);
}

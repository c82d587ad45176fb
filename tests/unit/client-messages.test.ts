import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { pickKeys, pickNamespaces } from "@/components/layout/client-messages";
import { CLIENT_KEYS_FILE, computeClientKeys, keysNeededBy } from "@/scripts/i18n/client-keys";
import { providerKey } from "@/i18n/provider-key";
import th from "@/messages/th.json";
import en from "@/messages/en.json";
import {
  ROOT,
  clientModulesOf,
  covers,
  missingNamespaces,
  namespacesCalled,
  namespacesInEffect,
  routeFiles,
} from "@/scripts/i18n/client-graph";

const file = (relative: string) => path.join(ROOT, relative);

describe("message namespaces sent to the browser", () => {
  it("every route provides the namespaces its client components use", () => {
    expect(missingNamespaces()).toEqual([]);
  });

  it("sees client components through the modules that render them", () => {
    const lagging = [...clientModulesOf(file("app/lagging/page.tsx"))].map((f) => path.relative(ROOT, f));
    expect(lagging).toContain("components/ui/use-action-form.ts");
    expect(namespacesCalled(file("components/reports/report-form.tsx"))).toContain("reports");
  });

  it("fails a route whose provider lacks a namespace", () => {
    const { namespaces } = namespacesInEffect(file("app/lagging/page.tsx"));
    expect(covers(namespaces, "flags")).toBe(true);
    expect(covers(namespaces.filter((name) => name !== "flags"), "flags")).toBe(false);
    expect(covers(["imports.history"], "imports")).toBe(false);
    expect(covers(["imports"], "imports.history")).toBe(true);
  });

  it("keeps the catalogue out of the shell: the root sends only its own namespaces", () => {
    expect(namespacesInEffect(file("app/layout.tsx")).namespaces.sort()).toEqual(["app", "errors"]);
    expect(routeFiles().length).toBeGreaterThan(30);
  });

  it("the list of keys the browser gets is current with the client components (npm run i18n:client-keys)", () => {
    expect(JSON.parse(readFileSync(CLIENT_KEYS_FILE, "utf8"))).toEqual(computeClientKeys());
  });

  it("every key the browser is sent exists in both catalogues (a key found wrongly would leave a component without its words)", () => {
    const exists = (catalogue: Record<string, unknown>, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalogue) !== undefined;
    // A form's own "errors" subtree is optional: the form feedback falls back to the app's errors.
    const keys = [...new Set(Object.values(computeClientKeys()).flat())].filter((key) => !key.endsWith(".errors"));
    expect(keys.filter((key) => !exists(th, key))).toEqual([]);
    expect(keys.filter((key) => !exists(en, key))).toEqual([]);
  });

  it("finds a client component's keys: literal, template prefix, and the whole namespace for a computed key", () => {
    const caseForms = keysNeededBy(file("components/flags/case-forms.tsx"));
    expect(caseForms).toEqual(expect.arrayContaining(["flags.caseOpened", "flags.errors", "flags.explanation"]));
    expect(caseForms).not.toContain("flags");
    // submission-form looks keys up from its data (t(code)): it needs its whole namespace.
    expect(keysNeededBy(file("components/assessments/submission-form.tsx"))).toContain("submissions");
    // A namespace held in a module constant (useTranslations(NS)) is resolved.
    expect(keysNeededBy(file("components/admin/open-data-forms.tsx"))).toContain("openDataAdmin.publish");
  });

  it("sends the worklist's browser far less than its namespaces: only the keys its client components use", () => {
    const namespaces = namespacesInEffect(file("app/lagging/page.tsx")).namespaces;
    const whole = JSON.stringify(pickNamespaces(th, namespaces)).length;
    const sent = pickKeys(pickNamespaces(th, namespaces), computeClientKeys()[providerKey(namespaces)]!);
    expect(JSON.stringify(sent).length).toBeLessThan(whole * 0.6);
    // A key the case forms use is there; the worklist's intro (server-rendered) is not.
    expect((sent.flags as Record<string, unknown>).caseOpened).toBe(th.flags.caseOpened);
    expect((sent.worklist as Record<string, unknown> | undefined)?.intro).toBeUndefined();
  });

  it("the shell sends the app's error words its error pages name, not every error of every form", () => {
    const root = computeClientKeys()[providerKey(namespacesInEffect(file("app/layout.tsx")).namespaces)]!;
    expect(root).toEqual(expect.arrayContaining(["errors.genericTitle", "errors.retry", "app.language"]));
    expect(root).not.toContain("errors");
  });

  it("picks whole and nested namespaces", () => {
    const messages = { a: { x: "1", y: { z: "2" } }, b: { c: "3" }, d: "4" };
    expect(pickNamespaces(messages, ["a.y", "d", "missing.key"])).toEqual({ a: { y: { z: "2" } }, d: "4" });
    expect(pickNamespaces(messages, ["b"])).toEqual({ b: { c: "3" } });
    expect(pickKeys(messages, ["a.y", "d"])).toEqual({ a: { y: { z: "2" } }, d: "4" });
    expect(pickKeys(messages, ["a.x", "a.y.z", "missing"])).toEqual({ a: { x: "1", y: { z: "2" } } });
  });
});

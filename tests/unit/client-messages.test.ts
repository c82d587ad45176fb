import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickNamespaces } from "@/components/layout/client-messages";
import {
  ROOT,
  clientModulesOf,
  covers,
  missingNamespaces,
  namespacesCalled,
  namespacesInEffect,
  routeFiles,
} from "./client-messages-graph";

const file = (relative: string) => path.join(ROOT, relative);

describe("message namespaces sent to the browser", () => {
  it("every route provides the namespaces its client components use", () => {
    expect(missingNamespaces()).toEqual([]);
  });

  it("sees client components through the modules that render them", () => {
    const lagging = [...clientModulesOf(file("app/lagging/page.tsx"))].map((f) => path.relative(ROOT, f));
    expect(lagging).toContain("components/ui/action-form.tsx");
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

  it("picks whole and nested namespaces", () => {
    const messages = { a: { x: "1", y: { z: "2" } }, b: { c: "3" }, d: "4" };
    expect(pickNamespaces(messages, ["a.y", "d", "missing.key"])).toEqual({ a: { y: { z: "2" } }, d: "4" });
    expect(pickNamespaces(messages, ["b"])).toEqual({ b: { c: "3" } });
  });
});

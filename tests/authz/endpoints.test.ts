import path from "node:path";
import { describe, expect, it } from "vitest";
import { discoverEndpoints, endpointKey, exportedNames, hasUseServerDirective } from "./discover";
import { entryKey, MATRIX, SUBJECTS, TOKEN_SUBJECTS } from "./matrix";

const root = path.resolve(import.meta.dirname, "../..");

describe("authorization matrix coverage", () => {
  const { endpoints, unsupported } = discoverEndpoints(root);
  const discovered = new Set(endpoints.map(endpointKey));
  const listed = new Set(MATRIX.map(entryKey));

  it("finds the app's endpoints in the source", () => {
    // A floor, so that a broken discovery (which would make every check below pass) cannot go unnoticed.
    expect(endpoints.filter((e) => e.kind === "page").length).toBeGreaterThanOrEqual(27);
    expect(endpoints.filter((e) => e.kind === "route").length).toBeGreaterThanOrEqual(19);
    expect(endpoints.filter((e) => e.kind === "action").length).toBeGreaterThanOrEqual(28);
    expect(discovered).toContain("page /submissions/[agency]/[period]/[component]");
    expect(discovered).toContain("DELETE /api/evidence/[id]");
    expect(discovered).toContain("POST /api/auth/[...nextauth]");
    expect(discovered).toContain("action app/lagging/actions.ts#respondToCaseAction");
  });

  it("has a row for every page, route handler method and server action in the code", () => {
    const missing = [...discovered].filter((key) => !listed.has(key)).sort();
    expect(missing, "add these endpoints to tests/authz/matrix.ts").toEqual([]);
  });

  it("has no row for an endpoint that no longer exists", () => {
    const stale = [...listed].filter((key) => !discovered.has(key)).sort();
    expect(stale, "remove (or rename) these rows of tests/authz/matrix.ts").toEqual([]);
  });

  it("meets no endpoint it cannot test (inline server actions, metadata routes, parallel routes)", () => {
    expect(unsupported).toEqual([]);
  });

  it("gives every state-changing route handler a cross-origin check by an allowed subject", () => {
    for (const entry of MATRIX) {
      if (!("route" in entry) || ["GET", "HEAD", "OPTIONS"].includes(entry.method)) continue;
      expect(entry.crossOrigin, `${entryKey(entry)} needs crossOrigin`).toBeDefined();
      const sameOrigin = entry.expect[entry.crossOrigin!.subject];
      expect(["ok", "invalid", "allowed"].includes(sameOrigin) || sameOrigin === entry.crossOrigin!.expect, entryKey(entry)).toBe(true);
    }
  });

  it("gives every token-protected /api/v1 route the answers of every token subject", () => {
    const v1 = MATRIX.filter((e) => "route" in e && e.route.startsWith("/api/v1/") && e.route !== "/api/v1/openapi.json");
    expect(v1.length).toBeGreaterThanOrEqual(8);
    for (const entry of v1) {
      expect("tokens" in entry && entry.tokens ? Object.keys(entry.tokens).sort() : [], entryKey(entry)).toEqual([...TOKEN_SUBJECTS].sort());
      // Dead tokens open nothing.
      if ("tokens" in entry && entry.tokens) expect([entry.tokens.expired_token, entry.tokens.revoked_token], entryKey(entry)).toEqual(["unauthenticated", "unauthenticated"]);
    }
  });

  it("expects agency-scoped records to be hidden from another agency's officer", () => {
    // Rows whose own-agency officer is served but whose sample names a DOPA record must answer 404 to Revenue's.
    for (const entry of MATRIX) {
      const sample = "path" in entry ? entry.path : JSON.stringify(entry.form ?? {});
      const namesRecord = /\{(agency|agencyId|case|report|evidence|submission|submittedSubmission)\}/.test(sample);
      if (!namesRecord || !["ok", "allowed", "invalid"].includes(entry.expect.agency_officer)) continue;
      expect(entry.expect.other_agency_officer, entryKey(entry)).toBe("not_found");
      // Reviewers out of scope of DOPA (another ministry's, a province's) learn nothing about its records either.
      for (const reviewer of ["province_reviewer", "other_ministry_reviewer"] as const) {
        expect(["not_found", "forbidden"], `${entryKey(entry)} as ${reviewer}`).toContain(entry.expect[reviewer]);
      }
    }
    expect(SUBJECTS).toHaveLength(10);
  });
});

describe("endpoint discovery", () => {
  it("reads the directive only when it is the module's first statement", () => {
    expect(hasUseServerDirective(`"use server";\nexport async function a() {}`)).toBe(true);
    expect(hasUseServerDirective(`// why\n/* note */\n'use server'\nexport const b = 1;`)).toBe(true);
    expect(hasUseServerDirective(`import x from "y";\n"use server";`)).toBe(false);
    expect(hasUseServerDirective(`"use client";\nexport function C() {}`)).toBe(false);
  });

  it("lists every kind of export", () => {
    const source = [
      "export const a = createFormAction();",
      "export async function b() {}",
      "export function c() {}",
      "export { handler as GET, handler as POST, d };",
      "export default async function e() {}",
      "const notExported = 1;",
    ].join("\n");
    expect(exportedNames(source).sort()).toEqual(["GET", "POST", "a", "b", "c", "d", "default"]);
  });
});

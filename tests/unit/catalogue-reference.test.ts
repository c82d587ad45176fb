// The reference catalogue names its platforms and services so that each can be monitored: every one the
// source document names has at least one KPI, and every KPI's platform exists in the registry.
import { describe, expect, it } from "vitest";
import { INDICATORS } from "@/lib/reference/data/indicators";
import { SERVICES } from "@/lib/reference/data/services";

describe("reference catalogue", () => {
  const kpisOf = (code: string) => INDICATORS.filter((i) => i.serviceCode === code).map((i) => i.code);

  it.each(SERVICES.map((s) => [s.code, s.nameEn] as const))("platform %s (%s) has at least one KPI", (code) => {
    expect(kpisOf(code).length).toBeGreaterThanOrEqual(1);
  });

  it("names the platforms the issue found without a KPI, each with one now", () => {
    for (const code of ["svc.info_go_th", "svc.ebudget", "svc.gfmis", "svc.linkage"]) expect(kpisOf(code), code).not.toEqual([]);
  });

  it("refers only to platforms in the registry", () => {
    const codes = new Set(SERVICES.map((s) => s.code));
    for (const i of INDICATORS.filter((x) => x.serviceCode)) expect(codes.has(i.serviceCode!), i.code).toBe(true);
  });

  it("gives every KPI both languages and a unit", () => {
    for (const i of INDICATORS) {
      expect([i.nameTh, i.nameEn, i.definitionTh, i.definitionEn, i.unitTh, i.unitEn].every((t) => t.trim().length > 0), i.code).toBe(true);
      expect(/[\u0E00-\u0E7F]/.test(i.nameTh), i.code).toBe(true);
    }
  });
});

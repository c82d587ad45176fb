import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { JOB_QUEUES } from "@/lib/jobs/queue";
import { AGENCY_TYPES, DGA_ROLES, INDICATOR_DIRECTIONS, INDICATOR_SOURCES, ROLES, VALUE_TYPES } from "@/core/enums";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("have the same keys in Thai and English, so no screen falls back to a raw key", () => {
    expect(keys(en).sort()).toEqual(keys(th).sort());
  });

  it.each([
    ["role", ROLES],
    ["agencyType", AGENCY_TYPES],
    ["dgaRole", DGA_ROLES],
    ["direction", INDICATOR_DIRECTIONS],
    ["source", INDICATOR_SOURCES],
    ["valueType", VALUE_TYPES],
  ] as const)("name every %s value in both languages", (group, values) => {
    for (const messages of [th, en]) {
      const table = (messages.enums as Record<string, Record<string, string>>)[group]!;
      for (const value of values) expect(table[value], `${group}.${value}`).toBeTruthy();
    }
  });

  it("name every job queue on the admin's jobs page in both languages, not by its code", () => {
    for (const messages of [th, en]) {
      const names = messages.jobs.queues as Record<string, string>;
      for (const queue of Object.values(JOB_QUEUES)) expect(names[queue.name], queue.name).toBeTruthy();
    }
  });

  it("are actually translated: Thai texts contain Thai script", () => {
    const thaiValues = keys(th).map((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], th) as string);
    const withThai = thaiValues.filter((v) => /[\u0E00-\u0E7F]/.test(v));
    expect(withThai.length / thaiValues.length).toBeGreaterThan(0.85);
  });

  it("call a reporting period by one name: ไตรมาส in Thai, quarter in English (eMENSCR's own column keeps its name)", () => {
    const at = (messages: unknown, key: string) => key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messages) as string;
    const namesTheFileColumn = (key: string, text: string) => key.endsWith("fields.reportingPeriod") || /คอลัมน์|column/.test(text);
    const thaiOthers = keys(th).filter((k) => /รอบรายงาน|รอบการรายงาน|งวดรายงาน|ห้วงการรายงาน|งวด|(^|[\s:])รอบ([\s{]|$)/.test(at(th, k)) && !namesTheFileColumn(k, at(th, k)));
    expect(thaiOthers.map((k) => `${k}: ${at(th, k)}`)).toEqual([]);
    const englishOthers = keys(en).filter((k) => /reporting period/i.test(at(en, k)) && !namesTheFileColumn(k, at(en, k)));
    expect(englishOthers.map((k) => `${k}: ${at(en, k)}`)).toEqual([]);
  });
});

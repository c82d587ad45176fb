import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { MEASURE_IDS } from "@/core/measures/catalogue";

type Words = Record<string, { name: string; definition: string }>;
const catalogues = { th: th.measures as unknown as Words, en: en.measures as unknown as Words };

describe("the catalogue of measures", () => {
  it.each(Object.entries(catalogues))("words every measure in %s, with a name and a definition", (_lang, words) => {
    for (const id of MEASURE_IDS) {
      expect(words[id]?.name, id).toBeTruthy();
      expect(words[id]?.definition, id).toBeTruthy();
    }
  });

  it.each(Object.entries(catalogues))("never gives two measures the same name in %s", (_lang, words) => {
    const names = MEASURE_IDS.map((id) => words[id]!.name.trim().toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it("keeps the figures of the fact layer and the assessments (forms) apart in name", () => {
    // "Completeness" meant both "figures received" and "assessments submitted": each now names what it counts.
    for (const words of Object.values(catalogues)) {
      expect(words.figures_received!.name).not.toEqual(words.forms_submitted!.name);
      expect(words.figures_received!.definition).toMatch(/แบบประเมิน|assessments/);
    }
  });
});

import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/core/auth/actor";
import en from "@/messages/en.json";
import th from "@/messages/th.json";
import { MEASURE_IDS } from "@/core/measures/catalogue";
import { GET as measuresRoute } from "@/app/api/measures/route";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor }));

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

describe("GET /api/measures", () => {
  const ask = (query: string) => measuresRoute(new Request(`http://lamnam.test/api/measures${query}`), { params: Promise.resolve({}) });

  it("answers a signed-in reader every measure with the words the screen shows, in the asked language", async () => {
    session.actor = { id: 7, role: "executive", agencyId: null, agencyCode: null, name: "E", email: "e@example.test", locale: "th" };
    const response = await ask("?locale=en");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { locale: string; measures: { id: string; unit: string; name: string; definition: string }[] };
    expect(body.locale).toBe("en");
    expect(body.measures.map((m) => m.id)).toEqual(MEASURE_IDS);
    const attainment = body.measures.find((m) => m.id === "attainment")!;
    expect(attainment).toMatchObject({ unit: "percent", name: catalogues.en.attainment!.name, definition: catalogues.en.attainment!.definition });
    expect(((await (await ask("")).json()) as { locale: string }).locale).toBe("th");
  });

  it("refuses an unknown language with a reason", async () => {
    session.actor = { id: 7, role: "executive", agencyId: null, agencyCode: null, name: "E", email: "e@example.test", locale: "th" };
    const response = await ask("?locale=fr");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_locale" });
  });
});

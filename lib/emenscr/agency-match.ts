// Matching the agency written in an export to an agency of the reference list. Exports spell names
// differently from the official list ("สำนักงานพัฒนารัฐบาลดิจิทัล" without "(องค์การมหาชน)", an
// abbreviation, a code whose leading zero Excel dropped), so matching folds the text and falls back to
// aliases the analyst mapped once, then to near-match suggestions.

import { normaliseText } from "@/core/parse/values";

export interface MatchableAgency {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string;
  abbrTh: string | null;
  abbrEn: string | null;
}

export interface AgencySuggestion {
  agencyId: number;
  code: string;
  nameTh: string;
  /** 0..1, higher is closer. */
  score: number;
}

export type AgencyMatch = { agencyId: number; by: "code" | "name" | "alias" } | { agencyId: null };

/** Case, spaces, punctuation and invisible characters folded; Thai letters and marks kept. */
export function normaliseAgencyKey(text: string): string {
  return normaliseText(text).toLowerCase().replace(/[^\p{L}\p{N}\p{M}]/gu, "");
}

export class AgencyMatcher {
  private readonly byCode = new Map<string, number>();
  private readonly byNumericCode = new Map<number, number>();
  private readonly byName = new Map<string, number>();
  private readonly aliases: Map<string, number>;
  private readonly suggestionCache = new Map<string, AgencySuggestion[]>();
  private readonly bigrams: { agency: MatchableAgency; grams: Map<string, number>[] }[];

  constructor(
    private readonly agencies: readonly MatchableAgency[],
    aliases: ReadonlyMap<string, number> = new Map(),
  ) {
    this.aliases = new Map(aliases);
    for (const a of agencies) {
      this.byCode.set(a.code.trim(), a.id);
      if (/^\d+$/.test(a.code)) this.byNumericCode.set(Number(a.code), a.id);
      for (const name of [a.nameTh, a.nameEn, a.abbrTh, a.abbrEn]) {
        if (!name) continue;
        const key = normaliseAgencyKey(name);
        if (key && !this.byName.has(key)) this.byName.set(key, a.id);
      }
    }
    this.bigrams = agencies.map((agency) => ({
      agency,
      grams: [agency.nameTh, agency.nameEn].map((n) => bigramsOf(normaliseAgencyKey(n))),
    }));
  }

  /** By code first (the exact code, or the same number when Excel dropped leading zeros), then by name, then aliases. */
  match(rawCode: string | null, rawName: string | null): AgencyMatch {
    if (rawCode) {
      const code = normaliseText(rawCode);
      const exact = this.byCode.get(code);
      if (exact !== undefined) return { agencyId: exact, by: "code" };
      if (/^\d+$/.test(code)) {
        const numeric = this.byNumericCode.get(Number(code));
        if (numeric !== undefined) return { agencyId: numeric, by: "code" };
      }
      const alias = this.aliases.get(normaliseAgencyKey(code));
      if (alias !== undefined) return { agencyId: alias, by: "alias" };
    }
    if (rawName) {
      const key = normaliseAgencyKey(rawName);
      const byName = this.byName.get(key);
      if (byName !== undefined) return { agencyId: byName, by: "name" };
      const alias = this.aliases.get(key);
      if (alias !== undefined) return { agencyId: alias, by: "alias" };
    }
    return { agencyId: null };
  }

  /** Up to `limit` agencies whose names are close to the raw name (Dice coefficient on character pairs). */
  suggest(rawName: string | null, limit = 3, minimumScore = 0.45): AgencySuggestion[] {
    if (!rawName) return [];
    const key = normaliseAgencyKey(rawName);
    const cached = this.suggestionCache.get(key);
    if (cached) return cached;
    const grams = bigramsOf(key);
    const scored: AgencySuggestion[] = [];
    for (const { agency, grams: candidates } of this.bigrams) {
      const score = Math.max(...candidates.map((c) => dice(grams, c)));
      if (score >= minimumScore) scored.push({ agencyId: agency.id, code: agency.code, nameTh: agency.nameTh, score: Math.round(score * 100) / 100 });
    }
    scored.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    const result = scored.slice(0, limit);
    this.suggestionCache.set(key, result);
    return result;
  }
}

function bigramsOf(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = Array.from(text);
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0;
  let shared = 0;
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  if (total === 0) return 0;
  for (const [gram, n] of a) shared += Math.min(n, b.get(gram) ?? 0);
  return (2 * shared) / total;
}

// An agency's data-quality score for a period, from what the fact layer knows:
// - completeness: of the figures expected from the agency (each indicator of each component it
//   contributes to; "latest" platform figures only from the platform's owner), the share that arrived
//   as approved facts;
// - timeliness: of those that arrived, the share recorded by the period's due date (end of the due day,
//   Bangkok time). The fact's recordedAt is the moment the figure entered the fact layer: submission or
//   import approval time for the real streams;
// - validity: of those that arrived, the share that counts (owed, possible for its type, confirmed when
//   unusual: lib/facts/derive/rollups.ts).
// score = completeness × timeliness × validity, as a percentage. Nothing expected: no score (null).

export interface DataQualityInput {
  expected: number;
  present: number;
  onTime: number;
  valid: number;
}

export interface DataQuality {
  completeness: number | null;
  timeliness: number | null;
  validity: number | null;
  /** 0–100, null when nothing was expected. */
  score: number | null;
}

export function dataQuality({ expected, present, onTime, valid }: DataQualityInput): DataQuality {
  if (expected <= 0) return { completeness: null, timeliness: null, validity: null, score: null };
  const completeness = Math.min(present, expected) / expected;
  if (present <= 0) return { completeness: 0, timeliness: null, validity: null, score: 0 };
  const timeliness = Math.min(onTime, present) / present;
  const validity = Math.min(valid, present) / present;
  return { completeness, timeliness, validity, score: completeness * timeliness * validity * 100 };
}

/** Share of expected figures present for a group (the overview's "completeness"). */
export function completenessShare(present: number, expected: number): number | null {
  return expected > 0 ? Math.min(present, expected) / expected : null;
}

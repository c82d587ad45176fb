// Where an import's time goes, for the benchmark and for logs. Phases overlap when reading and writing
// run side by side (the database works on one chunk while the next is parsed), so their sum can exceed
// the wall time.

export const IMPORT_PHASES = [
  /** Unzipping and reading cells (xlsx) or decoding and splitting records (csv). */
  "read",
  /** Header recognition, typing and checking each row, duplicate codes. */
  "validate",
  /** Agency matching, component rules and content hashes (in the app). */
  "match",
  /** Database: staging the rows and classifying them new / changed / unchanged. */
  "diff",
  /** Database: writing projects, progress, before-images and component links. */
  "write",
  /** Database: the eMENSCR facts of the imported periods, in the import's transaction. */
  "facts",
  /** Database: COMMIT. */
  "commit",
  /** Database: fresh planner statistics of the eMENSCR tables, after the commit. */
  "analyze",
  /** After the commit: dashboard rollups and lagging flags of the imported periods. */
  "after",
] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
/** Milliseconds per phase. */
export type ImportTimings = Partial<Record<ImportPhase, number>>;

export function addTiming(timings: ImportTimings | undefined, phase: ImportPhase, startedAt: number): void {
  if (timings) timings[phase] = (timings[phase] ?? 0) + (performance.now() - startedAt);
}

/** Runs `work` and adds its duration to the phase. */
export async function timed<T>(timings: ImportTimings | undefined, phase: ImportPhase, work: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    return await work();
  } finally {
    addTiming(timings, phase, startedAt);
  }
}

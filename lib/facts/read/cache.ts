import "server-only";
import { cache as perRequest } from "react";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { createReadThroughCache } from "@/db/read-through-cache";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";
import { selectReportingPeriod } from "@/core/fiscal/reporting-period";

// Dashboard reads, cached in this process per scope, arguments and derived version. The version of
// each period's derived rows (derived_versions, bumped by each refresh in the transaction that rewrites
// them) is read first, one small query per render, and is part of the key: a refresh committed anywhere
// (another instance, the worker) makes the next read miss, so no figure is older than the last committed
// refresh. A read that looks only at its period and earlier ones (the overview's trend) is keyed by those
// periods' versions alone: approvals in the quarter being reported now do not empty the cache of the quarter
// the dashboards show. A read of the eMENSCR tables (the budget panels, the project lists) is keyed by their
// own version instead (data_versions, moved by every eMENSCR write). Every read is keyed by the catalogue's
// version as well (indicators, agencies and their tree, components, periods: moved by triggers), so an edit
// there shows on the next read; the time to live bounds the memory of answers no longer asked for.

const TIME_TO_LIVE_MS = 60_000;
/** For reads keyed by their source data's own version, which dashboard refreshes do not move: they live longer. */
const SOURCE_TIME_TO_LIVE_MS = 10 * 60_000;

/**
 * Bounded by entries and by their size as JSON (characters; DASHBOARD_CACHE_MB, 16 by default). The objects
 * take a few times their JSON in the heap, and every refresh retires the entries of its period, so the cache
 * stays full under load: with 64, two instances under `bench:load` at about 33 answers a second ran out of a
 * 384 MB heap within four minutes.
 */
const cache = createReadThroughCache<object>("dashboard", {
  max: 1000,
  maxSize: (Number(process.env.DASHBOARD_CACHE_MB) || 16) * 1_000_000,
  sizeCalculation: (value) => JSON.stringify(value).length || 1,
  ttl: TIME_TO_LIVE_MS,
});

/**
 * Reads of one period that name no caller (cachedPeriodRead): rows, and a few large arrays of numbers per
 * component and quarter. Their derived rows change only with the version they are keyed by, so they live as
 * long as source-keyed reads; 16 MB at most, by an estimate of their size in the heap.
 */
const periodReads = createReadThroughCache<object>("dashboard-period-reads", { max: 4000, maxSize: 16_000_000, sizeCalculation: estimateBytes, ttl: SOURCE_TIME_TO_LIVE_MS });

/** Roughly what a period read's answer takes in the heap: typed arrays by their bytes, anything else by the row. */
function estimateBytes(value: object): number {
  const ROW = 256;
  if (value instanceof Map) {
    let bytes = ROW;
    for (const entry of value.values()) bytes += ArrayBuffer.isView(entry) ? entry.byteLength : ROW;
    return bytes;
  }
  return Array.isArray(value) ? ROW * (value.length + 1) : ROW;
}

let reads = 0;

/** Test and benchmark support: the underlying reads performed so far, and a way to start over. */
export const dashboardCacheStats = {
  reads: () => reads,
  clear: () => {
    cache.clear();
    periodReads.clear();
  },
};

/**
 * Whose view it is: DGA-wide roles share one; agency roles (and reviewers) see national figures plus their
 * own agency, so each agency has its own, unless the read says its answer names no agency (`national`).
 */
function scopeKey(actor: Actor, national: boolean): string {
  if (can(actor, "agency.view_all")) return "dga";
  return national ? "restricted" : `agency:${actor.agencyId ?? "none"}`;
}

/** How a cached read depends on its arguments, beyond the arguments themselves. */
export interface CachedReadOptions<A> {
  /** For a read of one period and earlier ones only: the period code its arguments ask for (none: the default period). */
  periodOf?: (args: A) => string | null | undefined;
  /**
   * True when, with these arguments, the read's answer to an agency role does not depend on which agency
   * (national aggregates): every agency role then shares one cached answer, instead of one per agency.
   */
  national?: (args: A) => boolean;
  /** The answer depends on no caller at all (national data whatever the role): one cached answer for everyone. */
  everyone?: true;
  /**
   * For a read of one component's derived rows only: its code (or id, as text). The answer is keyed by that
   * component's versions, so refreshes that change other components leave it cached.
   */
  componentOf?: (args: A) => string;
  /**
   * What the answer is computed from, besides the agency tree: the derived rows (by default, keyed by their
   * versions), or the eMENSCR tables (keyed by their own version, which only eMENSCR writes move; such an
   * answer is kept SOURCE_TIME_TO_LIVE_MS, approvals and figure refreshes do not empty it).
   */
  source?: "derived" | "emenscr";
}

interface PeriodVersion {
  id: number;
  code: string;
  startsOn: string;
  endsOn: string;
  dueOn: string;
  /** "version:epoch of its change", "" before the period's first refresh. */
  version: string;
  /**
   * The same per component, for the components a refresh has changed (derived_component_versions), under
   * both its code and its id (codes are words, so the two never meet).
   */
  components: Record<string, string>;
}

/** The versions dashboard reads are keyed by. */
interface ReadVersions {
  /** Every period with its derived versions, oldest first. */
  periods: PeriodVersion[];
  /** The catalogue's and the eMENSCR tables' versions (data_versions), "" before their first change. */
  catalogue: string;
  emenscr: string;
}

/** Every version a dashboard read is keyed by, in one statement: read once per server render (React's cache). */
const readVersions = perRequest(async (): Promise<ReadVersions> => {
  const source = (name: string) => sql`(select version || ':' || extract(epoch from changed_at) from data_versions where name = ${name})`;
  const result = await getDb().execute<{
    id: number | null;
    code: string | null;
    starts_on: string | null;
    ends_on: string | null;
    due_on: string | null;
    version: string | null;
    components: Record<string, string> | null;
    catalogue: string | null;
    emenscr: string | null;
  }>(sql`
    select p.id, p.code, p.starts_on::text, p.ends_on::text, p.due_on::text, v.version || ':' || extract(epoch from v.changed_at) as version,
      (select jsonb_object_agg(k.key, cv.version || ':' || extract(epoch from cv.changed_at))
       from derived_component_versions cv join components c on c.id = cv.component_id cross join lateral (values (c.code), (c.id::text)) k(key)
       where cv.period_id = p.id) as components,
      ${source("catalogue")} as catalogue, ${source("emenscr")} as emenscr
    -- One row even without periods (an empty database), so the data versions still come back.
    from (select 1) one left join (periods p left join derived_versions v on v.period_id = p.id) on true
    order by p.starts_on, p.id`);
  const first = result.rows[0];
  return {
    periods: result.rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: Number(r.id),
        code: r.code!,
        startsOn: r.starts_on!,
        endsOn: r.ends_on!,
        dueOn: r.due_on!,
        version: r.version ?? "",
        components: r.components ?? {},
      })),
    catalogue: first?.catalogue ?? "",
    emenscr: first?.emenscr ?? "",
  };
});

/**
 * The derived versions a read depends on: every period's, or with `upTo` (a code, or the default period) those
 * up to it; with `component`, that component's version in each of those periods instead of the whole period's.
 */
function derivedVersionKey(periods: PeriodVersion[], upTo?: { period: string | null | undefined }, component?: string): string {
  const last = upTo ? selectReportingPeriod(periods, upTo.period, todayInBangkok()) : undefined;
  return periods
    .filter((p) => !last || p.startsOn <= last.startsOn)
    .map((p) => `${p.id}:${component === undefined ? p.version : (p.components[component] ?? "")}`)
    .join(",");
}

/**
 * Wraps a dashboard read (actor first, then plain JSON arguments) so repeated questions are answered
 * from memory. Results are copied on the way out, so a caller changing one cannot change the cache.
 */
export function cachedDashboardRead<A extends unknown[], R extends object>(
  name: string,
  read: (actor: Actor, ...args: A) => Promise<R>,
  options: CachedReadOptions<NoInfer<A>> = {},
) {
  return async (actor: Actor, ...args: A): Promise<R> => {
    if (!can(actor, "dashboard.view")) throw new ForbiddenError();
    if (process.env.DASHBOARD_CACHE === "off") return read(actor, ...args);
    const { periods, catalogue, emenscr } = await readVersions();
    const versions =
      options.source === "emenscr"
        ? `emenscr:${emenscr}`
        : derivedVersionKey(periods, options.periodOf ? { period: options.periodOf(args) } : undefined, options.componentOf?.(args));
    const scope = options.everyone ? "everyone" : scopeKey(actor, options.national?.(args) ?? false);
    // The catalogue's version too: a new indicator, a renamed agency or a moved one shows on the next read.
    const key = JSON.stringify([name, scope, todayInBangkok(), versions, catalogue, args]);
    const value = await cache.fetch(key, {
      ttl: options.source === "emenscr" ? SOURCE_TIME_TO_LIVE_MS : TIME_TO_LIVE_MS,
      context: () => {
        reads++;
        return read(actor, ...args);
      },
    });
    return structuredClone(value as R);
  };
}

/**
 * A read of one period's derived rows that names no caller (the caller has checked access itself), shared
 * by every caller and kept per that period's derived version alone: refreshes of other quarters leave it.
 * With `componentOf` (a component's code or id, as text), for a read of one component's rows: kept per that
 * component's version in the period. Keyed by the catalogue's version too, for the agencies' names and tree.
 * Takes several periods at once (their versions are read in one statement) and answers one value each.
 * Not copied on the way out: callers must not change what it returns.
 */
export function cachedPeriodRead<A extends unknown[], R extends object>(
  name: string,
  read: (periodId: number, ...args: A) => Promise<R>,
  options: { componentOf?: (args: A) => string } = {},
) {
  return async (periodIds: readonly number[], ...args: A): Promise<R[]> => {
    if (process.env.DASHBOARD_CACHE === "off") return Promise.all(periodIds.map((id) => read(id, ...args)));
    const { periods: versions, catalogue } = await readVersions();
    const component = options.componentOf?.(args);
    return Promise.all(
      periodIds.map(async (periodId) => {
        const period = versions.find((p) => p.id === periodId);
        const version = (component === undefined ? period?.version : period?.components[component]) ?? "";
        const key = JSON.stringify([name, periodId, version, catalogue, args]);
        return (await periodReads.fetch(key, { context: () => read(periodId, ...args) })) as R;
      }),
    );
  };
}

import "server-only";
import { cache as perRequest } from "react";
import { LRUCache } from "lru-cache";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { ForbiddenError } from "@/core/errors";
import { todayInBangkok } from "@/core/fiscal/calendar";

// Dashboard reads, cached in this process per scope, arguments and derived version. The version of
// every period's derived rows (derived_versions, bumped by each refresh in the transaction that rewrites
// them) is read first, one small query per call, and is part of the key: a refresh committed anywhere
// (another instance, the worker) makes the next read miss, so no figure is older than the last committed
// refresh. Other edits (catalogue names, the agency tree) reach the cache through its time to live.

const TIME_TO_LIVE_MS = 60_000;

/** Bounded by entries and by their size as JSON (characters; DASHBOARD_CACHE_MB, 64 by default). */
const cache = new LRUCache<string, object, () => Promise<object>>({
  max: 1000,
  maxSize: (Number(process.env.DASHBOARD_CACHE_MB) || 64) * 1_000_000,
  sizeCalculation: (value) => JSON.stringify(value).length || 1,
  ttl: TIME_TO_LIVE_MS,
  // Concurrent misses of one key share a single read; a failed read is not kept.
  fetchMethod: (_key, _stale, { context }) => context(),
});

let reads = 0;

/** Test and benchmark support: the underlying reads performed so far, and a way to start over. */
export const dashboardCacheStats = {
  reads: () => reads,
  clear: () => cache.clear(),
};

/** Whose view it is: DGA-wide roles share one; agency roles (and reviewers) see national figures plus their own agency. */
function scopeKey(actor: Actor): string {
  return can(actor, "agency.view_all") ? "dga" : `agency:${actor.agencyId ?? "none"}`;
}

/**
 * Every period's derived version and when it moved, as one string ("" before the first refresh): read
 * once per server render (React's cache), so a page of several dashboard reads asks once.
 */
const derivedVersionKey = perRequest(async (): Promise<string> => {
  const result = await getDb().execute<{ v: string | null }>(
    sql`select string_agg(period_id || ':' || version || ':' || extract(epoch from changed_at), ',' order by period_id) as v from derived_versions`,
  );
  return result.rows[0]?.v ?? "";
});

/**
 * Wraps a dashboard read (actor first, then plain JSON arguments) so repeated questions are answered
 * from memory. Results are copied on the way out, so a caller changing one cannot change the cache.
 */
export function cachedDashboardRead<A extends unknown[], R extends object>(name: string, read: (actor: Actor, ...args: A) => Promise<R>) {
  return async (actor: Actor, ...args: A): Promise<R> => {
    if (!can(actor, "dashboard.view")) throw new ForbiddenError();
    if (process.env.DASHBOARD_CACHE === "off") return read(actor, ...args);
    const key = JSON.stringify([name, scopeKey(actor), todayInBangkok(), await derivedVersionKey(), args]);
    const value = await cache.fetch(key, {
      context: () => {
        reads++;
        return read(actor, ...args);
      },
    });
    return structuredClone(value as R);
  };
}

import { LRUCache } from "lru-cache";

/** The read a miss runs, handed to `fetch` as its context. */
export type ReadThrough<V> = () => Promise<V>;

/**
 * An LRU cache filled by the read each `fetch` is given: concurrent misses of one key share that read, a
 * failed read is not kept. A read still running when its entry is pushed out (by size, count or a newer
 * entry) still answers its callers, only it is not kept: lru-cache would otherwise reject them with
 * "evicted" (an HTTP 500 under `bench:load`, where every refresh retires entries while others are read).
 */
export function createReadThroughCache<V extends object>(options: Omit<LRUCache.Options<string, V, ReadThrough<V>>, "fetchMethod" | "ignoreFetchAbort">) {
  return new LRUCache<string, V, ReadThrough<V>>({
    ...options,
    ignoreFetchAbort: true,
    fetchMethod: (_key, _stale, { context }) => context(),
  } as LRUCache.Options<string, V, ReadThrough<V>>);
}

import { LRUCache } from "lru-cache";

/** The read a miss runs, handed to `fetch` as its context. */
export type ReadThrough<V> = () => Promise<V>;

type ReadThroughOptions<V extends object> = Omit<LRUCache.Options<string, V, ReadThrough<V>>, "fetchMethod" | "ignoreFetchAbort">;

/**
 * An LRU cache filled by the read each `fetch` is given: concurrent misses of one key share that read, a
 * failed read is not kept. A read still running when its entry is pushed out (by size, count or a newer
 * entry) still answers its callers, only it is not kept: lru-cache would otherwise reject them with
 * "evicted" (an HTTP 500 under `bench:load`, where every refresh retires entries while others are read).
 *
 * One per process and `id`, kept on globalThis: Next bundles the pages and the route handlers apart, each
 * with its own copy of the modules that create caches, so a module-level cache was filled twice (a figure
 * read for the overview page was read again for its JSON route) and took its memory budget twice. `id`
 * names the read, unique across the code: two reads under one id would answer each other's keys.
 */
export function createReadThroughCache<V extends object>(id: string, options: ReadThroughOptions<V>): LRUCache<string, V, ReadThrough<V>> {
  const create = () =>
    new LRUCache<string, V, ReadThrough<V>>({
      ...options,
      ignoreFetchAbort: true,
      fetchMethod: (_key, _stale, { context }) => context(),
    } as LRUCache.Options<string, V, ReadThrough<V>>);
  // `next dev` reloads an edited module: its cache goes with it rather than answer in the old code's shape.
  if (process.env.NODE_ENV === "development") return create();
  const processWide = globalThis as { [slot: symbol]: LRUCache<string, V, ReadThrough<V>> | undefined };
  return (processWide[Symbol.for(`lamnam.read-through-cache.${id}`)] ??= create());
}

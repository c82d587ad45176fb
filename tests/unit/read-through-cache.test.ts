import { describe, expect, it, vi } from "vitest";
import { createReadThroughCache } from "@/db/read-through-cache";

/** A read that answers when told to, counting how often it ran. */
function deferredRead<V>(value: V) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let runs = 0;
  return {
    read: async () => {
      runs++;
      await released;
      return value;
    },
    release: () => release(),
    runs: () => runs,
  };
}

describe("read-through cache", () => {
  it("answers a read pushed out of the cache while it ran, without keeping it", async () => {
    const cache = createReadThroughCache<{ figure: number }>("test.pushed-out", { max: 1 });
    const slow = deferredRead({ figure: 1 });
    const pending = cache.fetch("a", { context: slow.read });
    // A second key fills the only place while the first read still runs.
    expect(await cache.fetch("b", { context: async () => ({ figure: 2 }) })).toEqual({ figure: 2 });
    slow.release();
    expect(await pending).toEqual({ figure: 1 });
    expect(cache.has("a")).toBe(false);
    expect(await cache.fetch("b", { context: async () => ({ figure: 99 }) })).toEqual({ figure: 2 });
  });

  it("runs one read for concurrent misses of a key, and keeps no failed read", async () => {
    const cache = createReadThroughCache<{ figure: number }>("test.concurrent", { max: 10 });
    const slow = deferredRead({ figure: 7 });
    const both = Promise.all([cache.fetch("k", { context: slow.read }), cache.fetch("k", { context: slow.read })]);
    slow.release();
    expect(await both).toEqual([{ figure: 7 }, { figure: 7 }]);
    expect(slow.runs()).toBe(1);
    await expect(cache.fetch("broken", { context: () => Promise.reject(new Error("database down")) })).rejects.toThrow("database down");
    expect(await cache.fetch("broken", { context: async () => ({ figure: 3 }) })).toEqual({ figure: 3 });
  });

  it("is one cache per process and id, whichever copy of the module asks (Next bundles pages and routes apart)", async () => {
    const forPages = createReadThroughCache<{ figure: number }>("test.shared", { max: 10 });
    expect(await forPages.fetch("overview", { context: async () => ({ figure: 42 }) })).toEqual({ figure: 42 });
    // A second copy of the module, as the route handlers' bundle loads it.
    vi.resetModules();
    const copy = await import("@/db/read-through-cache");
    expect(copy.createReadThroughCache).not.toBe(createReadThroughCache);
    const forRoutes = copy.createReadThroughCache<{ figure: number }>("test.shared", { max: 10 });
    const reread = vi.fn(async () => ({ figure: -1 }));
    expect(await forRoutes.fetch("overview", { context: reread })).toEqual({ figure: 42 });
    expect(reread).not.toHaveBeenCalled();
    // Another id is another cache.
    expect(await copy.createReadThroughCache<{ figure: number }>("test.other", { max: 10 }).fetch("overview", { context: async () => ({ figure: 7 }) })).toEqual({ figure: 7 });
  });
});

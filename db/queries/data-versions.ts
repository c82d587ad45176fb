import "server-only";
import { cache as perRequest } from "react";
import { sql } from "drizzle-orm";
import { getDb, isProcessDb, type Queryable } from "@/db/client";
import { createReadThroughCache } from "@/db/read-through-cache";

/**
 * Source data whose version cached reads follow (db/schema/dashboard.ts, dataVersions): the eMENSCR tables,
 * moved by the code that writes them; the catalogue (components, elements, services, indicators, agencies,
 * their component tags, SROI inputs, periods, indicator versions, app_meta), moved by triggers on those tables
 * (drizzle/0031, 0033); the flags, moved by a trigger on them (drizzle/0034).
 */
export type DataVersionName = "emenscr" | "catalogue" | "flags";

/**
 * Moves the version of `name`, inside the transaction that changes its data: readers see the new version
 * only with the new data. Call it last in the transaction, as it holds the version's row until commit.
 */
export async function bumpDataVersion(tx: Queryable, name: Exclude<DataVersionName, "catalogue" | "flags">): Promise<void> {
  await tx.execute(sql`insert into data_versions (name, version) values (${name}, 1)
    on conflict (name) do update set version = data_versions.version + 1, changed_at = clock_timestamp()`);
}

/** The version of `name` as committed ("version:epoch of its change"; "" before its first change). */
export async function readDataVersion(db: Queryable, name: DataVersionName): Promise<string> {
  const result = await db.execute<{ version: string }>(sql`select version || ':' || extract(epoch from changed_at) as version from data_versions where name = ${name}`);
  return result.rows[0]?.version ?? "";
}

/** Every committed version, in one statement: a render that needs two reads them together. */
const readDataVersionsOfRender = perRequest(async (): Promise<Map<string, string>> => {
  const result = await getDb().execute<{ name: string; version: string }>(sql`select name, version || ':' || extract(epoch from changed_at) as version from data_versions`);
  return new Map(result.rows.map((row) => [row.name, row.version]));
});

/**
 * The committed version of `name`, read once per server render with the others (React's cache; elsewhere, as
 * in a server action or a route handler, on every call). A render's reads all follow the versions it read first.
 */
export async function readDataVersionOfRender(name: DataVersionName): Promise<string> {
  return (await readDataVersionsOfRender()).get(name) ?? "";
}

/**
 * A read kept in this process per version of its source data and its arguments (plain JSON values): the
 * version is read first (one row), and a changed version is a miss, so no answer outlives the data it came
 * from. Reads through the caller's `db`: inside a transaction, against what the transaction sees (the version
 * too; outside one, the version this render read first). Answers are copied on the way out; concurrent misses
 * share one read; a failed read is not kept. One per process under `id` (db/read-through-cache.ts).
 */
export function cachedByDataVersion<A extends unknown[], R extends object>(name: DataVersionName, id: string, read: (db: Queryable, ...args: A) => Promise<R>, max = 200) {
  return keptByDataVersion(createReadThroughCache<R>(id, { max }), name, read, (answer) => structuredClone(answer));
}

/**
 * As cachedByDataVersion, for large answers read often (a national quarter's scored worklist: copying its
 * thousands of rows cost a page more than reading them): kept deeply frozen and handed out as they are, so
 * callers read them only (a write throws). Bounded by the rows kept (`maxRows` over every answer, each an
 * array), not only by answers: one national answer weighs as much as thousands of narrow ones.
 */
export function frozenByDataVersion<A extends unknown[], R extends readonly object[]>(name: DataVersionName, id: string, read: (db: Queryable, ...args: A) => Promise<R>, maxRows: number) {
  const kept = createReadThroughCache<R>(id, { max: 1000, maxSize: maxRows, sizeCalculation: (rows) => Math.max(1, rows.length) });
  return keptByDataVersion(kept, name, async (db: Queryable, ...args: A) => deepFreeze(await read(db, ...args)), (answer) => answer);
}

function keptByDataVersion<A extends unknown[], R extends object, Out>(
  kept: ReturnType<typeof createReadThroughCache<R>>,
  name: DataVersionName,
  read: (db: Queryable, ...args: A) => Promise<R>,
  handOut: (answer: R) => Out,
) {
  return async (db: Queryable, ...args: A): Promise<Out> => {
    const version = isProcessDb(db) ? await readDataVersionOfRender(name) : await readDataVersion(db, name);
    const key = `${version}|${JSON.stringify(args)}`;
    return handOut((await kept.fetch(key, { context: () => read(db, ...args) })) as R);
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/**
 * Source data whose version cached reads follow (db/schema/dashboard.ts, dataVersions): the eMENSCR tables,
 * moved by the code that writes them; who owes which figures ("owed"), moved by triggers (drizzle/0031).
 */
export type DataVersionName = "emenscr" | "owed";

/**
 * Moves the version of `name`, inside the transaction that changes its data: readers see the new version
 * only with the new data. Call it last in the transaction, as it holds the version's row until commit.
 */
export async function bumpDataVersion(tx: Queryable, name: Exclude<DataVersionName, "owed">): Promise<void> {
  await tx.execute(sql`insert into data_versions (name, version) values (${name}, 1)
    on conflict (name) do update set version = data_versions.version + 1, changed_at = clock_timestamp()`);
}

/** The version of `name` as committed ("version:epoch of its change"; "" before its first change). */
export async function readDataVersion(db: Queryable, name: DataVersionName): Promise<string> {
  const result = await db.execute<{ version: string }>(sql`select version || ':' || extract(epoch from changed_at) as version from data_versions where name = ${name}`);
  return result.rows[0]?.version ?? "";
}

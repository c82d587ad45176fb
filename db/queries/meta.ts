import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { appMeta } from "@/db/schema";
import { cachedByDataVersion } from "./data-versions";

/** Whether this database holds the demo data (every page's banner says so). */
export async function isDemoDatabase(): Promise<boolean> {
  return (await readDemoMark(getDb())).demo;
}

/** The demo seed's mark, kept per catalogue version (app_meta's writes move it: drizzle/0033). */
const readDemoMark = cachedByDataVersion("catalogue", "meta.readDemoMark", async (db: Queryable) => {
  const [row] = await db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, "demo_seed")).limit(1);
  return { demo: Boolean(row) };
});

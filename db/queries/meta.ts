import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appMeta } from "@/db/schema";

export async function isDemoDatabase(): Promise<boolean> {
  const [row] = await getDb().select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, "demo_seed")).limit(1);
  return Boolean(row);
}

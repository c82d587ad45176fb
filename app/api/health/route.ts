import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { explainConnectionError, getDatabaseKind, getDb } from "@/db/client";
import { log } from "@/core/log";

export const dynamic = "force-dynamic";

// Public liveness/readiness probe: says whether the database answers, never how it is configured.
export async function GET() {
  try {
    await getDb().execute(sql`select 1`);
    return NextResponse.json({ status: "ok", database: getDatabaseKind() });
  } catch (error) {
    log("error", "health.database_unreachable", { reason: explainConnectionError(error) });
    return NextResponse.json({ status: "unavailable" }, { status: 503 });
  }
}

import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/core/api/openapi";

/** The API's description: public, so that a system's developers can read it before they hold a token. */
export async function GET() {
  return NextResponse.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}

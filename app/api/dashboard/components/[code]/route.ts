import { NextResponse } from "next/server";
import { getComponentDashboard } from "@/lib/facts/read/component";
import { parseDashboardFilters } from "@/core/dashboard/filters";
import { parseCodeParam, withActor } from "@/lib/http/route";

export const GET = withActor<{ params: Promise<{ code: string }> }>("dashboard.view", async (request, { actor, params }) => {
  const code = parseCodeParam((await params).code, "component");
  const { filters } = parseDashboardFilters(new URL(request.url).searchParams);
  return NextResponse.json(await getComponentDashboard(actor, code, filters));
});

import { NextResponse } from "next/server";
import { getAgencyDashboard } from "@/lib/facts/read/agency";
import { parseDashboardFilters } from "@/core/dashboard/filters";
import { parseCodeParam, withActor } from "@/lib/http/route";

// Other agencies' dashboards answer 404 to agency roles (getAgencyDashboard throws NotFoundError).
export const GET = withActor<{ params: Promise<{ code: string }> }>("dashboard.view", async (request, { actor, params }) => {
  const code = parseCodeParam((await params).code, "agency");
  const { filters } = parseDashboardFilters(new URL(request.url).searchParams);
  return NextResponse.json(await getAgencyDashboard(actor, code, filters));
});

import { NextResponse } from "next/server";
import { getDashboardOverview } from "@/lib/facts/read/overview";
import { parseDashboardFilters } from "@/core/dashboard/filters";
import { withActor } from "@/lib/http/route";

export const GET = withActor("dashboard.view", async (request, { actor }) => {
  const { filters } = parseDashboardFilters(new URL(request.url).searchParams);
  return NextResponse.json(await getDashboardOverview(actor, filters));
});

import { NextResponse } from "next/server";
import { z } from "zod";
import { listFigureProvenance } from "@/lib/facts/read/provenance";
import { dashboardFiltersSchema } from "@/core/dashboard/filters";
import { parseQuery, withActor } from "@/lib/http/route";

const querySchema = z.object({
  indicator: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
  period: dashboardFiltersSchema.shape.period,
  ministry: dashboardFiltersSchema.shape.ministry.optional(),
  type: dashboardFiltersSchema.shape.type.optional(),
  agency: z.string().regex(/^[0-9A-Za-z._-]{1,32}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const GET = withActor("dashboard.view", async (request, { actor }) => {
  return NextResponse.json(await listFigureProvenance(actor, parseQuery(request, querySchema)));
});

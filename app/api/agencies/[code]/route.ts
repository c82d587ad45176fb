import { NextResponse } from "next/server";
import { getAgencyProfile } from "@/db/queries/ecosystem";
import { parseCodeParam, withActor } from "@/lib/http/route";

type Context = { params: Promise<{ code: string }> };

/** An agency's profile as JSON, for client widgets; same scope as the page (other agencies: 404). */
export const GET = withActor<Context>("dashboard.view", async (_request, { params, actor }) => {
  return NextResponse.json(await getAgencyProfile(actor, parseCodeParam((await params).code, "agency")));
});

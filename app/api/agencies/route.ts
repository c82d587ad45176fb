import { NextResponse } from "next/server";
import { z } from "zod";
import { AGENCY_CHOICE_LIMIT, searchAgencyChoices } from "@/db/queries/ecosystem";
import { AGENCY_CHOICE_KINDS } from "@/core/enums";
import { parseQuery, withActor } from "@/lib/http/route";

const querySchema = z.object({
  // Typed text: no control characters (a NUL cannot even be compared in a query), no essays.
  q: z.string().trim().regex(/^[^\u0000-\u001F\u007F]{1,100}$/),
  kind: z.enum(AGENCY_CHOICE_KINDS).default("any"),
  component: z.string().regex(/^[0-9A-Za-z._-]{1,40}$/).optional(),
  limit: z.coerce.number().int().min(1).max(AGENCY_CHOICE_LIMIT).default(20),
});

/**
 * Agencies matching typed text, for the agency pickers of forms: only those the caller may see (agency
 * roles: their own agency), by code, a short list.
 */
export const GET = withActor("dashboard.view", async (request, { actor }) => {
  const { q, kind, component, limit } = parseQuery(request, querySchema);
  return NextResponse.json({ agencies: await searchAgencyChoices(actor, { query: q, kind, componentCode: component, limit }) });
});

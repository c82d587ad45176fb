import "server-only";
import { cache as perRequest } from "react";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { agencies } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { canViewAgency } from "@/core/auth/permissions";
import { NotFoundError } from "@/core/errors";

export interface VisibleAgency {
  id: number;
  code: string;
  nameTh: string;
  nameEn: string;
}

/**
 * The agency with this code, if the caller may see it. An unknown agency and one outside the caller's
 * scope are the same NotFoundError, so an agency role cannot probe which codes exist.
 */
export async function getVisibleAgency(actor: Actor, code: string): Promise<VisibleAgency> {
  const agency = await agencyByCode(code);
  if (!agency || !canViewAgency(actor, agency.id)) throw new NotFoundError("agency");
  return { ...agency };
}

/** An agency's names by its code, read once per server render (a profile's sections each ask). */
const agencyByCode = perRequest(async (code: string): Promise<VisibleAgency | undefined> => {
  const [agency] = await getDb()
    .select({ id: agencies.id, code: agencies.code, nameTh: agencies.nameTh, nameEn: agencies.nameEn })
    .from(agencies)
    .where(eq(agencies.code, code))
    .limit(1);
  return agency;
});

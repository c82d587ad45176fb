import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getVisibleAgency } from "@/db/queries/agencies";
import { agencies, components, periods } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can } from "@/core/auth/permissions";
import { isAgencyRole, LOCALES } from "@/core/enums";
import { ForbiddenError, NotFoundError, ValidationError } from "@/core/errors";
import { REPORT_FORMATS, REPORT_SCOPES, REPORT_SPANS, type ReportScopeKind } from "@/core/reports/enums";

/** A report request as the form, the route handler and the CLI give it; shared by client and server. */
export const reportRequestSchema = z
  .object({
    /** A quarter ("2570Q1"); for a yearly report also the fiscal year ("2570"). */
    period: z.string().trim().regex(/^\d{4}(Q[1-4])?$/, "invalidPeriod"),
    span: z.enum(REPORT_SPANS, { message: "invalidSpan" }).default("quarter"),
    scope: z.enum(REPORT_SCOPES, { message: "invalidScope" }),
    code: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => (v ? v : undefined)),
    format: z.enum(REPORT_FORMATS, { message: "invalidFormat" }),
    locale: z.enum(LOCALES).default("th"),
  })
  .superRefine((value, ctx) => {
    if (value.scope !== "national" && !value.code) ctx.addIssue({ code: "custom", path: ["code"], message: "scopeCodeRequired" });
    // A bare fiscal year is a year's report only (a malformed period is already reported by its own rule).
    if (value.span === "quarter" && /^\d{4}$/.test(value.period)) ctx.addIssue({ code: "custom", path: ["period"], message: "invalidPeriod" });
  })
  .transform((value) => ({ ...value, code: value.scope === "national" ? undefined : value.code }));
export type ReportRequest = z.output<typeof reportRequestSchema>;

export interface ResolvedScope {
  kind: ReportScopeKind;
  code: string | null;
  nameTh: string;
  nameEn: string;
  /** The agency or ministry the report is about (null for national and component reports). */
  agencyId: number | null;
}

export interface ResolvedRequest {
  request: ReportRequest;
  periodId: number;
  scope: ResolvedScope;
}

const NATIONAL: Omit<ResolvedScope, "kind"> = { code: null, nameTh: "ระดับประเทศ", nameEn: "National", agencyId: null };

/**
 * Checks a request against the caller's role and agency, the same scope as the dashboards: DGA roles may
 * report on anything; agency roles only on their own agency (asking for the country or a component is
 * forbidden; another agency does not exist for them).
 */
export async function resolveReportRequest(actor: Actor, request: ReportRequest): Promise<ResolvedRequest> {
  if (!can(actor, "report.export")) throw new ForbiddenError();
  if (isAgencyRole(actor.role) && request.scope !== "agency") throw new ValidationError({ scope: ["reportOwnAgencyOnly"] });
  const db = getDb();
  if (request.span === "year") {
    // A year's report is anchored on the year's last quarter so far (its fourth, once the year is set up).
    const [last] = await db
      .select({ id: periods.id, code: periods.code })
      .from(periods)
      .where(eq(periods.fiscalYear, Number(request.period.slice(0, 4))))
      .orderBy(desc(periods.quarter))
      .limit(1);
    if (!last) throw new NotFoundError("period");
    return { request: { ...request, period: last.code }, periodId: last.id, scope: await resolveScope(actor, request) };
  }
  const [period] = await db.select({ id: periods.id }).from(periods).where(eq(periods.code, request.period)).limit(1);
  if (!period) throw new NotFoundError("period");
  return { request, periodId: period.id, scope: await resolveScope(actor, request) };
}

async function resolveScope(actor: Actor, request: ReportRequest): Promise<ResolvedScope> {
  const db = getDb();
  const code = request.code ?? "";
  switch (request.scope) {
    case "national":
      return { kind: "national", ...NATIONAL };
    case "component": {
      const [row] = await db.select().from(components).where(eq(components.code, code)).limit(1);
      if (!row) throw new NotFoundError("component");
      return { kind: "component", code: row.code, nameTh: row.nameTh, nameEn: row.nameEn, agencyId: null };
    }
    case "ministry": {
      const [row] = await db
        .select()
        .from(agencies)
        .where(and(eq(agencies.code, code), eq(agencies.type, "ministry")))
        .limit(1);
      if (!row) throw new NotFoundError("ministry");
      return { kind: "ministry", code: row.code, nameTh: row.nameTh, nameEn: row.nameEn, agencyId: row.id };
    }
    case "agency": {
      const row = await getVisibleAgency(actor, code);
      return { kind: "agency", code: row.code, nameTh: row.nameTh, nameEn: row.nameEn, agencyId: row.id };
    }
  }
}

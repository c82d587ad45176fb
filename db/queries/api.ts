import "server-only";
import { and, asc, count, desc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { agencies, apiTokens, caseFlags, components, flagRules, flags, followUpCases, periods, reports, users } from "@/db/schema";
import type { ApiScope } from "@/core/api/tokens";

// Reads for the versioned API (/api/v1), each narrowed to the token's scope: a national token sees every
// agency, a ministry token the ministry and the agencies whose nearest ministry it is, an agency token
// that agency only. The scope goes into `where`, never into a filter after the query.

/** The ids of the agencies in a scope as a subquery, or null for a national scope (no restriction). */
export function scopeAgencyIdsSql(scope: ApiScope): SQL | null {
  if (scope.kind === "national") return null;
  if (scope.kind === "agency") return sql`(select ${scope.agencyId}::int)`;
  return sql`(with recursive below as (
      select m.id, m.type, 0 as depth from agencies m where m.id = ${scope.agencyId}
      union all
      select c.id, c.type, b.depth + 1 from below b join agencies c on c.parent_id = b.id where b.depth < 8 and (b.depth = 0 or b.type <> 'ministry')
    ) select id from below)`;
}

const inScope = (scope: ApiScope, column: SQLWrapper): SQL | undefined => {
  const ids = scopeAgencyIdsSql(scope);
  return ids ? sql`${column} in ${ids}` : undefined;
};

/** An agency by code with whether the scope covers it (null: no such agency). */
export async function findAgencyForScope(scope: ApiScope, code: string) {
  const ids = scopeAgencyIdsSql(scope);
  const [row] = await getDb()
    .select({
      id: agencies.id,
      code: agencies.code,
      nameTh: agencies.nameTh,
      nameEn: agencies.nameEn,
      type: agencies.type,
      active: agencies.active,
      inScope: ids ? sql<boolean>`${agencies.id} in ${ids}` : sql<boolean>`true`,
    })
    .from(agencies)
    .where(eq(agencies.code, code))
    .limit(1);
  return row ?? null;
}

export interface ApiListOptions {
  periodCode?: string;
  limit: number;
  offset: number;
}

const flagAgency = alias(agencies, "flag_agency");

export async function listApiFlags(scope: ApiScope, options: ApiListOptions) {
  const where = and(inScope(scope, flags.agencyId), options.periodCode ? eq(periods.code, options.periodCode) : undefined);
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: flags.id,
        ruleCode: flagRules.code,
        ruleVersion: flags.ruleVersion,
        agencyCode: flagAgency.code,
        period: periods.code,
        componentCode: components.code,
        subjectType: flags.subjectType,
        subjectKey: flags.subjectKey,
        severity: flags.severity,
        status: flags.status,
        firstSeenAt: flags.firstSeenAt,
        recoveredAt: flags.recoveredAt,
      })
      .from(flags)
      .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
      .innerJoin(flagAgency, eq(flagAgency.id, flags.agencyId))
      .innerJoin(periods, eq(periods.id, flags.periodId))
      .leftJoin(components, eq(components.id, flags.componentId))
      .where(where)
      .orderBy(desc(periods.startsOn), asc(flagAgency.code), asc(flags.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: count() }).from(flags).innerJoin(periods, eq(periods.id, flags.periodId)).where(where),
  ]);
  return { total: Number(total?.n ?? 0), rows };
}

export async function listApiCases(scope: ApiScope, options: ApiListOptions) {
  const where = and(inScope(scope, followUpCases.agencyId), options.periodCode ? eq(periods.code, options.periodCode) : undefined);
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: followUpCases.id,
        agencyCode: agencies.code,
        period: periods.code,
        status: followUpCases.status,
        dueOn: followUpCases.dueOn,
        flagIds: sql<number[]>`coalesce((select array_agg(cf.flag_id order by cf.flag_id) from ${caseFlags} cf where cf.case_id = ${followUpCases.id}), '{}')`,
        createdAt: followUpCases.createdAt,
        updatedAt: followUpCases.updatedAt,
      })
      .from(followUpCases)
      .innerJoin(agencies, eq(agencies.id, followUpCases.agencyId))
      .innerJoin(periods, eq(periods.id, followUpCases.periodId))
      .where(where)
      .orderBy(desc(periods.startsOn), asc(followUpCases.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: count() }).from(followUpCases).innerJoin(periods, eq(periods.id, followUpCases.periodId)).where(where),
  ]);
  return { total: Number(total?.n ?? 0), rows: rows.map((r) => ({ ...r, flagIds: r.flagIds.map(Number) })) };
}

/**
 * Report metadata in the scope: a national token every report; a narrower one the reports about an
 * agency (or ministry) in its scope, never national or component reports (they cover other agencies).
 */
export async function listApiReports(scope: ApiScope, options: ApiListOptions) {
  const ids = scopeAgencyIdsSql(scope);
  const where = and(ids ? sql`${reports.scopeAgencyId} in ${ids}` : undefined, options.periodCode ? eq(periods.code, options.periodCode) : undefined);
  const db = getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: reports.id,
        period: periods.code,
        span: reports.span,
        scope: reports.scope,
        scopeCode: reports.scopeCode,
        format: reports.format,
        locale: reports.locale,
        status: reports.status,
        dataAsOf: reports.dataAsOf,
        sizeBytes: reports.sizeBytes,
        sha256: reports.sha256,
        createdAt: reports.createdAt,
        finishedAt: reports.finishedAt,
      })
      .from(reports)
      .innerJoin(periods, eq(periods.id, reports.periodId))
      .where(where)
      .orderBy(desc(reports.createdAt), desc(reports.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: count() }).from(reports).innerJoin(periods, eq(periods.id, reports.periodId)).where(where),
  ]);
  return { total: Number(total?.n ?? 0), rows };
}

const tokenAgency = alias(agencies, "token_agency");
const creator = alias(users, "creator");

/** Every token for the administrators' page, newest first (never the hash). */
export async function listApiTokens() {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      agencyCode: tokenAgency.code,
      agencyNameTh: tokenAgency.nameTh,
      agencyNameEn: tokenAgency.nameEn,
      canWrite: apiTokens.canWrite,
      prefix: apiTokens.prefix,
      rateLimitPerMinute: apiTokens.rateLimitPerMinute,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
      createdByName: creator.name,
    })
    .from(apiTokens)
    .leftJoin(tokenAgency, eq(tokenAgency.id, apiTokens.agencyId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdById))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { listAssignableUsers } from "./users";
import { canViewAgencyFollowUp } from "./review-levels";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Queryable } from "@/db/client";
import { cachedByDataVersion, readDataVersionOfRender } from "./data-versions";
import { agencies, agencyFlagSummaries, caseAttachments, caseEvents, caseFlags, components, flagRules, flags, followUpCases, periods, users } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can, canViewAgency } from "@/core/auth/permissions";
import { isAgencyRole, isReviewerRole, type AgencyType } from "@/core/enums";
import { ForbiddenError, NotFoundError } from "@/core/errors";
import { SEVERITIES, type Severity } from "@/core/flags/rules";

const SEVERITY_RANK = sql<number>`case ${flags.severity} when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`;

/** An agency's ministry (its parent), joined under its own name. */
const ministry = alias(agencies, "ministry");

export const LAGGING_SORTS = ["severity", "case_age"] as const;
export type LaggingSort = (typeof LAGGING_SORTS)[number];

export interface ListLaggingOptions {
  periodId: number;
  minSeverity?: Severity;
  ministryCode?: string;
  /** Only flags concerning this ecosystem component (its indicator, form, score or project). */
  componentCode?: string;
  /** Only agencies with a follow-up case past its due date. */
  overdueOnly?: boolean;
  /** Worst first (default), or the agencies whose follow-up has been open longest first. */
  sort?: LaggingSort;
  today: string;
}

/**
 * What a flag is about, by name in one language: the indicator (indicator:CODE), the component (score:CODE,
 * submission:CODE), else the code after the colon (a project code).
 */
export function flagSubjectName(language: "th" | "en") {
  const column = sql.raw(language === "th" ? "name_th" : "name_en");
  const code = sql`split_part(${flags.subjectKey}, ':', 2)`;
  return sql<string>`case split_part(${flags.subjectKey}, ':', 1)
    when 'indicator' then coalesce((select i.${column} from indicators i where i.code = ${code}), ${code})
    when 'score' then coalesce((select c.${column} from components c where c.code = ${code}), ${code})
    when 'submission' then coalesce((select c.${column} from components c where c.code = ${code}), ${code})
    else ${code} end`;
}

/**
 * Agencies with open flags in a period, worst first: how many flags, the worst severity, which rules,
 * their follow-up cases and how many are overdue. Agency roles see their own agency only.
 */
export async function listLaggingAgencies(actor: Actor, options: ListLaggingOptions, window?: { limit: number; offset: number }) {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  const filters = laggingFilters(actor, options);
  const caseStats = sql`(select json_build_object(
      'open', count(*) filter (where c.status in ('open', 'in_progress')),
      'overdue', count(*) filter (where c.status in ('open', 'in_progress') and c.due_on < ${options.today}),
      'oldest', min(c.created_at) filter (where c.status in ('open', 'in_progress')))
    from ${followUpCases} c where c.agency_id = ${agencies.id} and c.period_id = ${options.periodId})`;
  const rows = await getDb()
    .select({
      agencyId: agencies.id,
      code: agencies.code,
      nameTh: agencies.nameTh,
      nameEn: agencies.nameEn,
      ministryNameTh: ministry.nameTh,
      ministryNameEn: ministry.nameEn,
      flagCount: sql<number>`count(*)`.mapWith(Number),
      worst: sql<number>`max(${SEVERITY_RANK})`.mapWith(Number),
      rulesTh: sql<string[]>`array_agg(distinct ${flagRules.nameTh})`,
      rulesEn: sql<string[]>`array_agg(distinct ${flagRules.nameEn})`,
      cases: sql<{ open: number; overdue: number; oldest: string | null }>`${caseStats}`,
    })
    .from(flags)
    .innerJoin(agencies, eq(agencies.id, flags.agencyId))
    .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
    .leftJoin(ministry, eq(ministry.id, agencies.parentId))
    .where(and(...filters))
    .groupBy(agencies.id, ministry.id)
    .orderBy(
      ...(options.sort === "case_age"
        ? [sql`(select min(c.created_at) from ${followUpCases} c where c.agency_id = ${agencies.id} and c.period_id = ${options.periodId} and c.status in ('open', 'in_progress')) asc nulls last`]
        : []),
      desc(sql`max(${SEVERITY_RANK})`),
      desc(sql`count(*)`),
      asc(agencies.code),
    )
    .limit(window?.limit ?? Number.MAX_SAFE_INTEGER)
    .offset(window?.offset ?? 0);
  return rows.map((r) => ({ ...r, worstSeverity: SEVERITIES[r.worst - 1]! }));
}

/** The lagging agencies a page at a time (the page clamped to the last), with how many there are in all. */
export async function pageLaggingAgencies(actor: Actor, options: ListLaggingOptions, requestedPage: number, pageSize: number) {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  const [counted] = await getDb()
    .select({ n: sql<number>`count(distinct ${flags.agencyId})`.mapWith(Number) })
    .from(flags)
    .innerJoin(agencies, eq(agencies.id, flags.agencyId))
    .leftJoin(ministry, eq(ministry.id, agencies.parentId))
    .where(and(...laggingFilters(actor, options)));
  const total = counted?.n ?? 0;
  const page = Math.min(requestedPage, Math.max(1, Math.ceil(total / pageSize)));
  const rows = total ? await listLaggingAgencies(actor, options, { limit: pageSize, offset: (page - 1) * pageSize }) : [];
  return { rows, total, page, pageSize };
}

function laggingFilters(actor: Actor, options: ListLaggingOptions): (SQL | undefined)[] {
  const filters: (SQL | undefined)[] = [eq(flags.periodId, options.periodId), eq(flags.status, "open")];
  if (isAgencyRole(actor.role)) filters.push(eq(flags.agencyId, actor.agencyId ?? -1));
  if (options.minSeverity) filters.push(sql`${SEVERITY_RANK} >= ${SEVERITIES.indexOf(options.minSeverity) + 1}`);
  if (options.ministryCode) filters.push(eq(ministry.code, options.ministryCode));
  if (options.componentCode) filters.push(sql`${flags.componentId} = (select ${components.id} from ${components} where ${components.code} = ${options.componentCode})`);
  if (options.overdueOnly) {
    filters.push(sql`exists (select 1 from ${followUpCases} c where c.agency_id = ${flags.agencyId} and c.period_id = ${options.periodId}
      and c.status in ('open', 'in_progress') and c.due_on < ${options.today})`);
  }
  return filters;
}

/**
 * The part of the country an overview shows (its ministry and agency-type filters): a ministry's agencies are
 * those whose nearest ministry it is, as the worklist groups them (agency_flag_summaries), so the overview's
 * counts and the worklist opened with the same filters agree. Empty: the whole country.
 */
export interface FlagCountScope {
  ministryCode?: string | null;
  agencyType?: AgencyType | null;
}

/**
 * A part of the country is chosen by the agency tree as well as by the flags: its counts are kept per catalogue
 * version too (an agency given another type or parent changes them without a flag changing).
 */
async function scopeKeyOf(scope: FlagCountScope): Promise<[string | null, AgencyType | null, string]> {
  const scoped = Boolean(scope.ministryCode || scope.agencyType);
  return [scope.ministryCode ?? null, scope.agencyType ?? null, scoped ? await readDataVersionOfRender("catalogue") : ""];
}

function inFlagScope(scope: { ministryCode: string | null; agencyType: AgencyType | null }): SQL | undefined {
  return and(
    scope.ministryCode
      ? sql`exists (select 1 from ${agencyFlagSummaries} s join ${agencies} m on m.id = s.ministry_id
          where s.agency_id = ${flags.agencyId} and s.period_id = ${flags.periodId} and m.code = ${scope.ministryCode})`
      : undefined,
    scope.agencyType ? sql`exists (select 1 from ${agencies} a where a.id = ${flags.agencyId} and a.type = ${scope.agencyType})` : undefined,
  );
}

/**
 * Open flag counts for the period (executive overview), in the overview's scope. Agency roles count their own
 * agency only, whatever the scope.
 */
export async function countOpenFlags(actor: Actor, periodId: number, scope: FlagCountScope = {}): Promise<{ flags: number; agencies: number }> {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  if (!isAgencyRole(actor.role)) return readOpenFlags(getDb(), periodId, ...(await scopeKeyOf(scope)));
  const [row] = await getDb()
    .select(OPEN_FLAG_COUNTS)
    .from(flags)
    .where(and(eq(flags.periodId, periodId), eq(flags.status, "open"), eq(flags.agencyId, actor.agencyId ?? -1)));
  return row!;
}

/**
 * Open flags per ecosystem component for the map (agency-wide findings such as disbursement belong to
 * no component and are left out), in the overview's scope. Agency roles count their own agency only.
 */
export async function countOpenFlagsByComponent(actor: Actor, periodId: number, scope: FlagCountScope = {}): Promise<Map<string, { agencies: number; flags: number }>> {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  if (!isAgencyRole(actor.role)) return readOpenFlagsByComponent(getDb(), periodId, ...(await scopeKeyOf(scope)));
  return openFlagsByComponent(getDb(), periodId, eq(flags.agencyId, actor.agencyId ?? -1));
}

const OPEN_FLAG_COUNTS = { flags: sql<number>`count(*)`.mapWith(Number), agencies: sql<number>`count(distinct ${flags.agencyId})`.mapWith(Number) };

async function openFlagsByComponent(db: Queryable, periodId: number, scope?: SQL): Promise<Map<string, { agencies: number; flags: number }>> {
  const rows = await db
    .select({ code: components.code, ...OPEN_FLAG_COUNTS })
    .from(flags)
    .innerJoin(components, eq(components.id, flags.componentId))
    .where(and(eq(flags.periodId, periodId), eq(flags.status, "open"), scope))
    .groupBy(components.code);
  return new Map(rows.map((r) => [r.code, { agencies: r.agencies, flags: r.flags }]));
}

// The counts of the country or a part of it group a quarter's tens of thousands of flags (11–28 ms each): kept
// per flags version and scope (scopeKeyOf).
const readOpenFlags = cachedByDataVersion("flags", "flags.readOpenFlags", async (db: Queryable, periodId: number, ministryCode: string | null, agencyType: AgencyType | null, _catalogueVersion: string) => {
  const [row] = await db
    .select(OPEN_FLAG_COUNTS)
    .from(flags)
    .where(and(eq(flags.periodId, periodId), eq(flags.status, "open"), inFlagScope({ ministryCode, agencyType })));
  return row!;
});
const readOpenFlagsByComponent = cachedByDataVersion("flags", "flags.readOpenFlagsByComponent", (db: Queryable, periodId: number, ministryCode: string | null, agencyType: AgencyType | null, _catalogueVersion: string) =>
  openFlagsByComponent(db, periodId, inFlagScope({ ministryCode, agencyType })),
);

/** What a page shows of a flag: its state, what it is about (by name), why, and its rule's name. */
const FLAG_FIELDS = {
  id: flags.id,
  status: flags.status,
  severity: flags.severity,
  subjectKey: flags.subjectKey,
  subjectTh: flagSubjectName("th"),
  subjectEn: flagSubjectName("en"),
  evidence: flags.evidence,
  ruleNameTh: flagRules.nameTh,
  ruleNameEn: flagRules.nameEn,
};

/** One agency's flags in a period with the case each belongs to (agency roles: their own agency only). */
export type AgencyFlagList = Awaited<ReturnType<typeof listAgencyFlags>>;

export async function listAgencyFlags(actor: Actor, agencyCode: string, periodId: number) {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  const db = getDb();
  const [agency] = await db.select().from(agencies).where(eq(agencies.code, agencyCode));
  if (!agency || !canViewAgency(actor, agency.id)) throw new NotFoundError("agency");
  const rows = await db
    .select({
      ...FLAG_FIELDS,
      ruleCode: flagRules.code,
      ruleVersion: flags.ruleVersion,
      firstSeenAt: flags.firstSeenAt,
      recoveredAt: flags.recoveredAt,
      caseId: sql<number | null>`(select max(${caseFlags.caseId}) from ${caseFlags} where ${caseFlags.flagId} = ${flags.id})`,
    })
    .from(flags)
    .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
    .where(and(eq(flags.agencyId, agency.id), eq(flags.periodId, periodId)))
    .orderBy(asc(flags.status), desc(SEVERITY_RANK), asc(flagRules.code), asc(flags.subjectKey));
  const cases = await db
    .select()
    .from(followUpCases)
    .where(and(eq(followUpCases.agencyId, agency.id), eq(followUpCases.periodId, periodId)))
    .orderBy(desc(followUpCases.id));
  return { agency, flags: rows, cases };
}

/** A follow-up case with its flags and timeline; another agency's case is "not found" to agency roles. */
export async function getCaseDetail(actor: Actor, caseId: number) {
  // Reviewers read the cases of the agencies they review (escalation notices link there); scope checked below.
  if (!can(actor, "flags.view") && !isReviewerRole(actor.role)) throw new ForbiddenError();
  const db = getDb();
  const assignee = alias(users, "assignee");
  const [row] = await db
    .select({ kase: followUpCases, agency: agencies, period: periods, assigneeName: assignee.name })
    .from(followUpCases)
    .innerJoin(agencies, eq(agencies.id, followUpCases.agencyId))
    .innerJoin(periods, eq(periods.id, followUpCases.periodId))
    .leftJoin(assignee, eq(assignee.id, followUpCases.assigneeId))
    .where(eq(followUpCases.id, caseId));
  if (!row || !(await canViewAgencyFollowUp(db, actor, row.agency.id))) throw new NotFoundError("case");
  const [caseFlagRows, events, attachments, analysts] = await Promise.all([
    db
      .select(FLAG_FIELDS)
      .from(caseFlags)
      .innerJoin(flags, eq(flags.id, caseFlags.flagId))
      .innerJoin(flagRules, eq(flagRules.id, flags.ruleId))
      .where(eq(caseFlags.caseId, caseId)),
    db
      .select({ event: caseEvents, actorName: users.name, actorRole: users.role })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.actorId))
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.id)),
    db
      .select({
        id: caseAttachments.id,
        title: caseAttachments.title,
        fileName: caseAttachments.fileName,
        sizeBytes: caseAttachments.sizeBytes,
        sha256: caseAttachments.sha256,
        createdAt: caseAttachments.createdAt,
        uploadedBy: users.name,
      })
      .from(caseAttachments)
      .innerJoin(users, eq(users.id, caseAttachments.uploadedById))
      .where(eq(caseAttachments.caseId, caseId))
      .orderBy(asc(caseAttachments.id)),
    can(actor, "flags.manage") ? listAssignableUsers(actor) : Promise.resolve([]),
  ]);
  return { ...row, flags: caseFlagRows, events, attachments, analysts };
}

/** Lagging rules with their current parameters (admins edit them; everyone with flags.view may read). */
export async function listRules(actor: Actor) {
  if (!can(actor, "flags.view")) throw new ForbiddenError();
  return getDb().select().from(flagRules).orderBy(asc(flagRules.code));
}

import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Queryable } from "@/db/client";
import { agencies, components, periods, reviewChains, reviewComments, submissionEvents, submissions } from "@/db/schema";
import type { Actor } from "@/core/auth/actor";
import { can, canViewAgency } from "@/core/auth/permissions";
import { isReviewerRole, type AgencyType } from "@/core/enums";
import { ForbiddenError } from "@/core/errors";
import type { SubmissionStatus } from "@/core/assessments/enums";
import { completeChains, reviewLevelOf, timeByLevel, timeInSteps, typesReviewedAt, waitingFor, type IntermediateLevel, type ReviewChain } from "@/core/assessments/review-chain";
import type { ReviewContext } from "@/core/assessments/workflow";
import { num, type SqlNumber, type SqlTime } from "@/db/sql-values";

// Who reviews whose submissions, read from the hierarchy at the moment of asking: an agency's ministry is
// its nearest ancestor of type ministry (a municipality → Department of Local Administration → Ministry
// of Interior), its province the agencies.province column. An intermediate level applies to an agency when
// its type's chain names the level AND an active reviewer holds it (a reviewer account for that ministry
// or province): until a ministry or province has one, its agencies' submissions go straight to DGA instead
// of waiting for nobody. The same rule is written once in SQL (lists) and once per agency (actions).

/** Every agency type's chain (stored rows over the defaults). */
export async function loadReviewChains(db: Queryable = getDb()): Promise<Record<AgencyType, ReviewChain>> {
  const rows = await db.select({ agencyType: reviewChains.agencyType, intermediate: reviewChains.intermediate, dgaReturnTo: reviewChains.dgaReturnTo }).from(reviewChains);
  return completeChains(rows);
}

/** The nearest ministry above an agency, given its parent id: a scalar subquery (null when there is none). */
export function nearestMinistrySql(parentId: SQL): SQL<number | null> {
  return sql<number | null>`(with recursive up as (
      select p.id, p.type, p.parent_id, 1 as depth from agencies p where p.id = ${parentId}
      union all
      select p.id, p.type, p.parent_id, up.depth + 1 from up join agencies p on p.id = up.parent_id where up.type <> 'ministry' and up.depth < 8
    ) select up.id from up where up.type = 'ministry' order by up.depth limit 1)`;
}

const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

/** The intermediate level that applies to agency `a` (an SQL alias of agencies), or null: straight to DGA. */
function intermediateLevelSql(chains: Record<AgencyType, ReviewChain>, a: string): SQL<"ministry" | "province" | null> {
  const agency = sql.raw(a);
  return sql<"ministry" | "province" | null>`case
    when ${agency}.type::text = any(${textArray(typesReviewedAt(chains, "ministry"))}) and exists (
      select 1 from users u where u.role::text = 'ministry_reviewer' and u.active and u.agency_id = ${nearestMinistrySql(sql`${agency}.parent_id`)}) then 'ministry'
    when ${agency}.type::text = any(${textArray(typesReviewedAt(chains, "province"))}) and exists (
      select 1 from users u where u.role::text = 'province_reviewer' and u.active and u.province = ${agency}.province) then 'province'
    end`;
}

/** Where one agency stands in the review chain. */
export interface AgencyReview {
  chain: ReviewChain;
  /** The intermediate level that applies now (see the rule above). */
  level: IntermediateLevel;
  ministryId: number | null;
  province: string | null;
}

export async function getAgencyReview(db: Queryable, agencyId: number, chains?: Record<AgencyType, ReviewChain>): Promise<AgencyReview> {
  const all = chains ?? (await loadReviewChains(db));
  const [row] = await db
    .select({ type: agencies.type, province: agencies.province, ministryId: nearestMinistrySql(sql`${agencies.parentId}`), level: intermediateLevelSql(all, "agencies") })
    .from(agencies)
    .where(eq(agencies.id, agencyId));
  if (!row) return { chain: { intermediate: "none", dgaReturnTo: "officer" }, level: "none", ministryId: null, province: null };
  return { chain: all[row.type], level: row.level ?? "none", ministryId: row.ministryId === null ? null : Number(row.ministryId), province: row.province };
}

/** Whether a ministry or provincial reviewer reviews this agency: its chain's level is theirs, and so is its ministry or province. */
export function reviewerCovers(actor: Pick<Actor, "role" | "agencyId" | "province">, review: AgencyReview): boolean {
  if (actor.role === "ministry_reviewer") return review.chain.intermediate === "ministry" && review.ministryId !== null && review.ministryId === actor.agencyId;
  if (actor.role === "province_reviewer") return review.chain.intermediate === "province" && !!review.province && review.province === actor.province;
  return false;
}

/** What the workflow table needs to know about the agency's review, for this actor. */
export function reviewContextOf(actor: Pick<Actor, "role" | "agencyId" | "province">, review: AgencyReview): ReviewContext {
  return { level: review.level, inScope: reviewerCovers(actor, review), dgaReturnTo: review.chain.dgaReturnTo };
}

/**
 * The agencies a reviewer reviews, as a subquery of ids: for a ministry reviewer, the agencies whose
 * nearest ministry is theirs (walked down from it, stopping at nested ministries) and whose chain names
 * the ministry; for a provincial reviewer, their province's agencies whose chain names the province.
 */
function reviewerAgencyIdsSql(actor: Actor, chains: Record<AgencyType, ReviewChain>): SQL {
  if (actor.role === "ministry_reviewer") {
    return sql`(with recursive below as (
        select m.id, m.type, 0 as depth from agencies m where m.id = ${actor.agencyId ?? -1} and m.type = 'ministry'
        union all
        select c.id, c.type, b.depth + 1 from below b join agencies c on c.parent_id = b.id where b.depth < 8 and (b.depth = 0 or b.type <> 'ministry')
      ) select id from below where depth > 0 and type::text = any(${textArray(typesReviewedAt(chains, "ministry"))}))`;
  }
  if (actor.role === "province_reviewer" && actor.province) {
    return sql`(select a.id from agencies a where a.province = ${actor.province} and a.type::text = any(${textArray(typesReviewedAt(chains, "province"))}))`;
  }
  return sql`(select null::int where false)`;
}

export const REVIEW_QUEUE_PAGE_SIZE = 50;
/** DGA's default view: what waits for DGA (verified, or submitted where no intermediate level applies). */
export const WAITING_FOR_ME = "waiting";

export interface LevelQueueOptions {
  page?: number;
  pageSize?: number;
  periodCode?: string;
  componentCode?: string;
  /** DGA only: a status, "waiting" (default: what waits for DGA) or "all". Reviewers always see what waits for them. */
  status?: SubmissionStatus | typeof WAITING_FOR_ME | "all";
  /** DGA only: agencies under this ministry. */
  ministryCode?: string;
}

/**
 * The review queue of the actor's level, longest waiting first, one page at a time: a ministry's or a
 * province's reviewer sees what waits for them within their scope; DGA what waits for DGA (or any status,
 * filtered). Each row carries its time in each step and at each level.
 */
export async function listLevelQueue(actor: Actor, options: LevelQueueOptions = {}) {
  if (!can(actor, "review.queue")) throw new ForbiddenError();
  const db = getDb();
  const chains = await loadReviewChains(db);
  const reviewer = isReviewerRole(actor.role);
  const filters: SQL[] = [];
  if (options.periodCode) filters.push(eq(periods.code, options.periodCode));
  if (options.componentCode) filters.push(eq(components.code, options.componentCode));
  const level = intermediateLevelSql(chains, "agencies");
  if (reviewer) {
    filters.push(eq(submissions.status, "submitted"), sql`${submissions.agencyId} in ${reviewerAgencyIdsSql(actor, chains)}`);
  } else {
    const status = options.status ?? WAITING_FOR_ME;
    if (status === WAITING_FOR_ME) filters.push(sql`(${submissions.status} = 'verified' or (${submissions.status} = 'submitted' and (${level}) is null))`);
    else if (status !== "all") filters.push(eq(submissions.status, status));
    if (options.ministryCode) {
      filters.push(sql`${nearestMinistrySql(sql`${agencies.parentId}`)} = (select m.id from agencies m where m.code = ${options.ministryCode} and m.type = 'ministry')`);
    }
  }
  const pageSize = options.pageSize ?? REVIEW_QUEUE_PAGE_SIZE;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const rows = await db
    .select({
      id: submissions.id,
      status: submissions.status,
      late: submissions.late,
      version: submissions.version,
      statusChangedAt: submissions.statusChangedAt,
      periodCode: periods.code,
      dueOn: periods.dueOn,
      componentCode: components.code,
      componentNameTh: components.nameTh,
      componentNameEn: components.nameEn,
      agencyCode: agencies.code,
      agencyNameTh: agencies.nameTh,
      agencyNameEn: agencies.nameEn,
      province: agencies.province,
      // The agency's intermediate level: a reviewer's rows are all at theirs.
      level: reviewer ? sql<"ministry" | "province" | null>`${reviewLevelOf(actor.role)}::text` : level,
      ministryId: reviewer ? sql<number | null>`null::int` : nearestMinistrySql(sql`${agencies.parentId}`),
      openComments: sql<number>`(select count(*)::int from ${reviewComments} where ${reviewComments.submissionId} = ${submissions.id} and ${reviewComments.resolvedAt} is null)`,
      total: sql<SqlNumber>`count(*) over ()`,
    })
    .from(submissions)
    .innerJoin(periods, eq(periods.id, submissions.periodId))
    .innerJoin(components, eq(components.id, submissions.componentId))
    .innerJoin(agencies, eq(agencies.id, submissions.agencyId))
    .where(and(...filters))
    // Oldest waiting first: the order a reviewer should work in.
    .orderBy(asc(submissions.statusChangedAt), asc(submissions.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = rows.length ? num(rows[0]!.total) : page > 1 ? await countLevelQueue(db, filters) : 0;
  const ids = rows.map((r) => r.id);
  const events = ids.length
    ? await db.select({ submissionId: submissionEvents.submissionId, toStatus: submissionEvents.toStatus, at: submissionEvents.at }).from(submissionEvents).where(inArray(submissionEvents.submissionId, ids)).orderBy(asc(submissionEvents.id))
    : [];
  const ministryIds = [...new Set(rows.flatMap((r) => (r.ministryId === null ? [] : [Number(r.ministryId)])))];
  const ministries = ministryIds.length ? await db.select({ id: agencies.id, nameTh: agencies.nameTh, nameEn: agencies.nameEn }).from(agencies).where(inArray(agencies.id, ministryIds)) : [];
  const now = new Date();
  return {
    page,
    pageSize,
    total,
    rows: rows.map(({ total: _total, ministryId, ...row }) => {
      const history = events.filter((e) => e.submissionId === row.id);
      const ministry = ministries.find((m) => m.id === Number(ministryId)) ?? null;
      const intermediate = row.level ?? "none";
      return {
        ...row,
        ministry,
        waitingFor: waitingFor(row.status, intermediate),
        waitingMs: now.getTime() - row.statusChangedAt.getTime(),
        steps: timeInSteps(history, now),
        levels: timeByLevel(history, intermediate, now),
      };
    }),
  };
}

async function countLevelQueue(db: Queryable, filters: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<SqlNumber>`count(*)` })
    .from(submissions)
    .innerJoin(periods, eq(periods.id, submissions.periodId))
    .innerJoin(components, eq(components.id, submissions.componentId))
    .innerJoin(agencies, eq(agencies.id, submissions.agencyId))
    .where(and(...filters));
  return num(row?.n);
}

export interface HoldingScope {
  level: "ministry" | "province";
  /** The ministry's code, or the province's name. */
  key: string;
  nameTh: string;
  nameEn: string;
  waiting: number;
  oldestSince: Date;
  /** How long the oldest has waited, until now. */
  oldestWaitingMs: number;
}

/**
 * For DGA: which ministries and provinces hold submissions now (waiting for their review), how many and
 * since when the oldest waits, oldest first.
 */
export async function listHoldingScopes(actor: Actor, options: { periodCode?: string } = {}): Promise<HoldingScope[]> {
  if (!can(actor, "submission.review")) throw new ForbiddenError();
  const db = getDb();
  const chains = await loadReviewChains(db);
  const period = options.periodCode ? sql`and s.period_id = (select id from periods where code = ${options.periodCode})` : sql``;
  // Each agency's nearest ministry, walked down once from every ministry (not up from every submission),
  // and the reviewer check made once per ministry or province, after grouping.
  const result = await db.execute<{ level: "ministry" | "province"; key: string; name_th: string; name_en: string; waiting: SqlNumber; oldest: SqlTime }>(sql`
    with recursive below as (
      select m.id as agency_id, m.id as ministry_id, m.type, 0 as depth from agencies m where m.type = 'ministry'
      union all
      select a.id, b.ministry_id, a.type, b.depth + 1 from below b join agencies a on a.parent_id = b.agency_id
      where b.depth < 8 and (b.depth = 0 or b.type <> 'ministry')
    ),
    nearest as (select distinct on (agency_id) agency_id, ministry_id from below where depth > 0 order by agency_id, depth),
    waiting as (
      select s.status_changed_at, a.type::text as type, a.province, n.ministry_id
      from submissions s join agencies a on a.id = s.agency_id left join nearest n on n.agency_id = a.id
      where s.status = 'submitted' ${period}
    ),
    by_ministry as (
      select ministry_id, count(*) as waiting, min(status_changed_at) as oldest from waiting
      where ministry_id is not null and type = any(${textArray(typesReviewedAt(chains, "ministry"))}) group by ministry_id
    ),
    by_province as (
      select province, count(*) as waiting, min(status_changed_at) as oldest from waiting
      where province is not null and type = any(${textArray(typesReviewedAt(chains, "province"))}) group by province
    )
    select 'ministry' as level, m.code as key, m.name_th, m.name_en, g.waiting, g.oldest
      from by_ministry g join agencies m on m.id = g.ministry_id
      where exists (select 1 from users u where u.role::text = 'ministry_reviewer' and u.active and u.agency_id = g.ministry_id)
    union all
    select 'province', g.province, g.province, g.province, g.waiting, g.oldest
      from by_province g
      where exists (select 1 from users u where u.role::text = 'province_reviewer' and u.active and u.province = g.province)
    order by oldest, key`);
  const now = Date.now();
  return result.rows.map((r) => ({ level: r.level, key: r.key, nameTh: r.name_th, nameEn: r.name_en, waiting: num(r.waiting), oldestSince: new Date(r.oldest), oldestWaitingMs: now - new Date(r.oldest).getTime() }));
}

/** Whether the actor may see this agency's submissions: agency roles their own, reviewers those they review, DGA roles all. */
export async function canViewAgencySubmissions(db: Queryable, actor: Actor, agencyId: number): Promise<boolean> {
  if (!can(actor, "submission.view")) return false;
  if (isReviewerRole(actor.role)) return reviewerCovers(actor, await getAgencyReview(db, agencyId));
  return canViewAgency(actor, agencyId);
}

/**
 * Whether the actor may read this agency's follow-up cases: DGA roles and the agency itself (flags.view),
 * and — read-only, as escalation notices send them there — the reviewers who review the agency.
 */
export async function canViewAgencyFollowUp(db: Queryable, actor: Actor, agencyId: number): Promise<boolean> {
  if (isReviewerRole(actor.role)) return reviewerCovers(actor, await getAgencyReview(db, agencyId));
  return can(actor, "flags.view") && canViewAgency(actor, agencyId);
}

/** The ministry a ministry reviewer reviews for, by name (null for anyone else). */
export async function getReviewerMinistry(actor: Actor): Promise<{ nameTh: string; nameEn: string } | null> {
  if (actor.role !== "ministry_reviewer" || actor.agencyId === null) return null;
  const [row] = await getDb().select({ nameTh: agencies.nameTh, nameEn: agencies.nameEn }).from(agencies).where(eq(agencies.id, actor.agencyId));
  return row ?? null;
}

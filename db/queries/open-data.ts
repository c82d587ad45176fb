import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { openDataReleases, periods, users } from "@/db/schema";

// Published open data: readable by anyone (no actor), but only what was published and not withdrawn.

const publisher = alias(users, "publisher");

const releaseColumns = {
  id: openDataReleases.id,
  periodId: openDataReleases.periodId,
  periodCode: periods.code,
  fiscalYear: periods.fiscalYear,
  quarter: periods.quarter,
  sha256: openDataReleases.sha256,
  publishedAt: openDataReleases.publishedAt,
  updatedAt: openDataReleases.updatedAt,
};

/** The live publications, newest quarter first (the scorecard's and the index's list). */
export async function listPublishedQuarters() {
  return getDb()
    .select(releaseColumns)
    .from(openDataReleases)
    .innerJoin(periods, eq(periods.id, openDataReleases.periodId))
    .where(isNull(openDataReleases.withdrawnAt))
    .orderBy(desc(periods.fiscalYear), desc(periods.quarter));
}
export type PublishedQuarter = Awaited<ReturnType<typeof listPublishedQuarters>>[number];

/** A quarter's live publication with its figures; null when the quarter does not exist or is not published. */
export async function findPublishedRelease(fiscalYear: number, quarter: number) {
  const [row] = await getDb()
    .select({ ...releaseColumns, dataset: openDataReleases.dataset })
    .from(openDataReleases)
    .innerJoin(periods, eq(periods.id, openDataReleases.periodId))
    .where(and(eq(periods.fiscalYear, fiscalYear), eq(periods.quarter, quarter), isNull(openDataReleases.withdrawnAt)))
    .limit(1);
  return row ?? null;
}
export type PublishedRelease = NonNullable<Awaited<ReturnType<typeof findPublishedRelease>>>;

/** Every publication (live and withdrawn) with who published it, for the periods page. */
export async function listReleaseHistory() {
  return getDb()
    .select({
      id: openDataReleases.id,
      periodId: openDataReleases.periodId,
      publishedAt: openDataReleases.publishedAt,
      publishedBy: publisher.name,
      withdrawnAt: openDataReleases.withdrawnAt,
    })
    .from(openDataReleases)
    .leftJoin(publisher, eq(publisher.id, openDataReleases.publishedById))
    .orderBy(asc(openDataReleases.periodId), desc(openDataReleases.publishedAt));
}

/** Whether the fiscal year has that quarter at all (an unpublished quarter and an unknown one answer differently). */
export async function quarterExists(fiscalYear: number, quarter: number): Promise<boolean> {
  const [row] = await getDb()
    .select({ id: periods.id })
    .from(periods)
    .where(and(eq(periods.fiscalYear, fiscalYear), eq(periods.quarter, quarter)))
    .limit(1);
  return !!row;
}

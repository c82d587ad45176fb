// Open data: a closed quarter's approved aggregates, published by an analyst for anyone to download
// without signing in. Each publication keeps the figures as collected (the same collectors as the
// quarterly report), so what was published stays what it was; an administrator may withdraw it, and a
// later publication is a new row. At most one live (not withdrawn) publication per quarter.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { OpenDataset } from "@/core/open-data/dataset";
import { periods } from "./indicators";
import { users } from "./users";
import { timestamps } from "./_columns";

export const openDataReleases = pgTable(
  "open_data_releases",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    /** The published records and their period, as collected at publication. */
    dataset: jsonb().$type<OpenDataset>().notNull(),
    /** SHA-256 of the CSV resource, shown in the package metadata. */
    sha256: text().notNull(),
    /** Null when published by a script ("system"). */
    publishedById: integer().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnById: integer().references(() => users.id),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawReason: text(),
    ...timestamps,
  },
  (t) => [
    index("open_data_releases_period_idx").on(t.periodId),
    index("open_data_releases_published_by_idx").on(t.publishedById),
    index("open_data_releases_withdrawn_by_idx").on(t.withdrawnById),
    uniqueIndex("open_data_releases_live_period").on(t.periodId).where(sql`${t.withdrawnAt} is null`),
  ],
);
export type OpenDataRelease = typeof openDataReleases.$inferSelect;

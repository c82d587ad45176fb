import { timestamp } from "drizzle-orm/pg-core";

/** createdAt/updatedAt for business tables; updatedAt is refreshed by drizzle on every update. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

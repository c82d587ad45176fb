import { customType, timestamp } from "drizzle-orm/pg-core";

/** createdAt/updatedAt for business tables; updatedAt is refreshed by drizzle on every update. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

/**
 * Binary content kept in the database, never under the web root (evidence, case attachments, generated
 * reports); PGlite hands back a Uint8Array, pg a Buffer.
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

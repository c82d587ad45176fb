// Typed decoders for raw SQL results (db.execute). Drivers differ: node-postgres and PGlite return
// numeric and bigint columns (sums, counts) as text and int columns as numbers; timestamps come back as
// Date or text; arrays as arrays or as their text form `{a,b}`. Row interfaces name these wire types,
// and these helpers turn them into the values the application uses.

/** A numeric, bigint or int column as it comes off the wire. */
export type SqlNumber = number | string;
/** A timestamp column as it comes off the wire. */
export type SqlTime = string | Date;
/** An array column: parsed by node-postgres, possibly its text form from PGlite. */
export type SqlArray = string[] | number[] | string;

/** A number; SQL null (an empty sum, a missing row) counts as 0. */
export function num(value: SqlNumber | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A number, or null when SQL gave null (or there was no row). */
export function numOrNull(value: SqlNumber | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A text column that is never null. */
export function text(value: SqlNumber): string {
  return String(value);
}

/** A text column that may be null. */
export function textOrNull(value: SqlNumber | null | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A timestamp as an ISO string (UTC). */
export function isoTime(value: SqlTime): string {
  return new Date(value).toISOString();
}

/** A timestamp as an ISO string, or null for SQL null. */
export function isoTimeOrNull(value: SqlTime | null | undefined): string | null {
  return value ? new Date(value).toISOString() : null;
}

/**
 * A PostgreSQL array of plain values (numbers, codes): node-postgres parses it, PGlite may hand back its
 * text form `{a,b}`. Not for elements that need quoting (commas, braces, spaces).
 */
export function textArray(value: SqlArray | null | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.replace(/[{}]/g, "").split(",").filter(Boolean);
  return [];
}

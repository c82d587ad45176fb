import { z } from "zod";

/** Record ids are PostgreSQL integers: a larger number is no record's id, and would fail the query itself. */
export const MAX_RECORD_ID = 2_147_483_647;

/** Whether a number can be a record id. */
export const isRecordId = (value: number): boolean => Number.isSafeInteger(value) && value > 0 && value <= MAX_RECORD_ID;

/** A record id from a form or query string ("12"); anything else ("abc", "-1", "1e20", absent) is "invalid". */
export const recordId = z.coerce.number().refine(isRecordId, "invalid");

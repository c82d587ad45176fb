// The form's text view of what is stored: shared by the save service (conflict detail) and the read queries.
import { NARRATIVE_FIELDS, type NarrativeField } from "./enums";
import { answerToText, noteKey, reasonKey, valueKey } from "./form-schema";

/** The form's values for the current stored state, as text, keyed like the form fields. */
export function storedFields(submission: StoredNarrative, values: StoredValue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of values) {
    fields[valueKey(v.itemId)] = answerToText({
      numericValue: v.numericValue === null ? null : Number(v.numericValue),
      levelValue: v.levelValue,
      booleanValue: v.booleanValue,
      textValue: v.textValue,
    });
    if (v.note) fields[noteKey(v.itemId)] = v.note;
    if (v.outOfRangeReason) fields[reasonKey(v.itemId)] = v.outOfRangeReason;
  }
  for (const f of NARRATIVE_FIELDS) {
    const text = submission[NARRATIVE_COLUMNS[f]];
    if (text) fields[f] = text;
  }
  return fields;
}
type NarrativeFieldColumn = "progressText" | "problemsText" | "supportText";
export type StoredNarrative = Record<NarrativeFieldColumn, string | null>;
const NARRATIVE_COLUMNS: Record<NarrativeField, NarrativeFieldColumn> = { progress: "progressText", problems: "problemsText", support: "supportText" };
/** A stored answer row as the database returns it (numeric columns come back as text). */
export interface StoredValue {
  itemId: number;
  numericValue: string | null;
  levelValue: number | null;
  booleanValue: boolean | null;
  textValue: string | null;
  note: string | null;
  outOfRangeReason: string | null;
}

/**
 * Text starting with = + - @ (or tab / carriage return, which some spreadsheets skip before reading a
 * formula) gets a leading apostrophe, so `=HYPERLINK(...)` stays visible text instead of a live link or
 * command (OWASP "CSV injection"). Numbers, booleans and dates are left alone: they are never formulas.
 * Used by every xlsx and CSV the app writes; the eMENSCR importer strips the apostrophe on re-import.
 */
export function neutraliseCell(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  const text = typeof value === "string" ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

// The name an uploaded file is stored and offered under. A browser sends just the name, but a request
// can carry anything: "../../etc/passwd", "C:\\x\\..\\y.pdf", NUL bytes, or a right-to-left override
// that makes "report\u202Efdp.exe" look like "reportexe.pdf". The name is only ever displayed and used
// as the download name (files live in the database, never on disk), so it is cleaned, not refused.

/** Control characters (C0, DEL, C1) and the invisible marks that reorder or hide text. */
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
export const MAX_FILE_NAME_LENGTH = 255;

/**
 * The last path segment, without control or direction characters, trimmed of spaces and dots at the
 * ends (Windows drops them), at most 255 characters with the extension kept; `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback = "file"): string {
  const base = name.replace(UNSAFE_CHARACTERS, "").split(/[\\/]/).pop()!.normalize("NFC").replace(/^[\s.]+|[\s.]+$/g, "");
  if (!base) return fallback;
  if (base.length <= MAX_FILE_NAME_LENGTH) return base;
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(base)?.[0] ?? "";
  return base.slice(0, MAX_FILE_NAME_LENGTH - extension.length) + extension;
}

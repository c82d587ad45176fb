/** A text matched literally by LIKE/ILIKE: its wildcards (% and _) and the escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

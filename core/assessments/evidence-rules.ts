// Evidence limits, shared by the upload form (to tell the user before uploading) and the server.

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** Accepted file types: documents and images agencies attach as proof. Extension and type must agree. */
export const EVIDENCE_TYPES: Record<string, readonly string[]> = {
  "application/pdf": [".pdf"],
  "image/png": [".png"],
  "image/jpeg": [".jpg", ".jpeg"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
  "text/csv": [".csv"],
};

export const EVIDENCE_ACCEPT = Object.values(EVIDENCE_TYPES).flat().join(",");

export type EvidenceFileProblem = "empty_file" | "file_too_large" | "file_type";

export function checkEvidenceFile(file: { name: string; size: number; type: string }): EvidenceFileProblem | null {
  if (file.size === 0) return "empty_file";
  if (file.size > MAX_EVIDENCE_BYTES) return "file_too_large";
  const extension = file.name.toLowerCase().match(/\.[a-z0-9]+$/)?.[0] ?? "";
  const allowed = EVIDENCE_TYPES[file.type];
  if (!allowed || !allowed.includes(extension)) return "file_type";
  return null;
}

/** The first bytes of the formats that have a signature: a renamed executable is not a PDF. */
export function matchesSignature(mimeType: string, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (mimeType) {
    case "application/pdf":
      return starts(0x25, 0x50, 0x44, 0x46); // %PDF
    case "image/png":
      return starts(0x89, 0x50, 0x4e, 0x47);
    case "image/jpeg":
      return starts(0xff, 0xd8, 0xff);
    case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
      return starts(0x50, 0x4b, 0x03, 0x04); // zip
    default:
      return true;
  }
}

import { AppError } from "@/core/errors";

/**
 * Why a whole file cannot be read (as opposed to invalid rows). `code` is a key under
 * "imports.fileErrors." in messages/*.json; `params` fill its placeholders.
 */
export const IMPORT_FILE_ERRORS = [
  "empty_file",
  "file_too_large",
  "not_a_spreadsheet",
  "password_protected",
  "legacy_xls",
  "corrupt_file",
  "too_large_unpacked",
  "sheet_not_found",
  "header_not_found",
  "unknown_period",
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERRORS)[number];

export class ImportFileError extends AppError {
  readonly status = 422;
  constructor(
    readonly reason: ImportFileErrorCode,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(`import_${reason}`, `import file error: ${reason}`, options);
  }
  get detail() {
    return { reason: this.reason, params: this.params };
  }
}

/** Size limit of an uploaded or imported file, from IMPORT_MAX_BYTES (default 50 MB). */
export function importMaxBytes(): number {
  const configured = Number(process.env.IMPORT_MAX_BYTES);
  return Number.isFinite(configured) && configured > 0 ? Math.floor(configured) : 50 * 1024 * 1024;
}

/** "50 MB", "512 KB", "900 bytes" — the limit as the message shows it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

export function assertWithinSizeLimit(bytes: number, limit = importMaxBytes()): void {
  if (bytes > limit) throw new ImportFileError("file_too_large", { limit: formatBytes(limit), size: formatBytes(bytes) });
}

const MB = 1024 * 1024;

/**
 * How much a workbook may inflate when unpacked: 100 times its own size (real exports inflate 5–10 times;
 * a zip bomb thousands of times), at least 32 MB, and never more than 10 × IMPORT_MAX_BYTES (500 MB by
 * default). Everything unpacked is parsed, and shared strings are held in memory.
 */
export function unpackedLimit(fileBytes: number): number {
  return Math.min(10 * importMaxBytes(), Math.max(32 * MB, 100 * fileBytes));
}

/**
 * Why a backup or restore was refused or failed. `exitCode` is what the CLIs exit with:
 * 1 refused (would overwrite something), 2 the backup file is unusable, 3 anything else.
 */
export type BackupErrorReason =
  | "target_not_empty"
  | "output_exists"
  | "file_missing"
  | "file_not_a_backup"
  | "file_wrong_kind"
  | "tool_missing"
  | "tool_failed";

const EXIT_CODES: Record<BackupErrorReason, 1 | 2 | 3> = {
  target_not_empty: 1,
  output_exists: 1,
  file_missing: 2,
  file_not_a_backup: 2,
  file_wrong_kind: 2,
  tool_missing: 3,
  tool_failed: 3,
};

export class BackupError extends Error {
  readonly exitCode: 1 | 2 | 3;
  constructor(
    readonly reason: BackupErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "BackupError";
    this.exitCode = EXIT_CODES[reason];
  }
}

import type { SubmissionStatus } from "@/core/assessments/enums";

/** Status as text and colour (never colour alone). */
export function StatusTag({ status, label }: { status: SubmissionStatus | "missing"; label: string }) {
  return <span className={`tag tag--status-${status}`}>{label}</span>;
}

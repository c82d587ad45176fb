"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { checkEvidenceFile, EVIDENCE_ACCEPT, MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";

export interface CaseAttachmentRow {
  id: number;
  title: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  /** Already formatted for the reader. */
  attachedBy: string;
}

const FILE_PROBLEMS = new Set(["file_too_large", "file_type", "empty_file", "required"]);

/** A case's files and, for those who may attach, the upload form (a route handler: files are too big for an action). */
export function CaseAttachments({ caseId, rows, canAttach }: { caseId: number; rows: CaseAttachmentRow[]; canAttach: boolean }) {
  const t = useTranslations("flags.attachments");
  const tFlags = useTranslations("flags");
  const tFile = useTranslations("submissions.errors");
  const tLimits = useTranslations("submissions.evidence");
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const max = MAX_EVIDENCE_BYTES / 1024 / 1024;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    const file = body.get("file");
    setDone(false);
    // The server checks again; this only saves uploading a file that would be refused.
    const local = !(file instanceof File) || !file.name ? "required" : checkEvidenceFile(file);
    if (local) return setProblem(local);
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/cases/${caseId}/attachments`, { method: "POST", body });
      if (!response.ok) {
        const json = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string[]> };
        return setProblem(json.fieldErrors?.file?.[0] ?? json.error ?? "generic");
      }
      form.reset();
      setDone(true);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const message = problem
    ? FILE_PROBLEMS.has(problem)
      ? tFile(problem, { max })
      : tFlags.has(`errors.${problem}`)
        ? tFlags(`errors.${problem}`)
        : tFlags("errors.generic")
    : null;
  return (
    <section className="card" aria-labelledby="case-attachments">
      <h2 id="case-attachments">{t("title")}</h2>
      {rows.length ? (
        <ul className="plain-list">
          {rows.map((row) => (
            <li key={row.id}>
              <a href={`/api/case-attachments/${row.id}`}>{row.title}</a>{" "}
              <span className="muted">
                {row.fileName} · {Math.ceil(row.sizeBytes / 1024)} KB · SHA-256 {row.sha256.slice(0, 12)}… · {row.attachedBy}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("none")}</p>
      )}
      {canAttach && (
        <form onSubmit={onSubmit} noValidate>
          <div className="field">
            <label htmlFor="case-file">{t("file")}</label>
            <input id="case-file" type="file" name="file" accept={EVIDENCE_ACCEPT} aria-describedby="case-file-hint case-file-status" />
            <span className="field-hint" id="case-file-hint">
              {tLimits("limits", { max })}
            </span>
          </div>
          <div className="field">
            <label htmlFor="case-file-title">{t("fileTitle")}</label>
            <input id="case-file-title" type="text" name="title" maxLength={300} />
          </div>
          <div aria-live="polite" id="case-file-status">
            {message && (
              <p className="alert alert--error" role="alert">
                {message}
              </p>
            )}
            {done && <p className="alert alert--info">{t("uploaded")}</p>}
          </div>
          <button className="btn btn--secondary" disabled={busy}>
            {t("upload")}
          </button>
        </form>
      )}
    </section>
  );
}

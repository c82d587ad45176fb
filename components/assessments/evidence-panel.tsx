"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { checkEvidenceFile, EVIDENCE_ACCEPT, MAX_EVIDENCE_BYTES } from "@/lib/assessments/evidence-rules";

interface EvidenceRow {
  id: number;
  kind: "file" | "link";
  title: string;
  fileName: string | null;
  sizeBytes: number | null;
  url: string | null;
  sha256: string | null;
}

/** Evidence list, upload and links. Uploads go to a route handler (files are too big for a server action). */
export function EvidencePanel({ submissionId, rows, editable }: { submissionId: number | null; rows: EvidenceRow[]; editable: boolean }) {
  const t = useTranslations("submissions.evidence");
  const tErr = useTranslations("submissions.errors");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(form: HTMLFormElement, body: FormData) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/submissions/${submissionId}/evidence`, { method: "POST", body });
      if (!response.ok) {
        const json = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string[]> };
        const code = Object.values(json.fieldErrors ?? {})[0]?.[0] ?? json.error ?? "internal";
        setError(code);
        return;
      }
      form.reset();
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form);
    const file = body.get("file");
    if (!(file instanceof File) || !file.name) return setError("required");
    const problem = checkEvidenceFile(file);
    if (problem) return setError(problem);
    void send(form, body);
  }

  function onLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(event.currentTarget, new FormData(event.currentTarget));
  }

  async function remove(id: number) {
    setBusy(true);
    const response = await fetch(`/api/evidence/${id}`, { method: "DELETE" });
    setBusy(false);
    if (!response.ok) setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? "internal");
    else router.refresh();
  }

  const message = error ? (tErr.has(error) ? tErr(error, { max: MAX_EVIDENCE_BYTES / 1024 / 1024 }) : tErr("internal")) : null;
  return (
    <section className="card assess-evidence" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t("title")}</h2>
      {rows.length ? (
        <ul>
          {rows.map((row) => (
            <li key={row.id}>
              {row.kind === "file" ? (
                <a href={`/api/evidence/${row.id}`}>{row.title}</a>
              ) : (
                <a href={row.url!} rel="noopener noreferrer nofollow" target="_blank">
                  {row.title}
                </a>
              )}{" "}
              <span className="muted">
                {row.kind === "file" ? `${row.fileName} · ${Math.ceil((row.sizeBytes ?? 0) / 1024)} KB · SHA-256 ${row.sha256?.slice(0, 12)}…` : row.url}
              </span>{" "}
              {editable && (
                <button type="button" className="btn btn--secondary btn--small" onClick={() => remove(row.id)} disabled={busy}>
                  {t("remove")}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("none")}</p>
      )}
      <div aria-live="polite" id="evidence-status">
        {message && (
          <p className="alert alert--error" role="alert">
            {message}
          </p>
        )}
      </div>
      {editable && submissionId === null && <p className="field-hint">{t("saveFirst")}</p>}
      {editable && submissionId !== null && (
        <div className="two-col">
          <form onSubmit={onUpload} noValidate>
            <div className="field">
              <label htmlFor="evidence-file">{t("file")}</label>
              <input id="evidence-file" type="file" name="file" accept={EVIDENCE_ACCEPT} aria-describedby="evidence-file-hint evidence-status" />
              <span className="field-hint" id="evidence-file-hint">
                {t("limits", { max: MAX_EVIDENCE_BYTES / 1024 / 1024 })}
              </span>
            </div>
            <div className="field">
              <label htmlFor="evidence-title">{t("fileTitle")}</label>
              <input id="evidence-title" type="text" name="title" />
            </div>
            <button className="btn btn--secondary" disabled={busy}>
              {t("upload")}
            </button>
          </form>
          <form onSubmit={onLink} noValidate>
            <div className="field">
              <label htmlFor="evidence-url">{t("url")}</label>
              <input id="evidence-url" type="url" name="url" placeholder="https://" />
            </div>
            <div className="field">
              <label htmlFor="evidence-link-title">{t("linkTitle")}</label>
              <input id="evidence-link-title" type="text" name="title" />
            </div>
            <button className="btn btn--secondary" disabled={busy}>
              {t("addLink")}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { checkEvidenceFile, EVIDENCE_ACCEPT, MAX_EVIDENCE_BYTES } from "@/core/assessments/evidence-rules";

export interface EvidenceRow {
  id: number;
  kind: "file" | "link";
  title: string;
  fileName: string | null;
  sizeBytes: number | null;
  url: string | null;
  sha256: string | null;
  /** The form item the evidence supports; null: the submission as a whole. */
  itemId: number | null;
}

/** Sends uploads and links to the evidence route (files are too big for a server action) and removes evidence. */
function useEvidence(submissionId: number | null) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(body: FormData): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/submissions/${submissionId}/evidence`, { method: "POST", body });
      if (!response.ok) {
        const json = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string[]> };
        setError(Object.values(json.fieldErrors ?? {})[0]?.[0] ?? json.error ?? "internal");
        return false;
      }
      router.refresh();
      return true;
    } finally {
      setBusy(false);
    }
  }

  /** Checks the file as the server will (type and size), before sending it. */
  function upload(body: FormData): Promise<boolean> | void {
    const file = body.get("file");
    if (!(file instanceof File) || !file.name) return setError("required");
    const problem = checkEvidenceFile(file);
    if (problem) return setError(problem);
    return send(body);
  }

  async function remove(id: number) {
    setBusy(true);
    const response = await fetch(`/api/evidence/${id}`, { method: "DELETE" });
    setBusy(false);
    if (!response.ok) setError(((await response.json().catch(() => ({}))) as { error?: string }).error ?? "internal");
    else router.refresh();
  }

  return { error, busy, send, upload, remove };
}

function EvidenceList({ rows, editable, busy, onRemove }: { rows: EvidenceRow[]; editable: boolean; busy: boolean; onRemove: (id: number) => void }) {
  const t = useTranslations("submissions.evidence");
  return (
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
            <button type="button" className="btn btn--secondary btn--small" onClick={() => onRemove(row.id)} disabled={busy} aria-label={t("removeNamed", { title: row.title })}>
              {t("remove")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function EvidenceError({ error }: { error: string | null }) {
  const tErr = useTranslations("submissions.errors");
  if (!error) return null;
  return (
    <p className="alert alert--error" role="alert">
      {tErr.has(error) ? tErr(error, { max: MAX_EVIDENCE_BYTES / 1024 / 1024 }) : tErr("internal")}
    </p>
  );
}

/** Evidence of the submission as a whole: list, upload and links. */
export function EvidencePanel({ submissionId, rows, editable }: { submissionId: number | null; rows: EvidenceRow[]; editable: boolean }) {
  const t = useTranslations("submissions.evidence");
  const { error, busy, send, upload, remove } = useEvidence(submissionId);

  function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    void upload(new FormData(form))?.then((ok) => ok && form.reset());
  }

  function onLink(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    void send(new FormData(form)).then((ok) => ok && form.reset());
  }

  return (
    <section className="card assess-evidence" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t("title")}</h2>
      {rows.length ? <EvidenceList rows={rows} editable={editable} busy={busy} onRemove={(id) => void remove(id)} /> : <p className="muted">{t("none")}</p>}
      <div aria-live="polite" id="evidence-status">
        <EvidenceError error={error} />
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

/**
 * Evidence of one item, next to its field inside the submission form. Forms cannot nest, so these controls
 * are plain inputs without names (never sent with the form's own fields) and buttons that upload at once.
 */
export function ItemEvidence({ submissionId, itemId, itemLabel, rows, editable }: { submissionId: number | null; itemId: number; itemLabel: string; rows: EvidenceRow[]; editable: boolean }) {
  const t = useTranslations("submissions.evidence");
  const { error, busy, send, upload, remove } = useEvidence(submissionId);
  const file = useRef<HTMLInputElement>(null);
  const fileTitle = useRef<HTMLInputElement>(null);
  const url = useRef<HTMLInputElement>(null);
  const linkTitle = useRef<HTMLInputElement>(null);
  const id = (name: string) => `item-${itemId}-evidence-${name}`;
  if (!rows.length && !editable) return null;

  function body(fields: Record<string, string | File>) {
    const data = new FormData();
    data.set("itemId", String(itemId));
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  }
  function onUpload() {
    const chosen = file.current?.files?.[0];
    void upload(body(chosen ? { file: chosen, title: fileTitle.current?.value ?? "" } : {}))?.then((ok) => {
      if (ok && file.current && fileTitle.current) file.current.value = fileTitle.current.value = "";
    });
  }
  function onLink() {
    void send(body({ url: url.current?.value ?? "", title: linkTitle.current?.value ?? "" })).then((ok) => {
      if (ok && url.current && linkTitle.current) url.current.value = linkTitle.current.value = "";
    });
  }
  // Enter in these fields must attach the evidence, not submit the surrounding assessment form.
  const onEnter = (event: KeyboardEvent<HTMLInputElement>, action: () => void) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    action();
  };

  return (
    <div className="assess-item-evidence" role="group" aria-labelledby={id("heading")}>
      <p id={id("heading")} className="assess-item-evidence__title">
        {t("itemTitle", { code: itemLabel })}
      </p>
      {rows.length ? <EvidenceList rows={rows} editable={editable} busy={busy} onRemove={(evidenceId) => void remove(evidenceId)} /> : <p className="muted">{t("noneForItem")}</p>}
      <div aria-live="polite" id={id("status")}>
        <EvidenceError error={error} />
      </div>
      {editable && submissionId === null && <p className="field-hint">{t("saveFirst")}</p>}
      {editable && submissionId !== null && (
        <details>
          <summary>{t("attachForItem", { code: itemLabel })}</summary>
          <div className="admin-inline">
            <label htmlFor={id("file")}>{t("file")}</label>
            <input id={id("file")} ref={file} type="file" accept={EVIDENCE_ACCEPT} aria-describedby={`${id("hint")} ${id("status")}`} />
            <label htmlFor={id("file-title")}>{t("fileTitle")}</label>
            <input id={id("file-title")} ref={fileTitle} type="text" onKeyDown={(e) => onEnter(e, onUpload)} />
            <button type="button" className="btn btn--secondary btn--small" onClick={onUpload} disabled={busy}>
              {t("upload")}
            </button>
          </div>
          <p className="field-hint" id={id("hint")}>
            {t("limits", { max: MAX_EVIDENCE_BYTES / 1024 / 1024 })}
          </p>
          <div className="admin-inline">
            <label htmlFor={id("url")}>{t("url")}</label>
            <input id={id("url")} ref={url} type="url" placeholder="https://" onKeyDown={(e) => onEnter(e, onLink)} />
            <label htmlFor={id("link-title")}>{t("linkTitle")}</label>
            <input id={id("link-title")} ref={linkTitle} type="text" onKeyDown={(e) => onEnter(e, onLink)} />
            <button type="button" className="btn btn--secondary btn--small" onClick={onLink} disabled={busy}>
              {t("addLink")}
            </button>
          </div>
        </details>
      )}
    </div>
  );
}

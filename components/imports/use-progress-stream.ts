"use client";

import { useState } from "react";
import type { ClientSummary, ImportErrorEvent, ImportStreamEvent } from "@/lib/emenscr/http";
import type { ImportProgress } from "@/lib/emenscr/import-service";


/** The answer of one streamed request: the summary it ended with, or the error it reported. */
export interface StreamOutcome {
  summary: ClientSummary | null;
  error: ImportErrorEvent | null;
}

/** Splits the newline-delimited JSON received so far into events, remembering how far it has read. */
function lineReader(onEvent: (event: ImportStreamEvent) => void) {
  let consumed = 0;
  return (text: string, final: boolean) => {
    let newline = text.indexOf("\n", consumed);
    while (newline !== -1) {
      const line = text.slice(consumed, newline).trim();
      consumed = newline + 1;
      if (line) onEvent(JSON.parse(line) as ImportStreamEvent);
      newline = text.indexOf("\n", consumed);
    }
    if (final && text.slice(consumed).trim()) onEvent(JSON.parse(text.slice(consumed)) as ImportStreamEvent);
  };
}

/** The error event of a request the server refused before streaming (a JSON body, or nothing readable). */
function refusal(xhr: XMLHttpRequest): ImportErrorEvent {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<ImportErrorEvent>;
    return { type: "error", error: body.error ?? "internal", ...body } as ImportErrorEvent;
  } catch {
    return { type: "error", error: xhr.status === 403 ? "forbidden" : "internal" };
  }
}

/** POSTs the form and reads the newline-delimited JSON answer as it arrives (progress, then result). */
function postImport(url: string, form: FormData, onUpload: (percent: number) => void, onEvent: (event: ImportStreamEvent) => void): Promise<void> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const drain = lineReader(onEvent);
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(Math.round((e.loaded / e.total) * 100));
    xhr.onprogress = () => xhr.status === 200 && drain(xhr.responseText, false);
    xhr.onload = () => {
      if (xhr.status === 200) drain(xhr.responseText, true);
      else onEvent(refusal(xhr));
      resolve();
    };
    xhr.onerror = () => {
      onEvent({ type: "error", error: "internal" });
      resolve();
    };
    xhr.send(form);
  });
}

/** Upload percentage and server progress of a streamed import request, and the function that sends one. */
export function useProgressStream() {
  const [upload, setUpload] = useState(0);
  const [progress, setProgress] = useState<ImportProgress | null>(null);

  async function send(url: string, form: FormData, onUploaded: () => void): Promise<StreamOutcome> {
    setUpload(0);
    setProgress(null);
    const outcome: StreamOutcome = { summary: null, error: null };
    await postImport(
      url,
      form,
      (percent) => {
        setUpload(percent);
        if (percent >= 100) onUploaded();
      },
      (event) => {
        if (event.type === "progress") setProgress({ phase: event.phase, rows: event.rows });
        else if (event.type === "result") outcome.summary = event.summary;
        else outcome.error = event;
      },
    );
    return outcome;
  }

  return { upload, progress, send };
}

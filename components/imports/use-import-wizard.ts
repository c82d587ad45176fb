"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useReducer, useRef } from "react";
import type { AmountUnit } from "@/core/emenscr/amount-units";
import type { Locale } from "@/core/enums";
import { formatNumber } from "@/core/format/thai";
import type { ClientSummary, ImportErrorEvent } from "@/lib/emenscr/http";
import { useProgressStream } from "./use-progress-stream";

export type Phase = "idle" | "uploading" | "processing" | "preview" | "committing" | "done";

/** The analyst's mapping by position: column index → field, and whether row 1 is a header. */
export interface LayoutChoice {
  positions: Record<string, string | null>;
  hasHeaderRow: boolean;
}

export type HeaderMapping = Record<string, string | null>;

/** What the analyst chose on the upload form and in the preview. */
export interface WizardChoices {
  file: File | null;
  period: string;
  sheet: string;
  profileId: string;
  mapping: HeaderMapping;
  layout: LayoutChoice | null;
  amountUnit: AmountUnit | "";
}

export interface WizardState extends WizardChoices {
  phase: Phase;
  summary: ClientSummary | null;
  result: ClientSummary | null;
  error: ImportErrorEvent | null;
  fileError: string | null;
}

type WizardAction =
  | { type: "choose"; choices: Partial<WizardChoices> }
  | { type: "fileChosen"; file: File | null }
  | { type: "fileError"; message: string }
  | { type: "start"; phase: Phase; clearResult?: boolean }
  | { type: "phase"; phase: Phase }
  | { type: "failed"; error: ImportErrorEvent }
  | { type: "previewed"; summary: ClientSummary | null }
  | { type: "committed"; result: ClientSummary | null }
  | { type: "reset" };

/** Back to the upload form: the preview, the result and the analyst's corrections are forgotten. */
const CLEARED = { summary: null, result: null, error: null, mapping: {}, layout: null, amountUnit: "", phase: "idle" } as const;

function reduce(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case "choose":
      return { ...state, ...action.choices };
    case "fileChosen":
      return { ...state, ...CLEARED, file: action.file };
    case "fileError":
      return { ...state, fileError: action.message };
    case "start":
      return { ...state, phase: action.phase, error: null, ...(action.clearResult ? { fileError: null, result: null } : {}) };
    case "phase":
      return { ...state, phase: action.phase };
    case "failed":
      return { ...state, error: action.error };
    case "previewed":
      return { ...state, summary: action.summary, phase: action.summary ? "preview" : "idle" };
    case "committed":
      return action.result ? { ...state, result: action.result, phase: "done" } : { ...state, phase: "preview" };
    case "reset":
      return { ...state, ...CLEARED };
  }
}

/** The form data every import request carries: the file, the analyst's choices and any extra fields. */
function importForm(state: WizardChoices, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set("file", state.file!);
  form.set("period", state.period);
  form.set("sheet", state.sheet);
  form.set("profileId", state.profileId);
  if (Object.keys(state.mapping).length) form.set("mapping", JSON.stringify(state.mapping));
  if (state.layout) {
    form.set("positions", JSON.stringify(state.layout.positions));
    form.set("hasHeaderRow", String(state.layout.hasHeaderRow));
  }
  if (state.amountUnit) form.set("amountUnit", state.amountUnit);
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return form;
}

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** The import wizard's state and steps: preview an upload, correct it, commit it, or fetch the fix list. */
export function useImportWizard({ firstPeriod, limitBytes, limitLabel }: { firstPeriod: string; limitBytes: number; limitLabel: string }) {
  const t = useTranslations("imports");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const stream = useProgressStream();
  const resultRef = useRef<HTMLDivElement>(null);
  const [state, dispatch] = useReducer(reduce, {
    file: null, period: firstPeriod, sheet: "", profileId: "", mapping: {}, layout: null, amountUnit: "",
    phase: "idle", summary: null, result: null, error: null, fileError: null,
  });

  async function run(url: string, busy: Phase, extra?: Record<string, string>): Promise<ClientSummary | null> {
    const { summary, error } = await stream.send(url, importForm(state, extra), () => dispatch({ type: "phase", phase: busy === "uploading" ? "processing" : busy }));
    if (error) dispatch({ type: "failed", error });
    return summary;
  }

  function fileProblem(file: File | null): string | null {
    if (!file) return t("upload.fileRequired");
    if (file.size > limitBytes) return t("fileErrors.file_too_large", { limit: limitLabel, size: `${formatNumber(file.size / 1048576, locale, { maximumFractionDigits: 1 })} MB` });
    return null;
  }

  async function preview() {
    const problem = fileProblem(state.file);
    if (problem) return dispatch({ type: "fileError", message: problem });
    dispatch({ type: "start", phase: "uploading", clearResult: true });
    dispatch({ type: "previewed", summary: await run("/api/imports/preview", "uploading") });
  }

  async function commit() {
    if (!state.summary) return;
    dispatch({ type: "start", phase: "committing" });
    const result = await run("/api/imports/commit", "committing", { expectedSha256: state.summary.fileSha256 });
    dispatch({ type: "committed", result });
    if (result) {
      router.refresh();
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  async function downloadFixList() {
    const response = await fetch("/api/imports/fix-list", { method: "POST", body: importForm(state) });
    if (!response.ok) return dispatch({ type: "failed", error: { type: "error", error: "internal" } });
    saveBlob(await response.blob(), `${(state.file?.name ?? "emenscr").replace(/\.[^.]+$/, "")}-fix-list.xlsx`);
  }

  const busy = state.phase === "uploading" || state.phase === "processing" || state.phase === "committing";
  return {
    state,
    busy,
    upload: stream.upload,
    progress: stream.progress,
    resultRef,
    choose: (choices: Partial<WizardChoices>) => dispatch({ type: "choose", choices }),
    chooseFile: (file: File | null) => dispatch({ type: "fileChosen", file }),
    reset: () => dispatch({ type: "reset" }),
    preview,
    commit,
    downloadFixList,
  };
}

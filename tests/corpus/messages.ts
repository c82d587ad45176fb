// What the person who sent a bad input reads: each form and upload screen turns an error code into text
// its own way (its namespace first, then the app's, then a generic fallback). These views restate that
// lookup, component by component, so the corpus can check that every refusal is explained by a message
// of its own — in Thai and in English — rather than by "something went wrong" or a bare code.
import en from "@/messages/en.json";
import th from "@/messages/th.json";

type Messages = Record<string, unknown>;

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Messages)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** Whether the UI would find this key (next-intl's `has`, on the Thai file the app falls back from). */
export const hasMessage = (key: string) => lookup(th, key) !== undefined;

/** A message shown: a key of messages/*.json, or a raw code printed as it is (a missing message). */
export type Shown = { key: string } | { raw: string } | { nothing: string };

/** The error parts of an action state or of a route handler's JSON answer. */
export interface ErrorAnswer {
  error: string;
  fieldErrors?: Record<string, string[]>;
  /** Import file errors: the reason under imports.fileErrors. */
  reason?: string;
}

const firstField = (a: ErrorAnswer) => Object.values(a.fieldErrors ?? {})[0]?.[0];
const fieldCodes = (a: ErrorAnswer) => Object.values(a.fieldErrors ?? {}).flat();
/** `namespace.code` when it exists, else the fallback (generic) key or the raw code. */
const keyOr = (namespace: string, code: string, fallback: string | null): Shown =>
  hasMessage(`${namespace}.${code}`) ? { key: `${namespace}.${code}` } : fallback ? { key: fallback } : { raw: code };

export type View = keyof typeof VIEWS;

/** Per screen: the messages it shows for an error answer (see the component named in each comment). */
export const VIEWS = {
  /** lib/api/route.ts (/api/v1): `message` is the error under api.errors, each value's under api.reasons. */
  apiV1: (a: ErrorAnswer): Shown[] => [keyOr("api.errors", a.error, null), ...fieldCodes(a).map((c) => keyOr("api.reasons", c, null))],
  /** components/assessments/submission-form.tsx: each field's codes under submissions.errors (raw when missing), else the form's error. */
  submissionForm: (a: ErrorAnswer): Shown[] =>
    a.fieldErrors && fieldCodes(a).length
      ? fieldCodes(a).map((c) => keyOr("submissions.errors", c, null))
      : [keyOr("submissions.errors", a.error, "submissions.errors.internal")],
  /** components/assessments/workflow-panel.tsx: the reason's code ("required" as reason_required), else the error, under submissions.errors. */
  workflowPanel: (a: ErrorAnswer): Shown[] => {
    const reason = a.fieldErrors?.reason?.[0];
    if (reason) return [reason !== "required" && hasMessage(`submissions.errors.${reason}`) ? { key: `submissions.errors.${reason}` } : { key: "submissions.errors.reason_required" }];
    return [keyOr("submissions.errors", a.error, "submissions.errors.internal")];
  },
  /** components/assessments/held-values-panel.tsx: the note's code, else the first field's or the error, under submissions.held.errors, then errors. */
  heldValues: (a: ErrorAnswer): Shown[] => {
    const code = a.fieldErrors?.note?.[0] ?? firstField(a) ?? a.error;
    return [hasMessage(`submissions.held.errors.${code}`) ? { key: `submissions.held.errors.${code}` } : keyOr("errors", code, "errors.internal")];
  },
  /** components/flags/case-forms.tsx: the first field code, else the error, under flags.errors. */
  caseForms: (a: ErrorAnswer): Shown[] => [keyOr("flags.errors", firstField(a) ?? a.error, "flags.errors.generic")],
  /** components/flags/rule-form.tsx: parameter fields say invalid_parameter; the form's error under flags.errors. */
  ruleForm: (a: ErrorAnswer): Shown[] => [
    ...Object.keys(a.fieldErrors ?? {}).filter((f) => f.startsWith("params.")).map(() => ({ key: "flags.errors.invalid_parameter" })),
    keyOr("flags.errors", a.error, "flags.errors.generic"),
  ],
  /** components/flags/worklist-forms.tsx (PriorityWeightsForm): each weight field says weight_out_of_range; the form's error under flags.errors. */
  weightsForm: (a: ErrorAnswer): Shown[] => [
    ...Object.keys(a.fieldErrors ?? {}).filter((f) => f.startsWith("weights.")).map(() => ({ key: "flags.errors.weight_out_of_range" })),
    keyOr("flags.errors", a.error, "flags.errors.generic"),
  ],
  /** components/ui/action-form.tsx (ActionFeedback) with namespace "reports": reports.errors, then errors, then errors.internal. */
  reportForm: (a: ErrorAnswer): Shown[] =>
    [a.error, ...fieldCodes(a)].map((c) => (hasMessage(`reports.errors.${c}`) ? { key: `reports.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /**
   * components/auth/set-password-form.tsx (useErrorText("setPassword")): the password fields' codes under them, any
   * other field's code (the link's) above the form, the form's error when no field has one; setPassword.errors, then errors.
   */
  setPasswordForm: (a: ErrorAnswer): Shown[] =>
    (fieldCodes(a).length ? fieldCodes(a) : [a.error]).map((c) => (hasMessage(`setPassword.errors.${c}`) ? { key: `setPassword.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/team/team-forms.tsx (useErrorText("team")): the form's error and each field's code under team.errors, then errors. */
  teamForms: (a: ErrorAnswer): Shown[] =>
    [a.error, ...fieldCodes(a)].map((c) => (hasMessage(`team.errors.${c}`) ? { key: `team.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/auth/forgot-password-form.tsx (useErrorText("forgotPassword")): the e-mail field's codes, else the form's error; forgotPassword.errors, then errors. */
  forgotPasswordForm: (a: ErrorAnswer): Shown[] =>
    (fieldCodes(a).length ? fieldCodes(a) : [a.error]).map((c) => (hasMessage(`forgotPassword.errors.${c}`) ? { key: `forgotPassword.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/admin/admin-forms.tsx, user-forms.tsx and agency-forms.tsx: masterData.errors (fields raw when missing, the form generic). */
  masterData: (a: ErrorAnswer): Shown[] =>
    a.fieldErrors && fieldCodes(a).length ? fieldCodes(a).map((c) => keyOr("masterData.errors", c, null)) : [keyOr("masterData.errors", a.error, "masterData.errors.generic")],
  /** components/admin/rollover-form.tsx: each field's codes under fiscalYear.errors (then errors), else the form's error the same way. */
  fiscalYearForm: (a: ErrorAnswer): Shown[] =>
    (a.fieldErrors && fieldCodes(a).length ? fieldCodes(a) : [a.error]).map((c) => (hasMessage(`fiscalYear.errors.${c}`) ? { key: `fiscalYear.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/admin/open-data-forms.tsx (FieldError and ActionFeedback, namespace "openDataAdmin"): each field's codes, else the error; openDataAdmin.errors, then errors. */
  openDataForms: (a: ErrorAnswer): Shown[] =>
    (fieldCodes(a).length ? fieldCodes(a) : [a.error]).map((c) => (hasMessage(`openDataAdmin.errors.${c}`) ? { key: `openDataAdmin.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/admin/review-chain-form.tsx (FieldError and ActionFeedback, namespace "reviewChains"): each field's codes, else the error; reviewChains.errors, then errors. */
  /** components/asks/ask-forms.tsx and list-forms.tsx (useErrorText("asks")): the form's error and each field's code; asks.errors, then errors. */
  askForms: (a: ErrorAnswer): Shown[] =>
    [a.error, ...fieldCodes(a)].map((c) => (hasMessage(`asks.errors.${c}`) ? { key: `asks.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/asks/preferences-form.tsx (useErrorText("notificationSettings")): the same lookup under notificationSettings.errors, then errors. */
  preferencesForm: (a: ErrorAnswer): Shown[] =>
    [a.error, ...fieldCodes(a)].map((c) => (hasMessage(`notificationSettings.errors.${c}`) ? { key: `notificationSettings.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  reviewChainForm: (a: ErrorAnswer): Shown[] =>
    (fieldCodes(a).length ? fieldCodes(a) : [a.error]).map((c) => (hasMessage(`reviewChains.errors.${c}`) ? { key: `reviewChains.errors.${c}` } : keyOr("errors", c, "errors.internal"))),
  /** components/admin/template-forms.tsx, the on/off buttons: the first field code, else the error, under masterData.errors. */
  templateToggle: (a: ErrorAnswer): Shown[] => [keyOr("masterData.errors", firstField(a) ?? a.error, "masterData.errors.generic")],
  /** components/admin/target-forms.tsx: the value's code first, then any other field's, else the error, under tableImport.reasons. */
  targetForm: (a: ErrorAnswer): Shown[] => [keyOr("tableImport.reasons", a.fieldErrors?.value?.[0] ?? a.fieldErrors?.agencyCode?.[0] ?? firstField(a) ?? a.error, "targets.saveFailed")],
  /** components/imports/rule-forms.tsx: field codes under errors (else errors.validation), or the error. */
  importRules: (a: ErrorAnswer): Shown[] =>
    a.fieldErrors ? fieldCodes(a).map((c) => keyOr("errors", c, "errors.validation")) : [keyOr("errors", a.error, "errors.validation")],
  /** components/admin/retry-job-button.tsx: the error under errors. */
  retryJob: (a: ErrorAnswer): Shown[] => [keyOr("errors", a.error, "errors.internal")],
  /** components/imports/unmatched-row.tsx, mapping-step.tsx, rollback-button.tsx (alias, profile, rollback): the error under errors. */
  importWizardForms: (a: ErrorAnswer): Shown[] => [keyOr("errors", a.error, "errors.internal")],
  /** components/assessments/evidence-panel.tsx: the first field code, else the error, under submissions.errors. */
  evidencePanel: (a: ErrorAnswer): Shown[] => [keyOr("submissions.errors", firstField(a) ?? a.error, "submissions.errors.internal")],
  /** components/flags/case-attachments.tsx: file problems under submissions.errors, others under flags.errors. */
  caseAttachments: (a: ErrorAnswer): Shown[] => {
    const problem = a.fieldErrors?.file?.[0] ?? a.error;
    return [["file_too_large", "file_type", "empty_file", "required"].includes(problem) ? { key: `submissions.errors.${problem}` } : keyOr("flags.errors", problem, "flags.errors.generic")];
  },
  /** components/admin/table-import.tsx: a file reason under imports.fileErrors, else the error under tableImport.errors. */
  tableImport: (a: ErrorAnswer): Shown[] => [a.reason ? keyOr("imports.fileErrors", a.reason, null) : keyOr("tableImport.errors", a.error, "tableImport.errors.internal")],
  /** components/imports/import-wizard.tsx (upload): file reason; file/period under their fields, another field's code above; else the error. */
  emenscrUpload: (a: ErrorAnswer): Shown[] => {
    if (a.reason) return [keyOr("imports.fileErrors", a.reason, null)];
    if (a.fieldErrors) {
      const shown: Shown[] = [];
      if (a.fieldErrors.file) shown.push({ key: "errors.required" });
      if (a.fieldErrors.period) shown.push({ key: "errors.import_invalid_period" });
      const other = Object.entries(a.fieldErrors).find(([field]) => field !== "file" && field !== "period");
      if (other) shown.push(keyOr("errors", other[1][0]!, "errors.validation"));
      return shown;
    }
    return [keyOr("errors", a.error, "errors.internal")];
  },
  /**
   * components/admin/catalogue-form.tsx (indicators, platforms, components): each field's codes and the form's
   * error under catalogue.errors, then the app's errors, else errors.internal; "validation" reads check_fields.
   */
  catalogueForm: (a: ErrorAnswer): Shown[] => {
    const word = (c: string) => (hasMessage(`catalogue.errors.${c}`) ? { key: `catalogue.errors.${c}` } : keyOr("errors", c, "errors.internal"));
    return [word(a.error === "validation" ? "check_fields" : a.error), ...fieldCodes(a).map(word)];
  },
} as const;

/** Message keys that only say "something went wrong": a refusal must be explained better than that. */
export const GENERIC_KEYS = new Set([
  "errors.internal",
  "submissions.errors.internal",
  "flags.errors.generic",
  "masterData.errors.generic",
  "targets.saveFailed",
  "tableImport.errors.internal",
]);

/** Row-level reasons of imports: the namespace their text lives in. */
export const ROW_REASON_NAMESPACES = { emenscr: "imports.reasons", table: "tableImport.reasons" } as const;

/** Problems with what a screen shows: missing in a language, empty, generic, a raw code, or nothing at all. */
export function messageProblems(shown: readonly Shown[], { allowGeneric = false } = {}): string[] {
  const problems: string[] = [];
  for (const s of shown) {
    if ("raw" in s) problems.push(`shows the bare code "${s.raw}"`);
    else if ("nothing" in s) problems.push(`shows nothing for ${s.nothing}`);
    else {
      for (const [language, messages] of [["th", th], ["en", en]] as const) {
        const text = lookup(messages, s.key);
        if (!text?.trim()) problems.push(`${s.key} has no ${language} text`);
      }
      if (!allowGeneric && GENERIC_KEYS.has(s.key)) problems.push(`only the generic ${s.key}`);
    }
  }
  return problems;
}

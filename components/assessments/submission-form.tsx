"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { saveSubmissionAction } from "@/app/submissions/actions";
import type { AnswerType } from "@/core/assessments/enums";
import { buildFormSchema, implausibility, noteKey, reasonKey, toFieldErrors, valueKey, type FormItem } from "@/core/assessments/form-schema";
import { useActionForm } from "@/components/ui/use-action-form";
import { ItemEvidence, type EvidenceRow } from "./evidence-panel";
import type { ActionState } from "@/lib/http/action";
import type { SaveResult } from "@/lib/assessments/submission-save";
import { ChoiceInput } from "@/components/ui/choice-input";
import { useSubmissionVersion } from "./submission-version";

export interface FormItemView extends FormItem {
  name: string;
  /** The indicator's code, shown as a chip (question items have none to show: their code is internal). */
  indicatorCode: string | null;
  definition: string | null;
  help: string | null;
  unit: string | null;
  /** The agency's target, and how it follows from the national one (its own, a share of a sum, the national level). */
  targetText: string | null;
  nationalTargetText: string | null;
  targetBasis: "own" | "share" | "national" | null;
  owers: number;
  previousText: string | null;
  levels: { level: number; text: string }[];
  comments: { reason: string; comment: string }[];
}

interface Props {
  agencyId: number;
  periodId: number;
  componentId: number;
  version: number;
  path: string;
  items: FormItemView[];
  initial: Record<string, string>;
  editable: boolean;
  intents: ("save" | "endorse" | "resubmit")[];
  previousPeriod: string | null;
  narrativeComments: Record<string, { reason: string; comment: string }[]>;
  /** Labels for the conflict list: field key → label. */
  fieldLabels: Record<string, string>;
  /** Null until the first draft is saved (evidence needs a submission to belong to). */
  submissionId: number | null;
  /** Evidence attached to items (shown next to each field). */
  itemEvidence: EvidenceRow[];
}

const NARRATIVE = ["progress", "problems", "support"] as const;

export function SubmissionForm(props: Props) {
  const t = useTranslations("submissions");
  const { state, formAction, pending } = useActionForm<ActionState<SaveResult>>(saveSubmissionAction);
  const [fields, setFields] = useState<Record<string, string>>(props.initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]> | null>(null);
  const serverErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const errors = clientErrors ?? serverErrors;
  const [sharedVersion, setSharedVersion] = useSubmissionVersion();
  const savedVersion = state.status === "success" ? state.data.version : 0;
  const version = Math.max(props.version, sharedVersion, savedVersion);
  // The heading follows a save that did not render the page again.
  useEffect(() => {
    if (savedVersion) setSharedVersion(savedVersion);
  }, [savedVersion, setSharedVersion]);
  const set = (key: string, value: string) => setFields((f) => ({ ...f, [key]: value }));
  const readOnly = !props.editable;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent = submitter?.value ?? "save";
    // Same schema as the server: instant feedback, and nothing incomplete is even sent.
    const result = buildFormSchema(props.items, intent === "save" ? "draft" : "complete").safeParse(fields);
    if (!result.success) {
      event.preventDefault();
      setClientErrors(toFieldErrors(result.error));
      const first = document.getElementById(`f-${Object.keys(toFieldErrors(result.error))[0]}`);
      first?.focus();
      return;
    }
    setClientErrors(null);
  }

  const errorCount = Object.keys(errors).length;
  const conflict = state.status === "error" && state.error === "stale_version" ? (state.detail as ConflictView | undefined) : undefined;

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="assess-form">
      <input type="hidden" name="agencyId" value={props.agencyId} />
      <input type="hidden" name="periodId" value={props.periodId} />
      <input type="hidden" name="componentId" value={props.componentId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="path" value={props.path} />
      <FormStatus state={state} fields={fields} clientErrors={clientErrors} errorCount={errorCount} conflict={conflict} path={props.path} fieldLabels={props.fieldLabels} />

      <fieldset disabled={readOnly} className="assess-fieldset">
        <legend className="visually-hidden">{t("valuesLegend")}</legend>
        {props.items.map((item, index) => (
          <ItemField
            key={item.id}
            item={item}
            index={index + 1}
            value={fields[valueKey(item.id)] ?? ""}
            note={fields[noteKey(item.id)] ?? ""}
            reason={fields[reasonKey(item.id)] ?? ""}
            errors={errors[valueKey(item.id)]}
            reasonErrors={errors[reasonKey(item.id)]}
            onChange={set}
            previousPeriod={props.previousPeriod}
            evidence={<ItemEvidence submissionId={props.submissionId} itemId={item.id} itemLabel={item.indicatorCode ?? String(index + 1)} rows={props.itemEvidence.filter((e) => e.itemId === item.id)} editable={props.editable} />}
          />
        ))}
      </fieldset>

      <NarrativeFields readOnly={readOnly} fields={fields} errors={errors} comments={props.narrativeComments} onChange={set} />

      {props.editable && (
        <div className="assess-actions">
          {props.intents.map((intent) => (
            <button key={intent} type="submit" name="intent" value={intent} className={intent === "save" ? "btn btn--secondary" : "btn"} disabled={pending}>
              {pending ? t("saving") : t(`intents.${intent}`)}
            </button>
          ))}
        </div>
      )}
    </form>
  );
}

interface ConflictView {
  changedBy: string | null;
  changes: { field: string; value: string }[];
}

/** The outcome of the last save: saved (with warnings), errors to fix, a refusal, or someone else's newer version. */
function FormStatus({ state, fields, clientErrors, errorCount, conflict, path, fieldLabels }: { state: ActionState<SaveResult>; fields: Record<string, string>; clientErrors: Record<string, string[]> | null; errorCount: number; conflict: ConflictView | undefined; path: string; fieldLabels: Record<string, string> }) {
  const t = useTranslations("submissions");
  return (
    <div aria-live="polite" id="form-status">
      {state.status === "success" && !clientErrors && (
        <div className="alert alert--info" role="status">
          {t(`saved.${state.data.status}`)}
          {state.data.warnings.length > 0 && ` ${t("savedWithWarnings", { count: state.data.warnings.length, missing: state.data.warnings.filter((id) => !fields[reasonKey(id)]).length })}`}
        </div>
      )}
      {errorCount > 0 && (
        <div className="alert alert--error" role="alert">
          {t("fixErrors", { count: errorCount })}
        </div>
      )}
      {state.status === "error" && !errorCount && !conflict && (
        <div className="alert alert--error" role="alert">
          {t.has(`errors.${state.error}`) ? t(`errors.${state.error}`) : t("errors.internal")}
        </div>
      )}
      {conflict && <ConflictNotice conflict={conflict} path={path} fieldLabels={fieldLabels} />}
    </div>
  );
}

/** Someone saved a newer version meanwhile: what they changed, and how to carry on. */
function ConflictNotice({ conflict, path, fieldLabels }: { conflict: ConflictView; path: string; fieldLabels: Record<string, string> }) {
  const t = useTranslations("submissions");
  return (
    <div className="alert alert--warn" role="alert">
      <p>
        <strong>{t("conflict.title")}</strong> {t("conflict.body", { name: conflict.changedBy ?? "?" })}
      </p>
      {conflict.changes.length > 0 && (
        <ul>
          {conflict.changes.map((c) => (
            <li key={c.field}>
              {fieldLabels[c.field] ?? c.field}: <strong>{c.value || t("empty")}</strong>
            </li>
          ))}
        </ul>
      )}
      <p>{t("conflict.howTo")}</p>
      <a href={path} className="btn btn--secondary">
        {t("conflict.reload")}
      </a>
    </div>
  );
}

/** The three narrative answers, each with its hint, reviewers' comments and errors. */
function NarrativeFields({ readOnly, fields, errors, comments, onChange }: { readOnly: boolean; fields: Record<string, string>; errors: Record<string, string[]>; comments: Record<string, { reason: string; comment: string }[]>; onChange: (key: string, value: string) => void }) {
  const t = useTranslations("submissions");
  return (
    <fieldset disabled={readOnly} className="assess-fieldset">
      <legend>
        <h2>{t("narrative")}</h2>
      </legend>
      {NARRATIVE.map((field) => {
        const id = `f-${field}`;
        const fieldErrors = errors[field];
        const fieldComments = comments[field] ?? [];
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>
              {t(`narrativeFields.${field}`)} {field === "progress" && <span className="assess-required">{t("requiredMark")}</span>}
            </label>
            <span className="field-hint" id={`${id}-hint`}>
              {t(`narrativeHints.${field}`)}
            </span>
            {fieldComments.map((c, i) => (
              <p className="alert alert--warn assess-comment" key={i}>
                <strong>{t(`reasons.${c.reason}`)}:</strong> {c.comment}
              </p>
            ))}
            <textarea
              id={id}
              name={field}
              rows={4}
              value={fields[field] ?? ""}
              onChange={(e) => onChange(field, e.target.value)}
              aria-invalid={fieldErrors ? true : undefined}
              aria-describedby={`${id}-hint ${id}-error`}
            />
            <FieldError id={`${id}-error`} errors={fieldErrors} />
          </div>
        );
      })}
    </fieldset>
  );
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const t = useTranslations("submissions.errors");
  return (
    <p id={id} className="field-error" aria-live="polite">
      {errors?.map((code) => (t.has(code) ? t(code) : code)).join(" ")}
    </p>
  );
}

interface ItemFieldProps {
  item: FormItemView;
  index: number;
  value: string;
  note: string;
  reason: string;
  errors?: string[];
  reasonErrors?: string[];
  previousPeriod: string | null;
  onChange: (key: string, value: string) => void;
  evidence: ReactNode;
}

function ItemField({ item, index, value, note, reason, errors, reasonErrors, previousPeriod, onChange, evidence }: ItemFieldProps) {
  const t = useTranslations("submissions");
  const id = `f-${valueKey(item.id)}`;
  const describedBy = `${id}-hint ${id}-error`;
  const numeric = parseLoose(value);
  const implausible = errors ? null : implausibility(item, numeric);
  return (
    <div className="card assess-item" role="group" aria-labelledby={`${id}-label`}>
      <div className="assess-item__head">
        {item.indicatorCode && <span className="tag">{item.indicatorCode}</span>}
        <span id={`${id}-label`} className="assess-item__name">
          {index}. {item.name} {item.required && <span className="assess-required">{t("requiredMark")}</span>}
        </span>
      </div>
      <p className="field-hint" id={`${id}-hint`}>
        {item.definition && <span>{item.definition} </span>}
        {item.targetText && <span>{targetLine(t, item)} </span>}
        {previousPeriod && <span>{t("previous", { period: previousPeriod, value: item.previousText || t("empty") })}</span>}
      </p>
      {item.comments.map((c, i) => (
        <p className="alert alert--warn assess-comment" key={i}>
          <strong>{t(`reasons.${c.reason}`)}:</strong> {c.comment}
        </p>
      ))}
      <AnswerInput item={item} id={id} value={value} invalid={!!errors} describedBy={describedBy} onChange={(v) => onChange(valueKey(item.id), v)} />
      <FieldError id={`${id}-error`} errors={errors} />
      {implausible && (
        <div className="field assess-warning">
          <p className="alert alert--warn" role="status">
            {t(`implausibleWhy.${implausible.code}`, { limit: "limit" in implausible ? implausible.limit : 0, previous: "previous" in implausible ? implausible.previous : 0 })} {t("implausible")}
          </p>
          <label htmlFor={`f-${reasonKey(item.id)}`}>{t("implausibleReason")}</label>
          <input
            id={`f-${reasonKey(item.id)}`}
            type="text"
            name={reasonKey(item.id)}
            value={reason}
            onChange={(e) => onChange(reasonKey(item.id), e.target.value)}
            aria-invalid={reasonErrors ? true : undefined}
            aria-describedby={`f-${reasonKey(item.id)}-error`}
          />
          <FieldError id={`f-${reasonKey(item.id)}-error`} errors={reasonErrors} />
        </div>
      )}
      <div className="field assess-note">
        <label htmlFor={`f-${noteKey(item.id)}`}>{t("note")}</label>
        <input id={`f-${noteKey(item.id)}`} type="text" name={noteKey(item.id)} value={note} onChange={(e) => onChange(noteKey(item.id), e.target.value)} />
      </div>
      {evidence}
    </div>
  );
}

/** "Your agency's target", saying where it comes from when it is not the agency's own. */
function targetLine(t: ReturnType<typeof useTranslations<"submissions">>, item: FormItemView): string {
  if (item.targetBasis === "share") return t("targetShare", { value: item.targetText ?? "", national: item.nationalTargetText ?? "", owers: item.owers });
  if (item.targetBasis === "national") return t("targetNational", { value: item.targetText ?? "" });
  return t("target", { value: item.targetText ?? "" });
}

function parseLoose(value: string): number | null {
  const n = Number(value.replace(/[,\s%]/g, ""));
  return value.trim() && Number.isFinite(n) ? n : null;
}

function AnswerInput({ item, id, value, invalid, describedBy, onChange }: { item: FormItemView; id: string; value: string; invalid: boolean; describedBy: string; onChange: (v: string) => void }) {
  const t = useTranslations("submissions");
  const name = valueKey(item.id);
  const type: AnswerType = item.answerType;
  if (type === "boolean") {
    return (
      <div className="assess-choices" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
        {(["yes", "no"] as const).map((choice, i) => (
          <label key={choice} className="assess-choice">
            <ChoiceInput type="radio" id={i === 0 ? id : undefined} name={name} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
            {t(choice)}
          </label>
        ))}
      </div>
    );
  }
  if (type === "level") {
    return (
      <div className="assess-levels" role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
        {(item.levels.length ? item.levels : [1, 2, 3, 4, 5].map((level) => ({ level, text: "" }))).map((l, i) => (
          <label key={l.level} className="assess-level">
            <ChoiceInput type="radio" id={i === 0 ? id : undefined} name={name} value={String(l.level)} checked={value === String(l.level)} onChange={() => onChange(String(l.level))} />
            <span>
              <strong>{t("level", { level: l.level })}</strong> {l.text}
            </span>
          </label>
        ))}
      </div>
    );
  }
  if (type === "text") {
    return <textarea id={id} name={name} rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} aria-labelledby={`${id}-label`} aria-describedby={describedBy} />;
  }
  return (
    <div className="assess-number">
      <input
        id={id}
        name={name}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        aria-labelledby={`${id}-label`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
      />
      <span className="assess-unit">{type === "percent" ? "%" : item.unit}</span>
    </div>
  );
}

import type { ReactNode } from "react";

/** What the control inside a Field takes: its id and the ids of the hint and error that describe it. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldProps {
  id: string;
  label: ReactNode;
  /** A hint under the control, `${id}-hint`. */
  hint?: ReactNode;
  /** The error message (an empty string keeps the live region in place), `${id}-error`. */
  error?: ReactNode;
  /** Whether the control is marked aria-invalid; by default, when there is an error text. */
  invalid?: boolean;
  /** The error as a paragraph (some forms) instead of a span. */
  errorAs?: "span" | "p";
  /** Whether the error is announced as it changes (aria-live="polite"); true by default. */
  live?: boolean;
  className?: string;
  /** Draws the control with the props that wire it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form control with its hint and error, wired with aria-describedby and aria-invalid. */
export function Field({ id, label, hint, error, invalid, errorAs = "span", live = true, className = "field", children }: FieldProps) {
  const hasError = error !== undefined && error !== null && error !== false;
  const describedBy = [hint !== undefined ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(" ");
  const isInvalid = invalid ?? (hasError && error !== "");
  const ErrorTag = errorAs;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": isInvalid ? true : undefined })}
      {hint !== undefined && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {hasError && (
        <ErrorTag id={`${id}-error`} className="field-error" aria-live={live ? "polite" : undefined}>
          {error}
        </ErrorTag>
      )}
    </div>
  );
}

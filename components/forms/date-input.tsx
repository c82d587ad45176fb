"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState, type InputHTMLAttributes } from "react";
import { parseDate } from "@/core/parse/values";
import { formatDate } from "@/core/format/thai";
import { toLocale } from "@/i18n/locale";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "value" | "defaultValue" | "onChange"> & {
  id: string;
  name: string;
  /** ISO "YYYY-MM-DD", or empty. */
  defaultValue?: string | null;
};

/**
 * A date typed the way people write it — "15/1/2570", "15 ม.ค. 2570" in Thai (Buddhist era), "15/1/2027"
 * or "15 Jan 2027" in English — and shown back in the reader's calendar. The form sends the ISO date in a
 * hidden field of the same name (or the text as typed when it is not a date, so the server's check says so).
 * Replaces the browser's date input, which shows mm/dd/yyyy in the Gregorian calendar.
 */
export function DateInput(props: Props) {
  const locale = toLocale(useLocale());
  // A new language shows the date again in its calendar (the typed text is state: start it afresh).
  return <LocalDateInput key={locale} {...props} />;
}

function LocalDateInput({ id, name, defaultValue, ...rest }: Props) {
  const locale = toLocale(useLocale());
  const t = useTranslations("dateInput");
  const shown = (iso: string | null | undefined) => (iso && parseDate(iso).ok ? formatDate(iso, locale) : (iso ?? ""));
  const [text, setText] = useState(() => shown(defaultValue));
  const parsed = text.trim() ? parseDate(text) : null;
  const submitted = parsed?.ok ? parsed.value : text.trim();
  const describedBy = [rest["aria-describedby"], `${id}-format`].filter(Boolean).join(" ");
  return (
    <>
      <input
        {...rest}
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        value={text}
        placeholder={t("placeholder")}
        aria-describedby={describedBy}
        aria-invalid={parsed && !parsed.ok ? true : rest["aria-invalid"]}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => parsed?.ok && setText(formatDate(parsed.value, locale))}
      />
      <input type="hidden" name={name} value={submitted} />
      <span id={`${id}-format`} className="field-hint">
        {parsed && !parsed.ok ? <span className="field-error">{t("invalid")}</span> : t("hint")}
      </span>
    </>
  );
}

/** A date filter of a GET form (its name is its id), typed and shown like DateInput. */
export function FilterDate({ id, label, value }: { id: string; label: string; value: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <DateInput id={id} name={id} defaultValue={value} />
    </div>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useCombobox } from "downshift";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import type { AgencyChoiceKind } from "@/core/enums";
import { pickName } from "@/i18n/pick";
import { agencyChoicesQuery } from "./agency-choices";

/** A chosen agency: the value the form sends (its code or id) and the text shown ("CODE name"). */
export interface PickedAgency {
  value: string;
  label: string;
}

interface AgencyPickerProps {
  /** The text input's id; the label, hint, error and list are `${id}-…`. */
  id: string;
  /** The name of the hidden input holding the choice, as the form's server action reads it. */
  name: string;
  label: ReactNode;
  /** e.g. "visually-hidden" where a table row already says what is chosen. */
  labelClassName?: string;
  /** What the hidden input holds: the agency's code (default) or its id. */
  valueKey?: "code" | "id";
  kind?: AgencyChoiceKind;
  /** Only agencies tagged with this component. */
  componentCode?: string;
  /** The choice the form starts with (the current parent, a preselected agency, a value echoed after an error). */
  initial?: PickedAgency | null;
  /** Offered before anything is typed (e.g. the import's suggested matches). */
  suggestions?: PickedAgency[];
  /** The name under which the typed text is sent too, so a form redrawn after an error can show it again. */
  textName?: string;
  hint?: ReactNode;
  /** The error text (an empty string keeps the live region in place), `${id}-error`. */
  error?: ReactNode;
  required?: boolean;
  className?: string;
}

const SEARCH_DELAY_MS = 200;

/** The value, once it has stopped changing for `delay` ms. */
function useDebouncedValue<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * Choose one agency by typing part of its code or name: an accessible combobox (downshift) that asks
 * /api/agencies for the matches the caller may see, and puts the choice into a hidden input named like the
 * select it replaces, so the form's server action (which re-checks the choice) is unchanged.
 */
export function AgencyPicker({ id, name, label, labelClassName, valueKey = "code", kind = "any", componentCode, initial = null, suggestions = [], textName, hint, error, required, className = "field" }: AgencyPickerProps) {
  const t = useTranslations("agencyPicker");
  const locale = useLocale();
  const [typed, setTyped] = useState(initial?.label ?? "");
  const settled = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  // Text that is the label of the chosen agency is not a search: the list then offers the suggestions.
  const [chosenLabel, setChosenLabel] = useState(initial?.label ?? null);
  const query = settled !== "" && settled !== chosenLabel?.trim() ? settled : "";
  const search = useQuery({ ...agencyChoicesQuery({ query, kind, componentCode }), enabled: query !== "" });
  const found: PickedAgency[] = (search.data ?? []).map((a) => ({ value: String(valueKey === "id" ? a.id : a.code), label: `${a.code} ${pickName(locale, a)}` }));
  const items = query === "" ? suggestions : found;

  const { isOpen, highlightedIndex, selectedItem, getLabelProps, getInputProps, getMenuProps, getItemProps, selectItem, setInputValue, openMenu } = useCombobox<PickedAgency>({
    items,
    initialSelectedItem: initial,
    initialInputValue: initial?.label ?? "",
    itemToString: (item) => item?.label ?? "",
    itemToKey: (item) => item?.value,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-menu`,
    stateReducer: (_state, { type, changes }) => {
      // Typing replaces the choice: the hidden input never holds an agency the text no longer names.
      if (type === useCombobox.stateChangeTypes.InputChange) return { ...changes, selectedItem: null };
      // Leaving the field without choosing: the text goes too, so nothing looks chosen that is not.
      if (type === useCombobox.stateChangeTypes.InputBlur && !changes.selectedItem) return { ...changes, inputValue: "" };
      return changes;
    },
    onInputValueChange: ({ inputValue }) => setTyped(inputValue),
    onSelectedItemChange: ({ selectedItem: item }) => setChosenLabel(item?.label ?? null),
  });

  // Text typed before the page came alive (hydration after a slow load) is taken up and searched, rather than
  // left in the field where the picker never saw it.
  useEffect(() => {
    const input = document.getElementById(id) as HTMLInputElement | null;
    const early = input?.value ?? "";
    if (!input || early === (initial?.label ?? "")) return;
    setInputValue(early);
    if (early !== "" && document.activeElement === input) openMenu();
    // Once, when the field comes alive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // What the list is doing, announced: only while the text is a search (not the chosen agency's label).
  let status = "";
  if (typed.trim() !== "" && typed.trim() !== chosenLabel?.trim()) {
    if (settled !== typed.trim() || search.isFetching) status = t("searching");
    else if (search.isError) status = t("searchFailed");
    else status = found.length ? t("found", { count: found.length }) : t("noMatches", { query });
  }
  const hasError = error !== undefined && error !== null && error !== false;
  const describedBy = [hint !== undefined ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(" ");
  const showList = isOpen && items.length > 0;

  return (
    <div className={`${className} picker`}>
      <label {...getLabelProps()} className={labelClassName}>
        {label}
      </label>
      <input type="hidden" name={name} value={selectedItem?.value ?? ""} />
      <div className="picker__control">
        <input
          {...getInputProps({
            name: textName,
            type: "text",
            autoComplete: "off",
            "aria-describedby": describedBy || undefined,
            "aria-invalid": hasError && error !== "" ? true : undefined,
            "aria-required": required || undefined,
          })}
        />
        {(selectedItem || typed !== "") && (
          <button
            type="button"
            className="btn btn--secondary btn--small picker__clear"
            aria-describedby={`${id}-label`}
            onClick={() => {
              selectItem(null);
              document.getElementById(id)?.focus();
            }}
          >
            {t("clear")}
          </button>
        )}
        <ul {...getMenuProps()} className="picker__menu" hidden={!showList}>
          {showList &&
            items.map((item, index) => (
              <li key={item.value} {...getItemProps({ item, index })} className={index === highlightedIndex ? "picker__option picker__option--active" : "picker__option"}>
                {item.label}
              </li>
            ))}
        </ul>
      </div>
      <span className="picker__status muted" role="status">
        {status}
      </span>
      {hint !== undefined && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {hasError && (
        <span id={`${id}-error`} className="field-error" aria-live="polite">
          {error}
        </span>
      )}
    </div>
  );
}

"use client";

import { useLayoutEffect, useRef, type InputHTMLAttributes } from "react";

type ChoiceProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "checked" | "defaultChecked"> & {
  type: "radio" | "checkbox";
  checked: boolean;
};

/**
 * A controlled radio button or checkbox that survives a form reset. React 19 resets a form after its action
 * completes, and the browser restores each choice from its `checked` attribute, which React leaves at its
 * first render (react/react#31695): the screen would show the page-load choice while the saved value is the
 * new one, and the next save would write the old one back. Keeping the attribute equal to the state makes
 * the reset a no-op for controlled choices.
 */
export function ChoiceInput({ checked, ...props }: ChoiceProps) {
  const ref = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (ref.current) ref.current.defaultChecked = checked;
  }, [checked]);
  return <input ref={ref} checked={checked} {...props} />;
}

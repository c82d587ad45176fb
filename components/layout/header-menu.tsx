"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";

/**
 * The header's menu on a narrow screen: a button that shows or hides the panel holding the navigation and
 * the user's controls. Wide screens ignore the button and the open state (CSS shows the panel as a row).
 * The menu closes on Escape, on a click of a link in it, and whenever the path changes: it remembers the
 * path it was opened on, so a navigation closes it without an effect.
 */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      // Focus inside the panel would be lost when it hides: it goes back to the button.
      const focusInside = panel.current?.contains(document.activeElement) ?? false;
      setOpenOn(null);
      if (focusInside || document.activeElement === button.current) button.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  const closeOnLink = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest("a")) setOpenOn(null);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
      >
        <span className="menu-toggle__icon" aria-hidden="true" />
        {label}
      </button>
      {/* A link's click (mouse, or Enter on it) bubbles here and closes the menu, even a link to this page. */}
      <div id="site-menu" ref={panel} className="site-menu" data-open={open ? "" : undefined} onClick={closeOnLink}>
        {children}
      </div>
    </>
  );
}

"use client";

import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";

interface Reach {
  /** Wider than its box: the keyboard must be able to scroll it (WCAG 2.1.1, axe's scrollable-region-focusable). */
  scrolls: boolean;
  /** The table's own name, given to the region the keyboard stops on. */
  label?: string;
  labelledBy?: string;
}

/**
 * The box a wide table scrolls in, so that the page never does (a phone is 390 px wide). Only while its
 * content is wider than it, it is a named, focusable region: a keyboard user can reach it and scroll it
 * with the arrow keys, and a table that fits adds no stop to the tab order. The name is `label` if given,
 * else the table's: its aria-labelledby, else its caption's text.
 * Until the page's scripts have measured it (a slow connection), it is taken to scroll: the server's HTML
 * keeps every table reachable by keyboard, at the cost of a stop on one that turns out to fit.
 */
export function ScrollRegion({ id, className = "table-wrap", style, label: givenLabel, children }: { id?: string; className?: string; style?: CSSProperties; label?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [reach, setReach] = useState<Reach>({ scrolls: true, label: givenLabel });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const table = element.querySelector("table");
      const scrolls = element.scrollWidth > element.clientWidth + 1;
      const labelledBy = givenLabel ? undefined : (table?.getAttribute("aria-labelledby") ?? undefined);
      const label = givenLabel ?? (labelledBy ? undefined : table?.caption?.textContent?.trim() || undefined);
      setReach((before) => (before.scrolls === scrolls && before.label === label && before.labelledBy === labelledBy ? before : { scrolls, label, labelledBy }));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [givenLabel]);

  const named = reach.scrolls && (reach.label || reach.labelledBy);
  return (
    <div
      ref={box}
      id={id}
      className={className}
      style={style}
      tabIndex={reach.scrolls ? 0 : undefined}
      role={named ? "region" : undefined}
      aria-label={named ? reach.label : undefined}
      aria-labelledby={named ? reach.labelledBy : undefined}
    >
      {children}
    </div>
  );
}

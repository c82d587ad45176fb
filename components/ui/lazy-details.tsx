"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A details element whose content is drawn when first unfolded and kept after: for folded content a page
 * has many of (a chart's table, an item's forms), so the page's HTML carries only the summaries.
 * `openOnHash` unfolds it when the page is opened at, or navigates to, that fragment.
 */
export function LazyDetails({ summary, children, className, openOnHash }: { summary: ReactNode; children: ReactNode; className?: string; openOnHash?: string }) {
  const details = useRef<HTMLDetailsElement>(null);
  const [unfolded, setUnfolded] = useState(false);
  // Unfolded before hydration (a quick click on a slow page): its toggle event was missed, so look.
  useEffect(() => {
    if (details.current?.open) setUnfolded(true);
  }, []);
  useEffect(() => {
    if (!openOnHash) return;
    const openOnAnchor = () => {
      if (window.location.hash === `#${openOnHash}` && details.current) details.current.open = true;
    };
    openOnAnchor();
    window.addEventListener("hashchange", openOnAnchor);
    return () => window.removeEventListener("hashchange", openOnAnchor);
  }, [openOnHash]);
  return (
    <details ref={details} className={className} onToggle={(event) => event.currentTarget.open && setUnfolded(true)}>
      <summary>{summary}</summary>
      {unfolded && children}
    </details>
  );
}

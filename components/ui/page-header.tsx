import type { ReactNode } from "react";

/**
 * The heading block at the top of a page: an optional line above the title, the h1, an optional intro
 * paragraph and any further lines (children), with actions (buttons, filters) beside them.
 */
export function PageHeader({ title, eyebrow, intro, actions, children }: { title: ReactNode; eyebrow?: ReactNode; intro?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        {eyebrow !== undefined && <p className="muted">{eyebrow}</p>}
        <h1>{title}</h1>
        {intro !== undefined && <p>{intro}</p>}
        {children}
      </div>
      {actions}
    </div>
  );
}

import type { ReactNode } from "react";

const CALLOUT_ICONS = { tip: "★", warning: "⚠", story: "❝" } as const;
const CALLOUT_NAMES = { tip: "Tip", warning: "Watch out", story: "Story" } as const;

export function Callout({ type, title, children }: { type: "tip" | "warning" | "story"; title?: string; children?: ReactNode }) {
  return (
    <aside className={`callout callout-${type}`} aria-label={title ?? CALLOUT_NAMES[type]}>
      <p className="callout-title">
        <span aria-hidden="true">{CALLOUT_ICONS[type]}</span> {title ?? CALLOUT_NAMES[type]}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}

export function KeyTakeaway({ children }: { children?: ReactNode }) {
  return (
    <aside className="takeaway" aria-label="Key takeaway">
      <p className="takeaway-label">Key takeaway</p>
      <div>{children}</div>
    </aside>
  );
}

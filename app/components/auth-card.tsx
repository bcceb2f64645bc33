import type { ReactNode } from "react";

/** The narrow card of the pages people see before they are signed in: sign-in, passwords, setup. */
export function AuthCard({ eyebrow = "CareLearn", title, children }: { eyebrow?: string; title: string; children: ReactNode }) {
  return (
    <div className="auth-wrap">
      <div className="card auth-card">
        <p className="eyebrow">{eyebrow}</p>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

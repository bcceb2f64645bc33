import { Form, Link, NavLink, useMatches } from "@remix-run/react";
import type { ReactNode } from "react";
import { type RootUser, useRootUser } from "~/root";
import { jobRoleLabel } from "~/utils/job-roles";

type NavItem = { to: string; label: string; end?: boolean };

/** Navigation by what the person may do; a page they cannot open is never offered. */
export function navigationFor(user: RootUser): NavItem[] {
  const items: NavItem[] = [
    { to: "/", label: "Home", end: true },
    { to: "/courses", label: "Courses" },
    { to: "/scenarios", label: "Role-plays" },
  ];
  if (user.leaderboard) items.push({ to: "/leaderboard", label: "Leaderboard" });
  if (user.hasReports) items.push({ to: "/team", label: "My team" });
  if (user.accessLevel === "hr" || user.accessLevel === "admin") items.push({ to: "/hr", label: "HR" });
  return items;
}

/** A route whose handle says `{ bare: true }` (the wallboard) fills the screen without the app's chrome. */
function useBare(): boolean {
  return useMatches().some((m) => Boolean((m.handle as { bare?: boolean } | undefined)?.bare));
}

export function AppShell({ children }: { children: ReactNode }) {
  const user = useRootUser();
  const bare = useBare();
  if (bare) {
    return (
      <main id="main" className="bare-main">
        {children}
      </main>
    );
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="brand" aria-label="CareLearn home">
            <span className="brand-mark" aria-hidden="true">
              C
            </span>
            <span>CareLearn</span>
          </Link>
          {user ? <SignedInNav user={user} /> : null}
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
      <footer className="footer">CareLearn · everyone is a customer-care agent</footer>
    </div>
  );
}

function SignedInNav({ user }: { user: RootUser }) {
  const items = navigationFor(user);
  return (
    <div className="nav-disclosure">
      {/* A checkbox toggles the phone menu, so it opens without JavaScript too. */}
      <input type="checkbox" id="nav-toggle" className="nav-toggle-input" />
      <label htmlFor="nav-toggle" className="nav-toggle">
        <span aria-hidden="true">☰</span> Menu
      </label>
      <div className="nav-panel">
        <nav aria-label="Main" className="nav">
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end} className="nav-link">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="user-menu">
          <Link to="/account" className="user-name" title="Your account">
            <strong>{user.name}</strong>
            <small>{jobRoleLabel(user.jobRole)}</small>
          </Link>
          <Form method="post" action="/logout">
            <button type="submit" className="button button-ghost">
              Sign out
            </button>
          </Form>
        </div>
      </div>
    </div>
  );
}

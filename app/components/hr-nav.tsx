import { NavLink } from "@remix-run/react";

const LINKS = [
  { to: "/hr", label: "Overview", end: true },
  { to: "/hr/reports", label: "Reports" },
  { to: "/hr/people", label: "People" },
  { to: "/hr/curricula", label: "Curricula" },
  { to: "/hr/assignments", label: "Assignments" },
  { to: "/hr/leaderboard", label: "Leaderboard" },
  { to: "/hr/outbox", label: "Outbox" },
  { to: "/hr/audit", label: "Audit log" },
];

export function HrNav() {
  return (
    <nav className="subnav" aria-label="HR">
      {LINKS.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end} className="subnav-link">
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
}

import { Form, Link } from "@remix-run/react";
import { formatDate } from "~/utils/dates";
import { jobRoleLabel } from "~/utils/job-roles";
import { addDaysIso, type Window } from "~/utils/time-zone";

export type Movement = "up" | "down" | "same" | "new";

export const WINDOW_LABELS = { week: "This week", month: "This month", quarter: "This quarter", all: "All time" } as const;

/** Places as people say them: 1st, 2nd, 3rd, 11th, 22nd. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

// Made once: toLocaleString builds a new formatter on every call, which costs more than a whole board.
const NUMBER_FORMATS = [0, 1].map((digits) => new Intl.NumberFormat("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }));

export function formatPoints(value: number, digits: 0 | 1 = 0): string {
  return (NUMBER_FORMATS[digits] as Intl.NumberFormat).format(value);
}

/** Up, down, same or new since the week before, in words for screen readers. */
export function MovementBadge({ movement, previousRank, rank }: { movement: Movement; previousRank: number | null; rank: number }) {
  if (movement === "new") return <span className="lb-move lb-move-new">New</span>;
  if (movement === "same") return <span className="lb-move lb-move-same" aria-label="Same place as the week before">●</span>;
  const by = Math.abs((previousRank ?? rank) - rank);
  return movement === "up" ? (
    <span className="lb-move lb-move-up" aria-label={`Up ${by} from ${ordinal(previousRank ?? rank)}`}>
      ▲ {by}
    </span>
  ) : (
    <span className="lb-move lb-move-down" aria-label={`Down ${by} from ${ordinal(previousRank ?? rank)}`}>
      ▼ {by}
    </span>
  );
}

export function RankCell({ rank }: { rank: number | null }) {
  if (rank === null) return <span className="lb-rank" aria-label="Not placed yet">–</span>;
  return <span className={`lb-rank${rank <= 3 ? ` lb-rank-${rank}` : ""}`}>{rank}</span>;
}

type PersonRow = { rank: number | null; label: string; points: number; you: boolean; movement?: Movement; previousRank?: number | null };

/** People: the top of the board, then (after a gap) the viewer and their neighbours. */
export function PeopleTable({ caption, top, around, showMovement = false }: { caption: string; top: PersonRow[]; around: PersonRow[]; showMovement?: boolean }) {
  const row = (p: PersonRow, key: string) => (
    <tr key={key} className={p.you ? "lb-you" : undefined} aria-current={p.you ? "true" : undefined}>
      <td className="lb-place">
        <RankCell rank={p.rank} />
      </td>
      <td>{p.label}</td>
      {showMovement ? <td>{p.movement && p.rank !== null ? <MovementBadge movement={p.movement} previousRank={p.previousRank ?? null} rank={p.rank} /> : null}</td> : null}
      <td className="num">{formatPoints(p.points)}</td>
    </tr>
  );
  return (
    <div className="table-wrap">
      <table className="lb-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="lb-place">
              Place
            </th>
            <th scope="col">Person</th>
            {showMovement ? <th scope="col">Move</th> : null}
            <th scope="col" className="num">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {top.map((p, i) => row(p, `top-${i}`))}
          {around.length ? (
            <tr className="lb-gap" aria-hidden="true">
              <td colSpan={showMovement ? 4 : 3}>⋯</td>
            </tr>
          ) : null}
          {around.map((p, i) => row(p, `around-${i}`))}
        </tbody>
      </table>
    </div>
  );
}

type TeamRow = { rank: number; label: string; members: number; perHead: number; total: number; yours: boolean; movement?: Movement; previousRank?: number | null };

/** Teams ranked by points per person, so a small team can beat a big one. */
export function TeamTable({ caption, rows, mine, showMovement = false }: { caption: string; rows: TeamRow[]; mine: TeamRow[]; showMovement?: boolean }) {
  const row = (t: TeamRow, key: string) => (
    <tr key={key} className={t.yours ? "lb-you" : undefined} data-team={t.label} data-total={t.total}>
      <td className="lb-place">
        <RankCell rank={t.rank} />
      </td>
      <td>
        {t.label}
        {t.yours ? <span className="badge badge-info lb-yours">yours</span> : null}
      </td>
      {showMovement ? <td>{t.movement ? <MovementBadge movement={t.movement} previousRank={t.previousRank ?? null} rank={t.rank} /> : null}</td> : null}
      <td className="num lb-members">{t.members}</td>
      <td className="num">
        <strong>{formatPoints(t.perHead, 1)}</strong>
        <span className="lb-total muted"> · {formatPoints(t.total)} in all</span>
      </td>
    </tr>
  );
  return (
    <div className="table-wrap">
      <table className="lb-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="lb-place">
              Place
            </th>
            <th scope="col">Team</th>
            {showMovement ? <th scope="col">Move</th> : null}
            <th scope="col" className="num lb-members">
              People
            </th>
            <th scope="col" className="num">
              Per person
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={showMovement ? 5 : 4} className="muted">
                No team is large enough to rank yet.
              </td>
            </tr>
          ) : null}
          {rows.map((t, i) => row(t, `row-${i}`))}
          {mine.length ? (
            <tr className="lb-gap" aria-hidden="true">
              <td colSpan={showMovement ? 5 : 4}>⋯</td>
            </tr>
          ) : null}
          {mine.map((t, i) => row(t, `mine-${i}`))}
        </tbody>
      </table>
    </div>
  );
}

export type PointsRule = { what: string; points: string };

/** How points are earned, said plainly: outcomes only. */
export function HowPointsWork({ rules, minTeam }: { rules: PointsRule[]; minTeam: number }) {
  return (
    <section className="card lb-how" aria-labelledby="how-points">
      <h2 id="how-points">How points work</h2>
      <p>
        Points come from outcomes, not clicks: each one counts once. Reopening a lesson, retaking a quiz or replaying a role-play you have already passed adds
        nothing, so there is nothing to game.
      </p>
      <dl className="lb-rules">
        {rules.map((r) => (
          <div key={r.what}>
            <dt>{r.what}</dt>
            <dd>{r.points}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        Teams are ranked by points per person, counting everyone in the team (including people who keep their name off the board), so small and large teams compete
        fairly. Teams of fewer than {minTeam} are not ranked. Each week, month and quarter starts from zero.
      </p>
    </section>
  );
}

export function WindowTabs({ current, href }: { current: string; href: (window: string) => string }) {
  return (
    <nav className="subnav lb-tabs" aria-label="Period">
      {Object.entries(WINDOW_LABELS).map(([value, label]) => (
        <Link key={value} to={href(value)} className={`subnav-link${value === current ? " active" : ""}`} aria-current={value === current ? "page" : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const SHORT_MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });

/** "16 Nov 2026 to 22 Nov 2026", "November 2026", "Oct – Dec 2026", or all time. */
export function describeWindow(window: Window): string {
  if (!window.firstDay) return "Every point since CareLearn began";
  const first = new Date(`${window.firstDay}T00:00:00Z`);
  if (window.kind === "week") return `${formatDate(window.firstDay)} to ${formatDate(addDaysIso(window.firstDay, 6))}`;
  if (window.kind === "month") return MONTH.format(first);
  const last = new Date(`${addDaysIso(window.firstDay, 70)}T00:00:00Z`);
  return `${SHORT_MONTH.format(first)} – ${SHORT_MONTH.format(last)} ${first.getUTCFullYear()}`;
}

/** "Compare with": narrows the people board to one job role (drivers against drivers). */
export function CohortFilter({ roles, role, window }: { roles: string[]; role: string | null; window?: string }) {
  return (
    <Form method="get" className="inline-form lb-cohort">
      {window ? <input type="hidden" name="window" value={window} /> : null}
      <label htmlFor="role" className="lb-cohort-label">
        Compare with
      </label>
      <select id="role" name="role" defaultValue={role ?? ""} className="input">
        <option value="">Everyone</option>
        {roles.map((r) => (
          <option key={r} value={r}>
            {jobRoleLabel(r)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-secondary">
        Show
      </button>
    </Form>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CohortFilter, describeWindow, formatPoints, HowPointsWork, ordinal, PeopleTable, TeamTable, WINDOW_LABELS, WindowTabs } from "~/components/leaderboard";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { leaderboardView, MIN_TEAM_SIZE, nextSteps, publicLabel } from "~/models/leaderboard.server";
import { pointsRules } from "~/models/leaderboard-points.server";
import { leaderboardState } from "~/models/leaderboard-settings.server";
import { publishDueWeeks } from "~/models/leaderboard-snapshots.server";
import { hasAccess, requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { JOB_ROLES, jobRoleLabel } from "~/utils/job-roles";
import { WINDOWS } from "~/utils/time-zone";

export const meta: MetaFunction = () => [{ title: "Leaderboard · CareLearn" }];

// The window and cohort come from the address bar: anything odd falls back to the default.
const querySchema = z.object({
  window: z.enum(WINDOWS).default("week").catch("week"),
  role: z.enum(JOB_ROLES).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const state = leaderboardState(db);
  const isHr = hasAccess(user, "hr");
  if (state.mode === "off") return { off: true as const, isHr };
  // The first request after a week ends publishes it (no query at all otherwise).
  publishDueWeeks(db, new Date(), { timeZone: state.timeZone });
  const view = leaderboardView(db, { viewerId: user.id, window: query.window, role: query.role ?? null, state });
  const visibility = view.visibility;
  return {
    off: false as const,
    isHr,
    view,
    windowText: describeWindow(view.window),
    steps: nextSteps(db, await getCatalogue(), user),
    rules: pointsRules(),
    minTeam: MIN_TEAM_SIZE,
    appearsAs: publicLabel(user.name, visibility),
    visibility,
  };
}

export default function Leaderboard() {
  const data = useLoaderData<typeof loader>();
  if (data.off) {
    return (
      <div className="narrow">
        <p className="eyebrow">Leaderboard</p>
        <h1>Leaderboards are turned off</h1>
        <p className="lead">Your organisation has turned leaderboards off. Your training, certificates and role-play results are all still on your home page.</p>
        <p className="row">
          <Link to="/" className="button">
            Go to your home page
          </Link>
          {data.isHr ? (
            <Link to="/hr/leaderboard" className="button button-ghost">
              Leaderboard settings
            </Link>
          ) : null}
        </p>
      </div>
    );
  }
  const { view, windowText, steps, rules, minTeam, appearsAs, visibility, isHr } = data;
  const href = (window: string, role = view.role) => {
    const params = new URLSearchParams({ window });
    if (role) params.set("role", role);
    return `?${params}`;
  };
  const standing = view.people?.standing;
  const myDepartment = [...view.departments.rows, ...view.departments.mine].find((d) => d.yours);
  const windowWord = view.window.kind === "all" ? "so far" : WINDOW_LABELS[view.window.kind].toLowerCase();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">Leaderboard</p>
          <h1>{WINDOW_LABELS[view.window.kind]}</h1>
          <p>
            {windowText}
            {view.window.kind === "all" ? "" : ". Every period starts from zero."}
          </p>
        </div>
        <div className="row">
          <Link to="/leaderboard/history" className="button button-secondary">
            Past weeks
          </Link>
          {isHr ? (
            <Link to="/hr/leaderboard" className="button button-ghost">
              Settings
            </Link>
          ) : null}
        </div>
      </div>
      <WindowTabs current={view.window.kind} href={(w) => href(w)} />

      <div className="stat-grid lb-stats">
        <div className="stat">
          <div className="stat-value" data-testid="own-points">
            {formatPoints(view.ownPoints)}
          </div>
          <div className="stat-label">your points {windowWord}</div>
        </div>
        {standing ? (
          <div className="stat">
            <div className="stat-value">{standing.rank ? ordinal(standing.rank) : "—"}</div>
            <div className="stat-label">{standing.rank ? `of ${standing.of} with points${view.role ? ` (${jobRoleLabel(view.role)})` : ""}` : "not on this board yet"}</div>
          </div>
        ) : null}
        {myDepartment ? (
          <div className="stat">
            <div className="stat-value">{ordinal(myDepartment.rank)}</div>
            <div className="stat-label">
              {myDepartment.label}, of {view.departments.count} departments
            </div>
          </div>
        ) : null}
      </div>

      <section className="card lb-next" aria-labelledby="move-up">
        <h2 id="move-up">{standing?.rank === 1 ? "You are top of this board" : "Moving up"}</h2>
        {standing?.nextUp ? (
          <p className="lb-next-lead">
            <strong>{formatPoints(standing.nextUp.points)} more points</strong> would take you past {standing.nextUp.label} into {ordinal(standing.nextUp.rank)} place.
          </p>
        ) : standing && standing.of === 0 ? (
          <p className="lb-next-lead">Nobody has scored yet {windowWord}: your first points put you at the top.</p>
        ) : !standing ? (
          <p className="lb-next-lead">Your points count for your department and your manager's team.</p>
        ) : standing.rank === 1 ? (
          <p className="lb-next-lead">Keep going: every outcome widens the gap.</p>
        ) : (
          <p className="lb-next-lead">Score some points to join this board.</p>
        )}
        {steps.length ? (
          <ul className="lb-steps">
            {steps.map((s) => (
              <li key={s.href}>
                <Link to={s.href}>{s.label}</Link>
                {s.dueOn ? <span className="muted">{s.late ? ` was due ${formatDate(s.dueOn)}` : ` by ${formatDate(s.dueOn)}`}</span> : null}
                <span className="badge badge-info">{s.points}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">You have done everything that scores right now. New courses and renewals will bring more.</p>
        )}
      </section>

      <div className="report-grid lb-boards">
        {view.people ? (
          <section aria-labelledby="people-board">
            <div className="section-head">
              <h2 id="people-board">People</h2>
              <CohortFilter roles={view.roles} role={view.role} window={view.window.kind} />
            </div>
            {view.people.top.length === 0 ? (
              <p className="card muted">Nobody {view.role ? `in this role ` : ""}has scored yet {windowWord}.</p>
            ) : (
              <PeopleTable caption={`People ${windowWord}`} top={view.people.top} around={view.people.around} />
            )}
            <p className="muted lb-privacy">
              Others see you as <strong>{appearsAs}</strong>
              {visibility === "hidden" ? ", and your points still count for your teams" : ""}. <Link to="/account#leaderboard">Change how you appear</Link>
            </p>
          </section>
        ) : null}
        <section aria-labelledby="team-board">
          <h2 id="team-board">Departments</h2>
          <TeamTable caption={`Departments ${windowWord}, by points per person`} rows={view.departments.rows} mine={view.departments.mine} />
          <h2>Managers' teams</h2>
          <TeamTable caption={`Managers' teams ${windowWord}, by points per person`} rows={view.managers.rows} mine={view.managers.mine} />
          {view.managers.count > view.managers.rows.length ? (
            <p className="muted">
              The top {view.managers.rows.length} of {view.managers.count} teams{view.managers.mine.length ? ", and yours" : ""}. A manager's team is everyone who
              reports to them, directly or not.
            </p>
          ) : null}
        </section>
      </div>

      <HowPointsWork rules={rules} minTeam={minTeam} />
      <p className="muted lb-zone">Periods follow the organisation's time zone ({view.timeZone}); weeks start on Monday.</p>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

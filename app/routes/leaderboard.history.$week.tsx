import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CohortFilter, formatPoints, ordinal, PeopleTable, TeamTable } from "~/components/leaderboard";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { viewerPlacement } from "~/models/leaderboard.server";
import { snapshotView } from "~/models/leaderboard-snapshots.server";
import { leaderboardMode } from "~/models/leaderboard-settings.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { JOB_ROLES } from "~/utils/job-roles";
import { addDaysIso } from "~/utils/time-zone";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Week of ${formatDate(data.week)} · Leaderboard · CareLearn` : "Leaderboard · CareLearn" }];

const weekSchema = z.iso.date();
const querySchema = z.object({ role: z.enum(JOB_ROLES).optional().catch(undefined) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const week = weekSchema.safeParse(params.week);
  if (!week.success) notFound("There is no published week at that address.");
  const db = getDb();
  const mode = leaderboardMode(db);
  if (mode === "off") notFound("Leaderboards are turned off in your organisation.");
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const view = snapshotView(db, week.data, viewerPlacement(db, user.id), mode, query.role ?? null);
  if (!view) notFound("That week has not been published.");
  return { week: week.data, lastDay: addDaysIso(week.data, 6), view };
}

export default function PublishedWeek() {
  const { week, lastDay, view } = useLoaderData<typeof loader>();
  const { people, summary } = view;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">Published leaderboard</p>
          <h1>
            {formatDate(week)} to {formatDate(lastDay)}
          </h1>
          <p>
            Frozen on {formatDate(summary.publishedAt)} ({summary.timeZone}). Movement is against the week before.
          </p>
        </div>
        <Link to="/leaderboard/history" className="button button-secondary">
          All past weeks
        </Link>
      </div>
      {people ? (
        <div className="stat-grid lb-stats">
          <div className="stat">
            <div className="stat-value">{people.you ? ordinal(people.you.rank) : "—"}</div>
            <div className="stat-label">{people.you ? `your place, of ${people.count}` : "you did not score that week"}</div>
          </div>
          <div className="stat">
            <div className="stat-value">{people.you ? formatPoints(people.you.points) : 0}</div>
            <div className="stat-label">your points that week</div>
          </div>
          <div className="stat">
            <div className="stat-value">{people.newcomers}</div>
            <div className="stat-label">new on the board</div>
          </div>
        </div>
      ) : null}
      <div className="report-grid lb-boards">
        {people ? (
          <section aria-labelledby="people-board">
            <div className="section-head">
              <h2 id="people-board">People</h2>
              <CohortFilter roles={view.roles} role={view.role} />
            </div>
            {people.top.length === 0 ? (
              <p className="card muted">Nobody {view.role ? "in this role " : ""}scored that week.</p>
            ) : (
              <PeopleTable caption="People that week" top={people.top} around={people.around} showMovement={!view.role} />
            )}
            {people.climbers.length ? (
              <>
                <h3>Biggest climbers</h3>
                <ul className="lb-climbers">
                  {people.climbers.map((c, i) => (
                    <li key={i}>
                      <span className="lb-move lb-move-up">▲ {(c.previousRank ?? c.rank) - c.rank}</span> {c.label}, {ordinal(c.previousRank ?? c.rank)} → {ordinal(c.rank)}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        ) : (
          <p className="card muted">Only team boards were published that week (or individual boards are off now).</p>
        )}
        <section aria-labelledby="team-board">
          <h2 id="team-board">Departments</h2>
          <TeamTable caption="Departments that week" rows={view.departments} mine={[]} showMovement />
          <h2>Managers' teams</h2>
          <TeamTable caption="Managers' teams that week" rows={view.managers.rows} mine={view.managers.mine} showMovement />
        </section>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

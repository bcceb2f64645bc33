import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { listSnapshots, publishDueWeeks } from "~/models/leaderboard-snapshots.server";
import { leaderboardMode } from "~/models/leaderboard-settings.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { addDaysIso } from "~/utils/time-zone";

export const meta: MetaFunction = () => [{ title: "Past weeks · Leaderboard · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  const mode = leaderboardMode(db);
  if (mode === "off") return { off: true as const, weeks: [] };
  publishDueWeeks(db);
  return {
    off: false as const,
    weeks: listSnapshots(db).map((w) => ({ ...w, lastDay: addDaysIso(w.weekStart, 6), scorers: w.individuals && mode === "on" ? w.scorers : null })),
  };
}

export default function LeaderboardHistory() {
  const { off, weeks } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">Leaderboard</p>
          <h1>Past weeks</h1>
          <p>When a week ends its boards are published as they stood, with who moved up, and kept just like that.</p>
        </div>
        <Link to="/leaderboard" className="button button-secondary">
          This week
        </Link>
      </div>
      {off ? (
        <p className="card">Your organisation has turned leaderboards off.</p>
      ) : weeks.length === 0 ? (
        <p className="card muted">No week has been published yet. The first one appears when a week with points in it ends.</p>
      ) : (
        <div className="table-wrap responsive">
          <table>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Top department</th>
                <th scope="col" className="num">
                  People who scored
                </th>
                <th scope="col">Published</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.weekStart}>
                  <td data-label="Week">
                    <Link to={`/leaderboard/history/${w.weekStart}`}>
                      {formatDate(w.weekStart)} to {formatDate(w.lastDay)}
                    </Link>
                  </td>
                  <td data-label="Top department">{w.topDepartment ?? <span className="muted">nobody scored</span>}</td>
                  <td data-label="People who scored" className="num">
                    {w.scorers ?? <span className="muted">teams only</span>}
                  </td>
                  <td data-label="Published">{formatDate(w.publishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

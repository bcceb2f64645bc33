import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { describeWindow, formatPoints } from "~/components/leaderboard";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { wallboardView } from "~/models/leaderboard.server";
import { publishDueWeeks } from "~/models/leaderboard-snapshots.server";
import { leaderboardMode } from "~/models/leaderboard-settings.server";
import { findWallboard } from "~/models/wallboard.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

const REFRESH_SECONDS = 60;

// An office screen: no app chrome, and it reloads itself (a meta refresh works without JavaScript).
export const handle = { bare: true };

export const meta: MetaFunction = () => [
  { title: "Leaderboard · CareLearn" },
  { httpEquiv: "refresh", content: String(REFRESH_SECONDS) },
  { name: "robots", content: "noindex" },
];

/**
 * Public in the guard sense: no sign-in, the token is the guard and is checked before anything
 * else; unknown or revoked tokens (and leaderboards turned off) are a 404.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const screen = findWallboard(db, params.token ?? "");
  if (!screen) notFound("This wallboard link does not exist or has been revoked.");
  if (leaderboardMode(db) === "off") notFound("Leaderboards are turned off in this organisation.");
  publishDueWeeks(db);
  const now = new Date();
  const view = wallboardView(db, now);
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: view.timeZone }).format(now);
  return { view, week: describeWindow(view.week), month: describeWindow(view.month), time, screen: screen.label };
}

export default function Wallboard() {
  const { view, week, month, time } = useLoaderData<typeof loader>();
  return (
    <div className="wallboard">
      <header className="wallboard-head">
        <p className="wallboard-brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          CareLearn
        </p>
        <h1>This week's leaderboard</h1>
        <p className="wallboard-when">{week}</p>
      </header>
      <div className="wallboard-grid">
        {view.people ? (
          <section aria-labelledby="wb-people">
            <h2 id="wb-people">People</h2>
            {view.people.length === 0 ? (
              <p className="wallboard-empty">Nobody has scored yet this week. The first course finished or role-play passed takes the top spot.</p>
            ) : (
              <ol className="wallboard-list">
                {view.people.map((p, i) => (
                  <li key={i} className={p.rank <= 3 ? `wallboard-top wallboard-top-${p.rank}` : undefined}>
                    <span className="wallboard-rank">{p.rank}</span>
                    <span className="wallboard-name">{p.label}</span>
                    <span className="wallboard-points">{formatPoints(p.points)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        ) : (
          <section aria-labelledby="wb-managers">
            <h2 id="wb-managers">Managers' teams, points per person</h2>
            {view.managers.length === 0 ? (
              <p className="wallboard-empty">No team is large enough to rank yet.</p>
            ) : (
              <ol className="wallboard-list">
                {view.managers.map((t) => (
                  <li key={t.id} className={t.rank <= 3 && t.total > 0 ? `wallboard-top wallboard-top-${t.rank}` : undefined}>
                    <span className="wallboard-rank">{t.rank}</span>
                    <span className="wallboard-name">{t.label}</span>
                    <span className="wallboard-points">{formatPoints(t.perHead, 1)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        )}
        <section aria-labelledby="wb-teams">
          <h2 id="wb-teams">Departments, points per person</h2>
          {view.departments.length === 0 ? (
            <p className="wallboard-empty">No department is large enough to rank yet.</p>
          ) : (
            <ol className="wallboard-list">
              {view.departments.map((d) => (
                <li key={d.id} className={d.rank <= 3 && d.total > 0 ? `wallboard-top wallboard-top-${d.rank}` : undefined}>
                  <span className="wallboard-rank">{d.rank}</span>
                  <span className="wallboard-name">{d.label}</span>
                  <span className="wallboard-points">{formatPoints(d.perHead, 1)}</span>
                </li>
              ))}
            </ol>
          )}
          {view.monthPeople && view.monthPeople.length > 0 ? (
            <>
              <h2>{month}: top five</h2>
              <ol className="wallboard-list wallboard-list-small">
                {view.monthPeople.map((p, i) => (
                  <li key={i}>
                    <span className="wallboard-rank">{p.rank}</span>
                    <span className="wallboard-name">{p.label}</span>
                    <span className="wallboard-points">{formatPoints(p.points)}</span>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      </div>
      <footer className="wallboard-foot">
        Points for courses finished on time and role-plays passed. Updated {time} ({view.timeZone}); refreshes every minute.
      </footer>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

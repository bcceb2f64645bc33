import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseStatusBadge } from "~/components/course-status-badge";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { transcriptFor } from "~/models/transcript-access.server";
import { requireManager } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Transcript"} · CareLearn` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireManager(request);
  return transcriptFor(getDb(), await getCatalogue(), viewer, params.userId);
}

const OUTCOME = { retained: "Customer retained", escalated: "Escalated", lost: "Customer lost" } as Record<string, string>;

export default function TranscriptPage() {
  const { person, courses, runs } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="eyebrow">
        <Link to="/team">My team</Link> / Transcript
      </p>
      <div className="page-header">
        <div>
          <h1>{person.name}</h1>
          <p>
            {jobRoleLabel(person.jobRole)}
            {person.department ? ` · ${person.department}` : ""} · {person.email}
          </p>
        </div>
        <a href={`/team/${person.id}/transcript.csv`} className="button button-ghost" download>
          Export CSV
        </a>
      </div>
      <h2>Courses</h2>
      {courses.length === 0 ? <p className="muted">Nothing assigned or started yet.</p> : null}
      <div className="stack">
        {courses.map((c) => (
          <section key={c.slug} className="card transcript-course" aria-label={c.title}>
            <div className="row transcript-head">
              <h3>{c.title}</h3>
              <CourseStatusBadge status={c.status} />
            </div>
            <p className="muted">
              {c.lessonsDone} of {c.lessonCount} lessons{c.dueOn ? ` · due ${formatDate(c.dueOn)}` : ""}
            </p>
            {c.completions.length > 0 ? (
              <ul className="compact-list">
                {c.completions.map((x) => (
                  <li key={x.code}>
                    Completed {formatDate(x.completedAt)} with {x.score}%{x.expiresAt ? `, valid until ${formatDate(x.expiresAt)}` : ""} ·{" "}
                    <Link to={`/certificates/${x.code}`}>{x.code}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
            {c.attempts.length > 0 ? (
              <details>
                <summary>
                  {c.attempts.length} quiz attempt{c.attempts.length === 1 ? "" : "s"}
                </summary>
                <ul className="compact-list">
                  {c.attempts.map((a, i) => (
                    <li key={i}>
                      {formatDate(a.createdAt)}: {a.quiz}, {a.score}% {a.passed ? "(passed)" : "(not passed)"}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        ))}
      </div>
      <h2>Role-plays</h2>
      {runs.length === 0 ? <p className="muted">No role-plays played yet.</p> : null}
      <div className="stack">
        {runs.map((r) => (
          <section key={r.id} className="card" aria-label={r.title}>
            <div className="row transcript-head">
              <h3>{r.title}</h3>
              {r.status === "finished" ? (
                <span className={`badge ${r.passed ? "badge-success" : "badge-warning"}`}>
                  {r.score}% · {r.passed ? "passed" : "not passed"}
                </span>
              ) : (
                <span className="badge">{r.status === "in_progress" ? "under way" : "restarted"}</span>
              )}
            </div>
            <p className="muted">
              {formatDate(r.finishedAt ?? r.startedAt)}
              {r.outcome ? ` · ${OUTCOME[r.outcome] ?? r.outcome}` : ""}
            </p>
            {r.path.length > 0 ? (
              <ol className="compact-list path-list">
                {r.path.map((label, i) => (
                  <li key={i}>{label}</li>
                ))}
              </ol>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

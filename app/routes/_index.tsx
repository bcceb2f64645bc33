import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseCard } from "~/components/course-card";
import { CourseStatusBadge, ProgressBar } from "~/components/course-status-badge";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { learnerHome } from "~/models/home.server";
import type { CourseSummary } from "~/models/learner.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction = () => [{ title: "Home · CareLearn" }];

function card({ audience: _a, lastActivityAt: _l, completedAt: _c, expiresAt: _e, ...rest }: CourseSummary) {
  return rest;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const home = learnerHome(getDb(), await getCatalogue(), user);
  return {
    name: user.name,
    jobRole: user.jobRole,
    continueWith: home.continueWith && card(home.continueWith),
    due: home.due.map((c) => ({ slug: c.slug, title: c.title, dueOn: c.dueOn!, status: c.status, percent: c.percent })),
    forYourRole: home.forYourRole.map(card),
    completed: home.completed.map((c) => ({ slug: c.slug, title: c.title, code: c.certificateCode, completedAt: c.completedAt, expiresAt: c.expiresAt, status: c.status })),
    overall: home.overall,
  };
}

export default function Home() {
  const { name, jobRole, continueWith, due, forYourRole, completed, overall } = useLoaderData<typeof loader>();
  const firstName = name.replace(/^Dr\.? /, "").split(" ")[0];
  return (
    <>
      <section className="hero">
        <div>
          <p className="eyebrow">{jobRoleLabel(jobRole)}</p>
          <h1>Welcome, {firstName}</h1>
          <p>Everyone here is a customer-care agent. Every lesson you finish is a customer someone keeps.</p>
        </div>
        <div className="hero-stat card">
          <p className="label">Your courses</p>
          <p className="stat-value">
            {overall.completedForRole} <span className="muted">of {overall.coursesForRole} complete</span>
          </p>
          <ProgressBar percent={overall.percent} label={`Overall progress ${overall.percent}%`} />
          <p className="muted">{overall.percent}% of the work for your role done</p>
        </div>
      </section>

      {continueWith ? (
        <section aria-labelledby="continue" className="card continue-card">
          <div>
            <p className="eyebrow" id="continue">
              {continueWith.percent > 0 ? "Continue where you left off" : "Start here"}
            </p>
            <h2>{continueWith.title}</h2>
            <p className="muted">{continueWith.nextLesson ? `Next: ${continueWith.nextLesson.title}` : "Lessons done: the quiz and role-play are next."}</p>
            <ProgressBar percent={continueWith.percent} label={`${continueWith.title}: ${continueWith.percent}%`} />
          </div>
          <Link
            to={continueWith.nextLesson ? `/courses/${continueWith.slug}/${continueWith.nextLesson.slug}` : `/courses/${continueWith.slug}`}
            className="button"
          >
            {continueWith.percent > 0 ? "Continue" : "Start"}
          </Link>
        </section>
      ) : null}

      {due.length > 0 ? (
        <section aria-labelledby="due">
          <h2 id="due">Assigned to you</h2>
          <ul className="due-list">
            {due.map((d) => (
              <li key={d.slug} className={`card due-item due-${d.status}`}>
                <div>
                  <Link to={`/courses/${d.slug}`}>{d.title}</Link>
                  <p className="muted">
                    {d.status === "overdue" ? "Overdue since" : d.status === "expired" ? "Certificate expired: renew by" : "Due"} {formatDate(d.dueOn)} · {d.percent}% done
                  </p>
                </div>
                <CourseStatusBadge status={d.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="for-role">
        <h2 id="for-role">For your role</h2>
        <div className="grid">
          {forYourRole.map((course) => (
            <CourseCard key={course.slug} course={course} />
          ))}
        </div>
      </section>

      <section aria-labelledby="certificates">
        <h2 id="certificates">Your certificates</h2>
        {completed.length === 0 ? (
          <p className="muted">Finish a course to earn your first certificate.</p>
        ) : (
          <ul className="certificate-list">
            {completed.map((c) => (
              <li key={c.slug} className="card">
                <span className="certificate-icon" aria-hidden="true">
                  ✓
                </span>
                <div>
                  <Link to={`/certificates/${c.code}`}>{c.title}</Link>
                  <p className="muted">
                    {formatDate(c.completedAt!)}
                    {c.expiresAt ? ` · ${c.status === "expired" ? "expired" : "valid until"} ${formatDate(c.expiresAt)}` : ""}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { isAudience } from "~/models/learner.server";
import { scenarioStandings } from "~/models/scenario-run.server";
import { hasAccess, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Role-plays · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const catalogue = await getCatalogue();
  const standings = scenarioStandings(getDb(), user.id);
  const scenarios = [...catalogue.scenarios.values()].map((entry) => ({
    id: entry.id,
    title: entry.scenario.title,
    summary: entry.scenario.summary,
    personaName: entry.scenario.persona.name,
    courseTitle: catalogue.courseBySlug.get(entry.courseSlug)?.meta.title ?? "",
    forYourRole: isAudience(entry.scenario.audience, user.jobRole),
    decisions: entry.analysis.longestPath,
    ...(standings.get(entry.id) ?? { best: null, passed: false, inProgress: false }),
  }));
  scenarios.sort((a, b) => Number(b.forYourRole) - Number(a.forYourRole));
  return { scenarios, canSeeInsights: user.hasReports || hasAccess(user, "hr") };
}

export default function ScenarioList() {
  const { scenarios, canSeeInsights } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">Practise</p>
          <h1>Role-plays</h1>
          <p>Practise the conversation before you have it for real. Every choice gets feedback; you can always start again.</p>
        </div>
      </div>
      <div className="grid">
        {scenarios.map((s) => (
          <article key={s.id} className="card course-card">
            <div className="row">
              {s.forYourRole ? <span className="badge badge-info">For your role</span> : <span className="badge">Optional</span>}
              {s.passed ? <span className="badge badge-success">Passed · best {s.best}%</span> : s.inProgress ? <span className="badge badge-warning">Under way</span> : null}
            </div>
            <h3>
              <Link to={`/scenarios/${s.id}`}>{s.title}</Link>
            </h3>
            <p className="muted course-summary">{s.summary}</p>
            <p className="muted">From “{s.courseTitle}”</p>
            <div className="row course-card-meta">
              <Link to={`/scenarios/${s.id}`} className="button button-small">
                {s.inProgress ? "Carry on" : s.best !== null ? "Play again" : `Talk to ${s.personaName.split(" ")[0]}`}
              </Link>
              {canSeeInsights ? (
                <Link to={`/scenarios/${s.id}/insights`} className="button button-ghost button-small">
                  Insights
                </Link>
              ) : null}
            </div>
          </article>
        ))}
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

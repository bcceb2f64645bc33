import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { findScenarioOr404 } from "~/models/content/scenario-lookup.server";
import { type InsightScope, scenarioInsights } from "~/models/scenario-insights.server";
import { reportingLineIds } from "~/models/team.server";
import { hasAccess, requireManager } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Insights: ${data?.title ?? "Role-play"} · CareLearn` }];

/** HR sees everyone's choices; a manager sees only their reporting line's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireManager(request);
  const entry = await findScenarioOr404(params.id);
  const db = getDb();
  const everyone = hasAccess(user, "hr");
  const scope: InsightScope = everyone ? { kind: "everyone" } : { kind: "people", userIds: reportingLineIds(db, user.id) };
  return { id: entry.id, title: entry.scenario.title, scopeLabel: everyone ? "Everyone in the organisation" : "Your team (direct and indirect reports)", insights: scenarioInsights(db, entry, scope) };
}

function GroupTable({ caption, rows, label }: { caption: string; rows: Array<{ group: string; runs: number; average: number; passRate: number }>; label: (g: string) => string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            <th scope="col" className="num">Runs</th>
            <th scope="col" className="num">Average score</th>
            <th scope="col" className="num">Passed</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No finished runs yet.
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr key={r.group}>
                <td>{label(r.group)}</td>
                <td className="num">{r.runs}</td>
                <td className="num">{r.average}%</td>
                <td className="num">{r.passRate}%</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

export default function ScenarioInsights() {
  const { id, title, scopeLabel, insights } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to="/scenarios">Role-plays</Link> / Insights
          </p>
          <h1>{title}</h1>
          <p>
            {scopeLabel}: {insights.finishedRuns} finished runs. <Link to={`/scenarios/${id}`}>Play it yourself</Link>
          </p>
        </div>
      </div>
      <h2>The most common wrong turns</h2>
      {insights.wrongTurns.length === 0 ? (
        <p className="muted">No wrong turns recorded yet.</p>
      ) : (
        <ol className="wrong-turns">
          {insights.wrongTurns.map((w) => (
            <li key={`${w.nodeId}-${w.label}`} className="card">
              <p className="muted">{w.nodeText}</p>
              <p>
                <strong>{w.label}</strong>
              </p>
              <p className="muted">
                Chosen {w.count} {w.count === 1 ? "time" : "times"} ({Math.round(w.share * 100)}% of answers at this point)
              </p>
            </li>
          ))}
        </ol>
      )}
      <h2>Average score by department</h2>
      <GroupTable caption="Department" rows={insights.byDepartment} label={(g) => g} />
      <h2>Average score by job role</h2>
      <GroupTable caption="Job role" rows={insights.byJobRole} label={jobRoleLabel} />
      <h2>Every decision point</h2>
      {insights.nodes.map((node) => (
        <section key={node.id} className="card insight-node" aria-label={`Decision ${node.id}`}>
          <p className="muted">{node.text}</p>
          <ul className="insight-choices">
            {node.choices.map((c) => {
              const share = node.total ? Math.round((100 * c.count) / node.total) : 0;
              return (
                <li key={c.id} data-choice={c.id}>
                  <span className={`insight-label ${c.weight < 0 ? "insight-wrong" : ""}`}>{c.label}</span>
                  <span className="progress" aria-hidden="true">
                    <span style={{ width: `${share}%` }} />
                  </span>
                  <span className="num insight-count">
                    {c.count} ({share}%)
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

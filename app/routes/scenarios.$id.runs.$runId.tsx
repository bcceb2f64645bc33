import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { moodMovement } from "~/components/mood-meter";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { findScenarioOr404 } from "~/models/content/scenario-lookup.server";
import { findRun, runChoices } from "~/models/scenario-run.server";
import { runResult } from "~/models/scenario-view.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { isNumericString, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Result: ${data?.title ?? "Role-play"} · CareLearn` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const entry = await findScenarioOr404(params.id);
  const db = getDb();
  const run = isNumericString(params.runId ?? "") ? findRun(db, Number(params.runId)) : undefined;
  // Someone else's run is reported as missing, not forbidden: it does not reveal that it exists.
  if (!run || run.userId !== user.id || run.scenarioId !== entry.id || run.status !== "finished") notFound("There is no finished run of yours at this address.");
  return { id: entry.id, title: entry.scenario.title, personaName: entry.scenario.persona.name, result: runResult(entry, run, runChoices(db, run.id)) };
}

const OUTCOME = { retained: "Customer retained", escalated: "Escalated", lost: "Customer lost" } as const;

export default function ScenarioResult() {
  const { id, title, personaName, result } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <p className="eyebrow">
        <Link to="/scenarios">Role-plays</Link> / Result
      </p>
      <h1>{title}</h1>
      {result.ending ? (
        <section className={`ending ending-${result.ending.outcome}`} aria-label="How it ended">
          <p className="ending-outcome">{OUTCOME[result.ending.outcome]}</p>
          <h2>{result.ending.title}</h2>
          <div dangerouslySetInnerHTML={{ __html: result.ending.summaryHtml }} />
          {result.ending.cost ? <p className="ending-cost">What it cost: {result.ending.cost}</p> : null}
        </section>
      ) : null}
      <section className="card result-score">
        <div className={`quiz-score ${result.passed ? "quiz-pass" : "quiz-fail"}`} role="status">
          <strong>{result.score}%</strong>
          <span>
            {result.passed ? "Passed" : "Not passed yet"} · pass mark {result.passMark}%
          </span>
        </div>
        <h2>By skill</h2>
        <ul className="dimension-list">
          {result.dimensions.map((d) => {
            const percent = d.best > 0 ? Math.max(0, Math.min(100, Math.round((100 * d.total) / d.best))) : 0;
            return (
              <li key={d.id}>
                <span className="dimension-label">{d.label}</span>
                <span className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={`${d.label} ${percent}%`}>
                  <span style={{ width: `${percent}%` }} />
                </span>
                <span className="muted dimension-value">
                  {d.total} of {d.best}
                </span>
              </li>
            );
          })}
        </ul>
      </section>
      <h2>Your conversation, step by step</h2>
      <ol className="path">
        {result.steps.map((step, index) => {
          const move = moodMovement(step.moodBefore, step.moodAfter);
          return (
            <li key={index} className="path-step">
              <div className="path-context" dangerouslySetInnerHTML={{ __html: step.nodeHtml }} />
              <p className="path-choice">You: {step.label}</p>
              <p>{step.feedback}</p>
              <p className="muted">{move === "same" ? `${personaName} stayed ${step.moodAfter}.` : `${personaName}: ${step.moodBefore} → ${step.moodAfter}`}</p>
            </li>
          );
        })}
      </ol>
      <section className="card best-path" aria-labelledby="best-path">
        <h2 id="best-path">What the best conversation looked like ({result.bestScore}%)</h2>
        <ol>
          {result.bestPath.map((step, index) => (
            <li key={index}>{step.label}</li>
          ))}
        </ol>
        {result.bestEnding ? <p className="muted">It ends: {result.bestEnding.title}.</p> : null}
      </section>
      <div className="row">
        <Form method="post" action={`/scenarios/${id}`}>
          <button type="submit" name="intent" value="restart" className="button">
            Play it again
          </button>
        </Form>
        <Link to="/scenarios" className="button button-ghost">
          All role-plays
        </Link>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

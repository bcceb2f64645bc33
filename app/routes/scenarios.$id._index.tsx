import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { MoodMeter, moodMovement } from "~/components/mood-meter";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { findScenarioOr404 } from "~/models/content/scenario-lookup.server";
import { getCatalogue } from "~/models/content/store.server";
import { markdownToHtml } from "~/models/markdown.server";
import { activeRun, chooseOption, latestFinishedRun, runChoices, ScenarioConflict, startRun } from "~/models/scenario-run.server";
import { lastStepFeedback, playerNode } from "~/models/scenario-view.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.scenario.title ?? "Role-play"} · CareLearn` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const entry = await findScenarioOr404(params.id);
  const db = getDb();
  const run = activeRun(db, user.id, entry.id);
  const { scenario } = entry;
  const choices = run ? runChoices(db, run.id) : [];
  const finished = latestFinishedRun(db, user.id, entry.id);
  return {
    scenario: {
      id: entry.id,
      title: scenario.title,
      summary: scenario.summary,
      settingHtml: markdownToHtml(scenario.setting),
      persona: scenario.persona,
      rubric: scenario.rubric.map((d) => d.label),
      passMark: scenario.passMark,
    },
    run: run && { id: run.id, mood: run.mood, step: choices.length + 1 },
    node: run ? playerNode(entry, run) : null,
    feedback: run ? lastStepFeedback(entry, choices.at(-1)) : null,
    lastResult: finished ? { runId: finished.id, score: finished.score, passed: finished.passed } : null,
  };
}

const playSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("restart") }),
  z.object({
    intent: z.literal("choose"),
    node: z.string({ error: "node is missing" }).min(1).max(100),
    choice: z.string({ error: "choose one of the answers" }).min(1).max(100),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const entry = await findScenarioOr404(params.id);
  const parsed = playSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return data({ error: parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`).join("; ") }, { status: 400 });
  }
  const db = getDb();
  const here = `/scenarios/${entry.id}`;
  if (parsed.data.intent !== "choose") {
    startRun(db, user.id, entry, { fresh: parsed.data.intent === "restart" });
    return redirect(here);
  }
  try {
    const run = chooseOption(db, await getCatalogue(), user.id, entry, parsed.data.node, parsed.data.choice);
    return redirect(run.status === "finished" ? `${here}/runs/${run.id}` : here);
  } catch (error) {
    if (error instanceof ScenarioConflict) return data({ error: error.message }, { status: 409 });
    throw error;
  }
}

const SPEAKER = { customer: "", you: "You", narrator: "" } as const;

export default function ScenarioPlayer() {
  const { scenario, run, node, feedback, lastResult } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  if (!run || !node) {
    return (
      <div className="narrow scenario-intro">
        <p className="eyebrow">
          <Link to="/scenarios">Role-plays</Link>
        </p>
        <h1>{scenario.title}</h1>
        <div className="prose" dangerouslySetInnerHTML={{ __html: scenario.settingHtml }} />
        <div className="card persona">
          <p className="label">You will be talking to</p>
          <p className="persona-name">{scenario.persona.name}</p>
          <p className="muted">{scenario.persona.description}</p>
        </div>
        <p className="muted">
          Scored on {scenario.rubric.join(", ").toLowerCase()}. Pass mark {scenario.passMark}%. There is no going back in a real conversation, and none here: but you can
          always start again.
        </p>
        {actionData?.error ? <p className="form-error">{actionData.error}</p> : null}
        <div className="row">
          <Form method="post">
            <button type="submit" name="intent" value="start" className="button">
              Start the conversation
            </button>
          </Form>
          {lastResult ? (
            <Link to={`/scenarios/${scenario.id}/runs/${lastResult.runId}`} className="button button-ghost">
              Your last result: {lastResult.score}% {lastResult.passed ? "(passed)" : ""}
            </Link>
          ) : null}
        </div>
      </div>
    );
  }
  return (
    <div className="narrow player">
      <div className="player-head">
        <div>
          <p className="eyebrow">
            <Link to="/scenarios">Role-plays</Link> · decision {run.step}
          </p>
          <h1 className="player-title">{scenario.title}</h1>
        </div>
        <MoodMeter mood={run.mood as never} name={scenario.persona.name} />
      </div>
      {feedback ? (
        <section className={`step-feedback mood-${moodMovement(feedback.moodBefore, feedback.moodAfter)}`} aria-live="polite" aria-label="Feedback on your last choice">
          <p className="step-feedback-choice">You: {feedback.label}</p>
          <p>{feedback.feedback}</p>
          <p className="muted">
            {moodMovement(feedback.moodBefore, feedback.moodAfter) === "same"
              ? `${scenario.persona.name} is still ${feedback.moodAfter}.`
              : `${scenario.persona.name} went from ${feedback.moodBefore} to ${feedback.moodAfter}.`}
          </p>
        </section>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <section className={`bubble bubble-${node.speaker}`} aria-label={node.speaker === "customer" ? `${scenario.persona.name} says` : "What happens"}>
        {node.speaker === "customer" ? <p className="bubble-speaker">{scenario.persona.name}</p> : SPEAKER[node.speaker] ? <p className="bubble-speaker">{SPEAKER[node.speaker]}</p> : null}
        <div dangerouslySetInnerHTML={{ __html: node.html }} />
      </section>
      <Form method="post" className="choices" aria-label="What do you say or do?">
        <input type="hidden" name="intent" value="choose" />
        <input type="hidden" name="node" value={node.id} />
        <p className="label">What do you say or do?</p>
        {node.choices.map((choice) => (
          <button key={choice.id} type="submit" name="choice" value={choice.id} className="choice" disabled={busy}>
            {choice.label}
          </button>
        ))}
      </Form>
      <Form method="post" className="restart">
        <button type="submit" name="intent" value="restart" className="button button-ghost button-small">
          Start again from the beginning
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

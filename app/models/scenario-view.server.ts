import { createHash } from "node:crypto";
import type { ScenarioEntry } from "./content/catalogue.server";
import type { Mood } from "./content/schemas.server";
import { markdownToHtml } from "./markdown.server";
import type { Run } from "./scenario-run.server";

type ChoiceRow = { nodeId: string; choiceId: string; moodBefore: string; moodAfter: string };

/** The node the learner is at: what is said, and the choices (labels only, never their scores). */
export function playerNode(entry: ScenarioEntry, run: Run) {
  const node = entry.scenario.nodes.find((n) => n.id === run.currentNodeId);
  if (!node) return null;
  return {
    id: node.id,
    speaker: node.speaker,
    html: markdownToHtml(node.text),
    // Authors tend to write the best answer first; a per-run order removes that tell but stays
    // stable across reloads of the same run.
    choices: node.choices
      .map((c) => ({ id: c.id, label: c.label, key: createHash("sha1").update(`${run.id}:${node.id}:${c.id}`).digest("hex") }))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map(({ id, label }) => ({ id, label })),
  };
}

/** Feedback on the choice just made: shown after choosing, never before. */
export function lastStepFeedback(entry: ScenarioEntry, last: ChoiceRow | undefined) {
  if (!last) return null;
  const choice = entry.scenario.nodes.find((n) => n.id === last.nodeId)?.choices.find((c) => c.id === last.choiceId);
  if (!choice) return null;
  return { label: choice.label, feedback: choice.feedback, moodBefore: last.moodBefore as Mood, moodAfter: last.moodAfter as Mood };
}

/** Everything the result page shows: the path taken with its feedback, the rubric, the best path. */
export function runResult(entry: ScenarioEntry, run: Run, choices: ChoiceRow[]) {
  const { scenario, analysis } = entry;
  const steps = choices.map((row) => {
    const node = scenario.nodes.find((n) => n.id === row.nodeId);
    const choice = node?.choices.find((c) => c.id === row.choiceId);
    return {
      nodeHtml: markdownToHtml(node?.text ?? ""),
      speaker: node?.speaker ?? "narrator",
      label: choice?.label ?? row.choiceId,
      feedback: choice?.feedback ?? "",
      scores: choice?.scores ?? {},
      moodBefore: row.moodBefore as Mood,
      moodAfter: row.moodAfter as Mood,
    };
  });
  const ending = scenario.endings.find((e) => e.id === run.endingId) ?? null;
  const bestEnding = scenario.endings.find((e) => e.id === analysis.bestEndingId) ?? null;
  return {
    score: run.score ?? 0,
    passed: Boolean(run.passed),
    passMark: scenario.passMark,
    ending: ending && { title: ending.title, outcome: ending.outcome, summaryHtml: markdownToHtml(ending.summary), cost: ending.cost ?? null },
    dimensions: scenario.rubric.map((d) => ({ id: d.id, label: d.label, weight: d.weight, total: run.totals[d.id] ?? 0, best: analysis.maxByDimension[d.id] ?? 0 })),
    steps,
    bestPath: analysis.bestPath.map((step) => {
      const node = scenario.nodes.find((n) => n.id === step.nodeId);
      return { label: node?.choices.find((c) => c.id === step.choiceId)?.label ?? step.choiceId };
    }),
    bestEnding: bestEnding && { title: bestEnding.title, outcome: bestEnding.outcome },
    bestScore: analysis.bestScore,
  };
}

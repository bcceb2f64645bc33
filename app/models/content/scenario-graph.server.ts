import type { Scenario } from "./schemas.server";

export type PathStep = { nodeId: string; choiceId: string };

export type ScenarioAnalysis = {
  errors: string[];
  /** Best total any path reaches, per rubric dimension: the denominator of the score. */
  maxByDimension: Record<string, number>;
  bestScore: number;
  worstScore: number;
  bestPath: PathStep[];
  bestEndingId: string | null;
  longestPath: number;
  pathCount: number;
};

const MAX_PATHS = 200_000;

/** Names what `analyseScenario` answers, for the cache of analyses: change it when the analysis changes. */
export const ANALYSIS_VERSION = "1";

/** The weighted score (0–100) of per-dimension totals, each measured against the best achievable. */
export function weightedScore(rubric: Scenario["rubric"], totals: Record<string, number>, maxByDimension: Record<string, number>): number {
  const weightSum = rubric.reduce((sum, d) => sum + d.weight, 0);
  const achieved = rubric.reduce((sum, d) => {
    const max = maxByDimension[d.id] ?? 0;
    const share = max > 0 ? Math.min(1, Math.max(0, (totals[d.id] ?? 0) / max)) : 0;
    return sum + d.weight * share;
  }, 0);
  return Math.round((1000 * achieved) / weightSum) / 10;
}

/**
 * Checks a scenario's graph — ids, references, reachability, cycles, dead ends — and, when it
 * is sound, enumerates every path to find the best and worst achievable scores.
 */
export function analyseScenario(scenario: Scenario): ScenarioAnalysis {
  const errors: string[] = [];
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const endings = new Set(scenario.endings.map((e) => e.id));
  const rubricIds = new Set(scenario.rubric.map((d) => d.id));

  const seen = new Set<string>();
  for (const id of [...scenario.nodes.map((n) => n.id), ...scenario.endings.map((e) => e.id)]) {
    if (seen.has(id)) errors.push(`duplicate id '${id}' (node and ending ids share one namespace)`);
    seen.add(id);
  }
  if (new Set(scenario.rubric.map((d) => d.id)).size !== scenario.rubric.length) errors.push("rubric ids must be unique");
  if (!nodes.has(scenario.start)) errors.push(`start '${scenario.start}' is not a node`);

  for (const node of scenario.nodes) {
    const choiceIds = new Set<string>();
    for (const choice of node.choices) {
      if (choiceIds.has(choice.id)) errors.push(`node '${node.id}': choice id '${choice.id}' is used twice`);
      choiceIds.add(choice.id);
      if (!nodes.has(choice.next) && !endings.has(choice.next))
        errors.push(`node '${node.id}', choice '${choice.id}': next '${choice.next}' points nowhere`);
      for (const key of Object.keys(choice.scores))
        if (!rubricIds.has(key)) errors.push(`node '${node.id}', choice '${choice.id}': score '${key}' is not a rubric dimension`);
    }
  }

  const empty: ScenarioAnalysis = { errors, maxByDimension: {}, bestScore: 0, worstScore: 0, bestPath: [], bestEndingId: null, longestPath: 0, pathCount: 0 };
  if (errors.length > 0) return empty;

  // Reachability from the start.
  const reached = new Set<string>([scenario.start]);
  const queue = [scenario.start];
  while (queue.length) {
    const node = nodes.get(queue.shift() as string);
    for (const choice of node?.choices ?? []) {
      if (!reached.has(choice.next)) {
        reached.add(choice.next);
        queue.push(choice.next);
      }
    }
  }
  for (const id of [...nodes.keys(), ...endings]) if (!reached.has(id)) errors.push(`'${id}' cannot be reached from the start`);

  // Cycles, by depth-first search with colours.
  const colour = new Map<string, "grey" | "black">();
  const visit = (id: string, trail: string[]): void => {
    if (endings.has(id) || colour.get(id) === "black") return;
    if (colour.get(id) === "grey") {
      errors.push(`the conversation loops back: ${[...trail.slice(trail.indexOf(id)), id].join(" → ")} (a conversation cannot be undone)`);
      return;
    }
    colour.set(id, "grey");
    for (const choice of nodes.get(id)?.choices ?? []) visit(choice.next, [...trail, id]);
    colour.set(id, "black");
  };
  visit(scenario.start, []);

  // Every node must lead to some ending.
  const leadsToEnding = new Set<string>(endings);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of scenario.nodes) {
      if (!leadsToEnding.has(node.id) && node.choices.some((c) => leadsToEnding.has(c.next))) {
        leadsToEnding.add(node.id);
        grew = true;
      }
    }
  }
  for (const node of scenario.nodes) if (!leadsToEnding.has(node.id)) errors.push(`no ending can be reached from node '${node.id}'`);
  if (errors.length > 0) return { ...empty, errors };

  // Enumerate every path, keeping the per-dimension totals of each.
  type Path = { steps: PathStep[]; totals: Record<string, number>; endingId: string };
  const paths: Path[] = [];
  const walk = (id: string, steps: PathStep[], totals: Record<string, number>) => {
    if (paths.length > MAX_PATHS) return;
    if (endings.has(id)) {
      paths.push({ steps, totals, endingId: id });
      return;
    }
    for (const choice of nodes.get(id)?.choices ?? []) {
      const next = { ...totals };
      for (const [dim, delta] of Object.entries(choice.scores)) next[dim] = (next[dim] ?? 0) + delta;
      walk(choice.next, [...steps, { nodeId: id, choiceId: choice.id }], next);
    }
  };
  walk(scenario.start, [], {});
  if (paths.length > MAX_PATHS) return { ...empty, errors: [`more than ${MAX_PATHS} paths: let branches re-join`] };

  const maxByDimension: Record<string, number> = {};
  for (const dim of scenario.rubric) {
    maxByDimension[dim.id] = Math.max(...paths.map((p) => p.totals[dim.id] ?? 0));
    if ((maxByDimension[dim.id] ?? 0) <= 0) errors.push(`rubric dimension '${dim.id}' never scores above 0 on any path`);
  }
  let best = paths[0] as Path;
  let bestScore = -1;
  let worstScore = 101;
  for (const path of paths) {
    const score = weightedScore(scenario.rubric, path.totals, maxByDimension);
    if (score > bestScore) {
      bestScore = score;
      best = path;
    }
    worstScore = Math.min(worstScore, score);
  }
  if (scenario.passMark > bestScore) errors.push(`passMark ${scenario.passMark} is higher than the best achievable score (${bestScore})`);
  return {
    errors,
    maxByDimension,
    bestScore,
    worstScore,
    bestPath: best.steps,
    bestEndingId: best.endingId,
    longestPath: Math.max(...paths.map((p) => p.steps.length)),
    pathCount: paths.length,
  };
}

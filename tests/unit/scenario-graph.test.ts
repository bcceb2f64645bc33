import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { analyseScenario, weightedScore } from "~/models/content/scenario-graph.server";
import { type Scenario, scenarioSchema } from "~/models/content/schemas.server";

const firstCall = scenarioSchema.parse(YAML.parse(fs.readFileSync("courses/welcome-to-carelearn/scenarios/first-call.yaml", "utf8")));

/** A tiny, sound scenario to break in one way per test. */
function tiny(): Scenario {
  return scenarioSchema.parse({
    title: "Tiny",
    summary: "A tiny scenario for tests.",
    audience: "everyone",
    setting: "A counter in a shop.",
    persona: { name: "Pat", description: "A customer." },
    rubric: [{ id: "empathy", label: "Empathy", weight: 1 }],
    passMark: 50,
    start: "a",
    nodes: [
      { id: "a", speaker: "customer", text: "Hello?", choices: [{ id: "kind", label: "Hello!", next: "b", scores: { empathy: 2 }, feedback: "Warm and quick." }, { id: "rude", label: "What?", next: "lost", scores: { empathy: -1 }, feedback: "Cold and unhelpful." }] },
      { id: "b", speaker: "customer", text: "Thanks.", choices: [{ id: "bye", label: "Goodbye", next: "kept", scores: { empathy: 1 }, feedback: "A proper close." }] },
    ],
    endings: [
      { id: "kept", outcome: "retained", title: "Kept", summary: "Pat stays a customer." },
      { id: "lost", outcome: "lost", title: "Lost", summary: "Pat walks out for good." },
    ],
  });
}

describe("scenario checks", () => {
  it("pass a sound scenario and find its best and worst scores", () => {
    const result = analyseScenario(tiny());
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ bestScore: 100, worstScore: 0, longestPath: 2, pathCount: 2, bestEndingId: "kept" });
  });

  it("find a next that points nowhere", () => {
    const s = tiny();
    s.nodes[1]!.choices[0]!.next = "nowhere";
    expect(analyseScenario(s).errors).toEqual(["node 'b', choice 'bye': next 'nowhere' points nowhere"]);
  });

  it("find duplicate ids", () => {
    const s = tiny();
    s.endings[1]!.id = "b";
    expect(analyseScenario(s).errors).toContain("duplicate id 'b' (node and ending ids share one namespace)");
  });

  it("find unreachable nodes and endings", () => {
    const s = tiny();
    s.nodes.push({ id: "island", speaker: "narrator", text: "Nobody comes here.", choices: [{ id: "x", label: "X", next: "kept", scores: {}, moodChange: 0, feedback: "Never seen by anyone." }] });
    expect(analyseScenario(s).errors).toEqual(["'island' cannot be reached from the start"]);
  });

  it("find loops and nodes from which no ending can be reached", () => {
    const s = tiny();
    s.nodes[1]!.choices = [{ id: "again", label: "Again", next: "a", scores: {}, moodChange: 0, feedback: "Round and round we go." }];
    s.nodes[0]!.choices[1]!.next = "b";
    const errors = analyseScenario(s).errors;
    expect(errors.some((e) => e.startsWith("the conversation loops back: a → b → a"))).toBe(true);
    expect(errors).toContain("no ending can be reached from node 'a'");
    expect(errors).toContain("'lost' cannot be reached from the start");
  });

  it("refuse a pass mark no path reaches", () => {
    const s = tiny();
    s.rubric.push({ id: "ownership", label: "Ownership", weight: 1 });
    s.nodes[0]!.choices[0]!.scores = { empathy: 2 };
    s.nodes[0]!.choices[1]!.scores = { ownership: 3 };
    s.passMark = 80;
    const result = analyseScenario(s);
    expect(result.bestScore).toBe(50);
    expect(result.errors).toContain("passMark 80 is higher than the best achievable score (50)");
  });

  it("refuse scores on a dimension the rubric does not have", () => {
    const s = tiny();
    s.nodes[0]!.choices[0]!.scores = { charm: 2 };
    expect(analyseScenario(s).errors).toContain("node 'a', choice 'kind': score 'charm' is not a rubric dimension");
  });
});

describe("scenario scoring", () => {
  const analysis = analyseScenario(firstCall);
  const score = (totals: Record<string, number>) => weightedScore(firstCall.rubric, totals, analysis.maxByDimension);

  it("measures each dimension against the best any path reaches", () => {
    expect(analysis.maxByDimension).toEqual({ empathy: 4, ownership: 6 });
    expect(analysis.bestPath).toEqual([
      { nodeId: "start", choiceId: "take-it" },
      { nodeId: "details", choiceId: "look-it-up" },
      { nodeId: "update", choiceId: "promise-callback" },
    ]);
  });

  it("scores known paths", () => {
    expect(score({ empathy: 4, ownership: 6 })).toBe(100);
    // take-it (1, 2) then warm-transfer (1, 1): half of each dimension.
    expect(score({ empathy: 2, ownership: 3 })).toBe(50);
    // redirect (0, -2) then stand-firm (0, -2): negative totals count as nothing.
    expect(score({ empathy: 0, ownership: -4 })).toBe(0);
  });
});

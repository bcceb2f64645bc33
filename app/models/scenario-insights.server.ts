import { and, eq, inArray, sql } from "drizzle-orm";
import { departments, scenarioChoices, scenarioRuns, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import type { ScenarioEntry } from "./content/catalogue.server";

/** Whose runs an insight may count: everyone's (HR) or a reporting line's (a manager). */
export type InsightScope = { kind: "everyone" } | { kind: "people"; userIds: number[] };

function scopeFilter(scope: InsightScope) {
  return scope.kind === "everyone" ? undefined : inArray(scenarioRuns.userId, scope.userIds.length ? scope.userIds : [-1]);
}

/** A choice's weighted effect on the score: below zero is a wrong turn. */
function choiceWeight(entry: ScenarioEntry, scores: Record<string, number>): number {
  return entry.scenario.rubric.reduce((sum, d) => sum + d.weight * (scores[d.id] ?? 0), 0);
}

export function scenarioInsights(db: Db, entry: ScenarioEntry, scope: InsightScope) {
  const inScope = scopeFilter(scope);
  const counts = db
    .select({ nodeId: scenarioChoices.nodeId, choiceId: scenarioChoices.choiceId, count: sql<number>`count(*)` })
    .from(scenarioChoices)
    .innerJoin(scenarioRuns, eq(scenarioRuns.id, scenarioChoices.runId))
    .where(and(eq(scenarioRuns.scenarioId, entry.id), inScope))
    .groupBy(scenarioChoices.nodeId, scenarioChoices.choiceId)
    .all();
  const countOf = (nodeId: string, choiceId: string) => counts.find((c) => c.nodeId === nodeId && c.choiceId === choiceId)?.count ?? 0;

  const nodes = entry.scenario.nodes.map((node) => {
    const choices = node.choices.map((c) => ({ id: c.id, label: c.label, count: countOf(node.id, c.id), weight: choiceWeight(entry, c.scores) }));
    const total = choices.reduce((n, c) => n + c.count, 0);
    return { id: node.id, text: node.text, total, choices };
  });
  const wrongTurns = nodes
    .flatMap((n) => n.choices.filter((c) => c.weight < 0 && c.count > 0).map((c) => ({ nodeId: n.id, nodeText: n.text, label: c.label, count: c.count, share: n.total ? c.count / n.total : 0 })))
    .sort((a, b) => b.count - a.count || b.share - a.share)
    .slice(0, 5);

  const finished = and(eq(scenarioRuns.scenarioId, entry.id), eq(scenarioRuns.status, "finished"), inScope);
  const byDepartment = db
    .select({ group: sql<string>`coalesce(${departments.name}, 'No department')`, runs: sql<number>`count(*)`, average: sql<number>`round(avg(${scenarioRuns.score}), 1)`, passRate: sql<number>`round(100.0 * avg(${scenarioRuns.passed}), 0)` })
    .from(scenarioRuns)
    .innerJoin(users, eq(users.id, scenarioRuns.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(finished)
    .groupBy(departments.name)
    .orderBy(sql`3 desc`)
    .all();
  const byJobRole = db
    .select({ group: users.jobRole, runs: sql<number>`count(*)`, average: sql<number>`round(avg(${scenarioRuns.score}), 1)`, passRate: sql<number>`round(100.0 * avg(${scenarioRuns.passed}), 0)` })
    .from(scenarioRuns)
    .innerJoin(users, eq(users.id, scenarioRuns.userId))
    .where(finished)
    .groupBy(users.jobRole)
    .orderBy(sql`3 desc`)
    .all();
  const outcomes = db
    .select({ outcome: scenarioRuns.outcome, runs: sql<number>`count(*)` })
    .from(scenarioRuns)
    .where(finished)
    .groupBy(scenarioRuns.outcome)
    .all();
  return { nodes, wrongTurns, byDepartment, byJobRole, outcomes, finishedRuns: outcomes.reduce((n, o) => n + o.runs, 0) };
}

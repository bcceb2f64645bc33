import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { scenarioChoices, scenarioRuns } from "~db/schema";
import type { Db } from "~/utils/db.server";
import type { Catalogue, ScenarioEntry } from "./content/catalogue.server";
import { type Mood, MOODS } from "./content/schemas.server";
import { weightedScore } from "./content/scenario-graph.server";
import { evaluateCourseCompletion } from "./completion.server";
import { recordScenarioPoints } from "./leaderboard-points.server";

export type Run = typeof scenarioRuns.$inferSelect;

export class ScenarioConflict extends Error {}

function moodAt(entry: ScenarioEntry, nodeId: string, carried: Mood): Mood {
  return entry.scenario.nodes.find((n) => n.id === nodeId)?.mood ?? carried;
}

function shiftMood(mood: Mood, change: number): Mood {
  const index = Math.max(0, Math.min(MOODS.length - 1, MOODS.indexOf(mood) + change));
  return MOODS[index] as Mood;
}

export function activeRun(db: Db, userId: number, scenarioId: string): Run | undefined {
  return db
    .select()
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.scenarioId, scenarioId), eq(scenarioRuns.status, "in_progress")))
    .orderBy(desc(scenarioRuns.id))
    .get();
}

export function latestFinishedRun(db: Db, userId: number, scenarioId: string): Run | undefined {
  return db
    .select()
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, userId), eq(scenarioRuns.scenarioId, scenarioId), eq(scenarioRuns.status, "finished")))
    .orderBy(desc(scenarioRuns.id))
    .get();
}

/**
 * Starts a conversation, or carries on the one already under way (a run survives the browser
 * closing). With `fresh`, the unfinished run is set aside and a new one begins.
 */
export function startRun(db: Db, userId: number, entry: ScenarioEntry, { fresh = false } = {}, now = new Date()): Run {
  return db.transaction(
    (tx) => {
      const existing = activeRun(tx, userId, entry.id);
      if (existing && !fresh) return existing;
      if (existing) tx.update(scenarioRuns).set({ status: "abandoned", finishedAt: now }).where(eq(scenarioRuns.id, existing.id)).run();
      return tx
        .insert(scenarioRuns)
        .values({
          userId,
          scenarioId: entry.id,
          courseSlug: entry.courseSlug,
          scenarioVersion: entry.version,
          currentNodeId: entry.scenario.start,
          mood: moodAt(entry, entry.scenario.start, entry.scenario.persona.mood),
          totals: {},
          startedAt: now,
        })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/**
 * Applies one choice. It must be offered at the run's current node: a stale tab or a tampered
 * form gets a ScenarioConflict and the run is left exactly as it was. Reaching an ending scores
 * the run; a pass may complete the course that requires the scenario.
 */
export function chooseOption(db: Db, catalogue: Catalogue, userId: number, entry: ScenarioEntry, nodeId: string, choiceId: string, now = new Date()): Run {
  return db.transaction(
    (tx) => {
      const run = activeRun(tx, userId, entry.id);
      if (!run) throw new ScenarioConflict("This conversation has already ended. Start it again to play another round.");
      if (run.currentNodeId !== nodeId)
        throw new ScenarioConflict("The conversation has moved on since this page was loaded (perhaps in another tab). Here is where it stands now.");
      const node = entry.scenario.nodes.find((n) => n.id === nodeId);
      const choice = node?.choices.find((c) => c.id === choiceId);
      if (!node || !choice) throw new ScenarioConflict("That answer is not one of the options at this point in the conversation.");

      const totals = { ...run.totals };
      for (const [dimension, delta] of Object.entries(choice.scores)) totals[dimension] = (totals[dimension] ?? 0) + delta;
      const moodBefore = run.mood as Mood;
      const moodAfter = moodAt(entry, choice.next, shiftMood(moodBefore, choice.moodChange));
      const step = tx.select({ n: count() }).from(scenarioChoices).where(eq(scenarioChoices.runId, run.id)).get()?.n ?? 0;
      tx.insert(scenarioChoices).values({ runId: run.id, step, nodeId, choiceId, moodBefore, moodAfter, chosenAt: now }).run();

      const ending = entry.scenario.endings.find((e) => e.id === choice.next);
      if (!ending) {
        return tx.update(scenarioRuns).set({ currentNodeId: choice.next, mood: moodAfter, totals }).where(eq(scenarioRuns.id, run.id)).returning().get();
      }
      const score = weightedScore(entry.scenario.rubric, totals, entry.analysis.maxByDimension);
      const passed = score >= entry.scenario.passMark;
      const finished = tx
        .update(scenarioRuns)
        .set({ currentNodeId: ending.id, mood: moodAfter, totals, status: "finished", score, passed, endingId: ending.id, outcome: ending.outcome, finishedAt: now })
        .where(eq(scenarioRuns.id, run.id))
        .returning()
        .get();
      if (passed) recordScenarioPoints(tx, { userId, scenarioId: entry.id, courseSlug: entry.courseSlug, runId: run.id, score, at: now });
      const course = catalogue.courseBySlug.get(entry.courseSlug);
      if (passed && course?.meta.requiredScenarios.includes(entry.id)) evaluateCourseCompletion(tx, userId, course, now);
      return finished;
    },
    { behavior: "immediate" },
  );
}

export function runChoices(db: Db, runId: number) {
  return db.select().from(scenarioChoices).where(eq(scenarioChoices.runId, runId)).orderBy(asc(scenarioChoices.step)).all();
}

export function findRun(db: Db, runId: number): Run | undefined {
  return db.select().from(scenarioRuns).where(eq(scenarioRuns.id, runId)).get();
}

/** A person's standing on every scenario: best score, passed, a conversation under way. */
export function scenarioStandings(db: Db, userId: number) {
  const rows = db
    .select({
      scenarioId: scenarioRuns.scenarioId,
      best: sql<number | null>`max(${scenarioRuns.score})`,
      passed: sql<number>`max(coalesce(${scenarioRuns.passed}, 0))`,
      inProgress: sql<number>`max(${scenarioRuns.status} = 'in_progress')`,
    })
    .from(scenarioRuns)
    .where(eq(scenarioRuns.userId, userId))
    .groupBy(scenarioRuns.scenarioId)
    .all();
  return new Map(rows.map((r) => [r.scenarioId, { best: r.best, passed: r.passed === 1, inProgress: r.inProgress === 1 }]));
}

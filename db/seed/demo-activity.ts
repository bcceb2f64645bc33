import { eq } from "drizzle-orm";
import type { Catalogue, Course, ScenarioEntry } from "~/models/content/catalogue.server";
import { isAudience } from "~/models/learner.server";
import { markLessonComplete } from "~/models/progress.server";
import { submitQuiz } from "~/models/quiz.server";
import { chooseOption, startRun } from "~/models/scenario-run.server";
import { evaluateCourseCompletion } from "~/models/completion.server";
import type { Db } from "~/utils/db.server";
import { lessonProgress, users } from "../schema";
import { type Rand, seeded } from "./random";
import { DAY_MS } from "~/utils/dates";



/** How far the fixed demo people have got, so each sign-in shows something true. */
const FIXED_ENGAGEMENT: Record<string, number> = {
  "driver@carelearn.test": 0.55,
  "doctor@carelearn.test": 0.85,
  "agent@carelearn.test": 0.7,
  "ops.head@carelearn.test": 0.6,
  "hr@carelearn.test": 0.9,
  "admin@carelearn.test": 0.3,
};

function quizEntries(course: Course, quizId: string, rand: Rand, skill: number): Array<[string, string]> {
  const quiz = course.quizzes.get(quizId);
  const entries: Array<[string, string]> = [];
  for (const q of quiz?.questions ?? []) {
    const right = rand() < skill;
    const pick = right ? q.options.filter((o) => o.correct) : [q.options.find((o) => !o.correct) ?? q.options[0]!];
    for (const o of q.type === "multiple" ? pick : pick.slice(0, 1)) entries.push([`answer-${q.id}`, o.id]);
  }
  return entries;
}

function playScenario(db: Db, catalogue: Catalogue, userId: number, entry: ScenarioEntry, rand: Rand, skill: number, at: number) {
  startRun(db, userId, entry, { fresh: true }, new Date(at));
  let nodeId = entry.scenario.start;
  for (let step = 0; step < 40; step++) {
    const node = entry.scenario.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const weight = (scores: Record<string, number>) => entry.scenario.rubric.reduce((s, d) => s + d.weight * (scores[d.id] ?? 0), 0);
    const ranked = [...node.choices].sort((a, b) => weight(b.scores) - weight(a.scores));
    const choice = rand() < skill ? ranked[0]! : ranked[Math.floor(rand() * ranked.length)]!;
    const run = chooseOption(db, catalogue, userId, entry, node.id, choice.id, new Date(at + (step + 1) * 40_000));
    if (run.status === "finished") return;
    nodeId = choice.next;
  }
}

/** Works through one course as a person of some engagement would, from `start`, one step a day or so. */
function takeCourse(db: Db, catalogue: Catalogue, userId: number, course: Course, rand: Rand, engagement: number, start: number, now: number) {
  let at = start;
  const advance = () => {
    at += (0.3 + rand() * 2.5) * DAY_MS;
    return at < now - 60_000;
  };
  const lessonsToDo = Math.round(course.lessons.length * Math.min(1, engagement * (0.6 + rand())));
  for (const lesson of course.lessons.slice(0, lessonsToDo)) {
    if (!advance()) return;
    markLessonComplete(db, userId, course.slug, lesson.slug, Math.round(lesson.minutes * 60 * (0.6 + rand() * 0.8)), new Date(at));
  }
  if (lessonsToDo < course.lessons.length) return;
  for (const quizId of course.quizzes.keys()) {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (!advance()) return;
      const outcome = submitQuiz(db, userId, course, quizId, quizEntries(course, quizId, rand, 0.6 + engagement * 0.35 + attempt * 0.1), new Date(at));
      if (outcome.ok && outcome.result.passed) break;
    }
  }
  for (const id of course.meta.requiredScenarios) {
    const entry = catalogue.scenarios.get(id);
    for (let attempt = 0; entry && attempt < 2; attempt++) {
      if (!advance()) return;
      playScenario(db, catalogue, userId, entry, rand, 0.55 + engagement * 0.4 + attempt * 0.15, at);
    }
  }
  evaluateCourseCompletion(db, userId, course, new Date(Math.min(at, now - 60_000)));
}

/**
 * A few weeks of plausible learning for the demo organisation: some people done, some part-way,
 * some not started, with quiz retakes and role-play runs. Runs only on a database with no progress.
 */
export function seedDemoActivity(db: Db, catalogue: Catalogue, now = Date.now()): boolean {
  if (db.select({ id: lessonProgress.id }).from(lessonProgress).limit(1).get()) return false;
  const rand = seeded(20261123);
  const people = db.select({ id: users.id, email: users.email, jobRole: users.jobRole }).from(users).where(eq(users.active, true)).orderBy(users.id).all();
  db.transaction((tx) => {
    for (const person of people) {
      const engagement = FIXED_ENGAGEMENT[person.email] ?? rand();
      if (engagement < 0.15) continue;
      const courses = catalogue.courses.filter((c) => isAudience(c.meta.audience, person.jobRole));
      courses.forEach((course, index) => {
        if (index > 0 && rand() > engagement) return;
        // Starts spread over the last twelve weeks, so coverage and boards have a history.
        const start = now - (14 + rand() * 70) * DAY_MS + index * 3 * DAY_MS;
        takeCourse(tx, catalogue, person.id, course, rand, engagement, start, now);
      });
    }
  });
  return true;
}

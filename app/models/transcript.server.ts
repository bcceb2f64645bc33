import { asc, desc, eq, inArray } from "drizzle-orm";
import { courseCompletions, departments, quizAttempts, scenarioChoices, scenarioRuns, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { activeEnrolments } from "./assignments.server";
import type { Catalogue } from "./content/catalogue.server";
import { summariseCourse } from "./learner.server";
import { progressByCourse } from "./progress.server";

/** Everything a person has done: each course with its completions and quiz attempts, and every role-play run with its path. */
export function transcript(db: Db, catalogue: Catalogue, userId: number, now = new Date()) {
  const person = db
    .select({ id: users.id, name: users.name, email: users.email, jobRole: users.jobRole, department: departments.name, active: users.active })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId))
    .get();
  if (!person) return null;
  const progress = progressByCourse(db, userId);
  const enrolments = activeEnrolments(db, userId);
  const completions = db.select().from(courseCompletions).where(eq(courseCompletions.userId, userId)).orderBy(desc(courseCompletions.completedAt)).all();
  const attempts = db.select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).orderBy(desc(quizAttempts.createdAt)).all();
  const courses = catalogue.courses
    .filter((c) => enrolments.has(c.slug) || progress.has(c.slug) || completions.some((x) => x.courseSlug === c.slug))
    .map((course) => {
      const summary = summariseCourse(course, progress.get(course.slug), person.jobRole, now, enrolments.get(course.slug));
      return {
        slug: course.slug,
        title: course.meta.title,
        status: summary.status,
        dueOn: summary.dueOn,
        percent: summary.percent,
        lessonsDone: course.lessons.filter((l) => progress.get(course.slug)?.lessons.get(l.slug)?.completedAt).length,
        lessonCount: course.lessons.length,
        completions: completions
          .filter((c) => c.courseSlug === course.slug)
          .map((c) => ({ completedAt: c.completedAt, expiresAt: c.expiresAt, score: c.score, code: c.certificateCode, version: c.courseVersion })),
        attempts: attempts
          .filter((a) => a.courseSlug === course.slug)
          .map((a) => ({ quiz: course.quizzes.get(a.quizId)?.title ?? a.quizId, score: a.score, passed: a.passed, createdAt: a.createdAt })),
      };
    });
  const runs = db.select().from(scenarioRuns).where(eq(scenarioRuns.userId, userId)).orderBy(desc(scenarioRuns.startedAt)).all();
  const choices = runs.length
    ? db
        .select()
        .from(scenarioChoices)
        .where(inArray(scenarioChoices.runId, runs.map((r) => r.id)))
        .orderBy(asc(scenarioChoices.runId), asc(scenarioChoices.step))
        .all()
    : [];
  return {
    person,
    courses,
    runs: runs.map((run) => {
      const entry = catalogue.scenarios.get(run.scenarioId);
      return {
        id: run.id,
        title: entry?.scenario.title ?? run.scenarioId,
        status: run.status,
        score: run.score,
        passed: run.passed,
        outcome: run.outcome,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        path: choices
          .filter((c) => c.runId === run.id)
          .map((c) => entry?.scenario.nodes.find((n) => n.id === c.nodeId)?.choices.find((x) => x.id === c.choiceId)?.label ?? c.choiceId),
      };
    }),
  };
}

export type Transcript = NonNullable<ReturnType<typeof transcript>>;

/** The transcript as flat rows, one per completion, quiz attempt and role-play run, for CSV. */
export function transcriptRows(t: Transcript) {
  const iso = (d: Date | null) => (d ? d.toISOString() : "");
  return [
    ...t.courses.flatMap((c) => [
      { type: "course", course: c.title, item: c.title, date: "", score: "", result: c.status, details: c.dueOn ? `due ${c.dueOn}; ${c.lessonsDone}/${c.lessonCount} lessons` : `${c.lessonsDone}/${c.lessonCount} lessons` },
      ...c.completions.map((x) => ({ type: "completion", course: c.title, item: x.code, date: iso(x.completedAt), score: String(x.score), result: x.expiresAt ? `expires ${iso(x.expiresAt)}` : "no expiry", details: `version ${x.version}` })),
      ...c.attempts.map((a) => ({ type: "quiz attempt", course: c.title, item: a.quiz, date: iso(a.createdAt), score: String(a.score), result: a.passed ? "passed" : "not passed", details: "" })),
    ]),
    ...t.runs.map((r) => ({ type: "role-play", course: "", item: r.title, date: iso(r.finishedAt ?? r.startedAt), score: r.score === null ? "" : String(r.score), result: r.status === "finished" ? `${r.passed ? "passed" : "not passed"}, ${r.outcome}` : r.status, details: r.path.join(" → ") })),
  ];
}

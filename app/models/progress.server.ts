import { and, eq, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { courseCompletions, lessonProgress, quizAttempts, scenarioRuns } from "~db/schema";
import type { Db } from "~/utils/db.server";
import { preparedQuery } from "~/utils/prepared.server";

// A single visit longer than this is a tab left open, not reading.
export const MAX_SECONDS_PER_VISIT = 60 * 60;

function clampSeconds(seconds: number): number {
  return Math.max(0, Math.min(MAX_SECONDS_PER_VISIT, Math.round(seconds)));
}

const lessonVisited = (db: Db) =>
  db
    .select({ id: lessonProgress.id })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, sql.placeholder("userId")), eq(lessonProgress.courseSlug, sql.placeholder("course")), eq(lessonProgress.lessonSlug, sql.placeholder("lesson"))))
    .prepare();

/** Notes that a lesson was opened, once; later visits change nothing (and write nothing). */
export function recordLessonVisit(db: Db, userId: number, courseSlug: string, lessonSlug: string, now = new Date()): void {
  if (preparedQuery(db, "lesson-visited", lessonVisited).get({ userId, course: courseSlug, lesson: lessonSlug })) return;
  db.insert(lessonProgress).values({ userId, courseSlug, lessonSlug, startedAt: now, updatedAt: now }).onConflictDoNothing().run();
}

/**
 * Marks a lesson complete. Idempotent: one row per person and lesson, and the first completion
 * time is kept however often the button is pressed.
 */
export function markLessonComplete(db: Db, userId: number, courseSlug: string, lessonSlug: string, seconds: number, now = new Date()): void {
  db.insert(lessonProgress)
    .values({ userId, courseSlug, lessonSlug, startedAt: now, completedAt: now, secondsSpent: clampSeconds(seconds), updatedAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.courseSlug, lessonProgress.lessonSlug],
      set: {
        completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`,
        // No time reported (a browser without JavaScript): count from the first visit, capped.
        secondsSpent: sql`${lessonProgress.secondsSpent} + case
          when excluded.seconds_spent = 0 and ${lessonProgress.completedAt} is null
          then min(${MAX_SECONDS_PER_VISIT}, max(0, (${now.getTime()} - ${lessonProgress.startedAt}) / 1000))
          else excluded.seconds_spent end`,
        updatedAt: now,
      },
    })
    .run();
}

/** Adds reading time reported by the page when the reader leaves. */
export function addLessonTime(db: Db, userId: number, courseSlug: string, lessonSlug: string, seconds: number, now = new Date()): void {
  db.insert(lessonProgress)
    .values({ userId, courseSlug, lessonSlug, startedAt: now, secondsSpent: clampSeconds(seconds), updatedAt: now })
    .onConflictDoUpdate({
      target: [lessonProgress.userId, lessonProgress.courseSlug, lessonProgress.lessonSlug],
      set: { secondsSpent: sql`${lessonProgress.secondsSpent} + excluded.seconds_spent`, updatedAt: now },
    })
    .run();
}

export type CourseProgress = {
  lessons: Map<string, { startedAt: Date; completedAt: Date | null; secondsSpent: number }>;
  quizzes: Map<string, { bestScore: number; passedAt: Date | null; attempts: number }>;
  passedScenarios: Map<string, Date>;
  latestCompletion: { completedAt: Date; expiresAt: Date | null; certificateCode: string; score: number; courseVersion: string } | null;
  lastActivityAt: Date | null;
};

function emptyProgress(): CourseProgress {
  return { lessons: new Map(), quizzes: new Map(), passedScenarios: new Map(), latestCompletion: null, lastActivityAt: null };
}

// A person's rows, in every course (:all = 1) or in the courses listed as a JSON array (:courses).
const P = { userId: sql.placeholder("userId"), all: sql.placeholder("all"), courses: sql.placeholder("courses") };
const inCourses = (column: AnySQLiteColumn) => sql`(${P.all} = 1 or ${column} in (select value from json_each(${P.courses})))`;

// Every page about a person's learning runs these, so they are built once (app/utils/prepared.server.ts).
const progressQueries = (db: Db) => ({
  lessons: db
    .select()
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, P.userId), inCourses(lessonProgress.courseSlug)))
    .prepare(),
  quizzes: db
    .select({
      courseSlug: quizAttempts.courseSlug,
      quizId: quizAttempts.quizId,
      bestScore: sql<number>`max(${quizAttempts.score})`,
      lastPassedAt: sql<number | null>`max(case when ${quizAttempts.passed} then ${quizAttempts.createdAt} end)`,
      lastAttemptAt: sql<number>`max(${quizAttempts.createdAt})`,
      attempts: sql<number>`count(*)`,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, P.userId), inCourses(quizAttempts.courseSlug)))
    .groupBy(quizAttempts.courseSlug, quizAttempts.quizId)
    .prepare(),
  scenarios: db
    .select({ courseSlug: scenarioRuns.courseSlug, scenarioId: scenarioRuns.scenarioId, lastPassedAt: sql<number>`max(${scenarioRuns.finishedAt})` })
    .from(scenarioRuns)
    .where(and(eq(scenarioRuns.userId, P.userId), eq(scenarioRuns.passed, true), inCourses(scenarioRuns.courseSlug)))
    .groupBy(scenarioRuns.courseSlug, scenarioRuns.scenarioId)
    .prepare(),
  // Oldest first, so the last one read for a course is its latest.
  completions: db
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, P.userId), inCourses(courseCompletions.courseSlug)))
    .orderBy(courseCompletions.completedAt)
    .prepare(),
});

/**
 * Everything a person has done, by course, in four indexed queries. Passed scenarios are filed
 * under the course that holds them. Pass the courses a page shows: a person's history keeps
 * growing with retired editions of the catalogue, and a page should not pay for what it never shows.
 */
export function progressByCourse(db: Db, userId: number, courses?: readonly string[]): Map<string, CourseProgress> {
  const byCourse = new Map<string, CourseProgress>();
  const of = (slug: string) => {
    let p = byCourse.get(slug);
    if (!p) byCourse.set(slug, (p = emptyProgress()));
    return p;
  };
  const touch = (p: CourseProgress, at: Date | null) => {
    if (at && (!p.lastActivityAt || at > p.lastActivityAt)) p.lastActivityAt = at;
  };
  const queries = preparedQuery(db, "progress-by-course", progressQueries);
  const params = { userId, all: courses ? 0 : 1, courses: JSON.stringify(courses ?? []) };
  for (const r of queries.lessons.all(params)) {
    const p = of(r.courseSlug);
    p.lessons.set(r.lessonSlug, { startedAt: r.startedAt, completedAt: r.completedAt, secondsSpent: r.secondsSpent });
    touch(p, r.updatedAt);
  }
  for (const q of queries.quizzes.all(params)) {
    const p = of(q.courseSlug);
    p.quizzes.set(q.quizId, { bestScore: q.bestScore, passedAt: q.lastPassedAt ? new Date(q.lastPassedAt) : null, attempts: q.attempts });
    touch(p, new Date(q.lastAttemptAt));
  }
  for (const r of queries.scenarios.all(params)) {
    const p = of(r.courseSlug);
    p.passedScenarios.set(r.scenarioId, new Date(r.lastPassedAt));
    touch(p, new Date(r.lastPassedAt));
  }
  for (const c of queries.completions.all(params)) {
    of(c.courseSlug).latestCompletion = {
      completedAt: c.completedAt,
      expiresAt: c.expiresAt,
      certificateCode: c.certificateCode,
      score: c.score,
      courseVersion: c.courseVersion,
    };
  }
  return byCourse;
}

/** Everything a person has done in one course. */
export function courseProgress(db: Db, userId: number, courseSlug: string): CourseProgress {
  return progressByCourse(db, userId, [courseSlug]).get(courseSlug) ?? emptyProgress();
}

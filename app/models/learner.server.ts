import type { Db } from "~/utils/db.server";
import type { Audience } from "./content/schemas.server";
import type { Catalogue, Course } from "./content/catalogue.server";
import { type CourseProgress, progressByCourse } from "./progress.server";
import { type ActiveEnrolment, activeEnrolments, assignmentStatus, effectiveDueOn } from "./assignments.server";
import { type CourseStatus, courseStatus } from "./status.server";

export function isAudience(audience: Audience, jobRole: string): boolean {
  return audience === "everyone" || audience.includes(jobRole as Exclude<Audience, "everyone">[number]);
}

export type CourseSummary = {
  slug: string;
  title: string;
  summary: string;
  audience: Audience;
  estimatedMinutes: number;
  forYourRole: boolean;
  /** The due date when the course is assigned to this person, otherwise null (optional). */
  dueOn: string | null;
  steps: number;
  stepsDone: number;
  percent: number;
  status: CourseStatus;
  nextLesson: { slug: string; title: string } | null;
  certificateCode: string | null;
  completedAt: Date | null;
  expiresAt: Date | null;
  lastActivityAt: Date | null;
};

/**
 * A course from one person's point of view. Steps are lessons, quizzes and required scenarios;
 * a completed course shows 100% even if a later version added a lesson.
 */
export function summariseCourse(course: Course, progress: CourseProgress | undefined, jobRole: string, now: Date, enrolment?: ActiveEnrolment): CourseSummary {
  const lessonsDone = course.lessons.filter((l) => progress?.lessons.get(l.slug)?.completedAt);
  const quizzesPassed = [...course.quizzes.keys()].filter((id) => progress?.quizzes.get(id)?.passedAt);
  const scenariosPassed = course.meta.requiredScenarios.filter((id) => progress?.passedScenarios.has(id));
  const steps = course.lessons.length + course.quizzes.size + course.meta.requiredScenarios.length;
  const completion = progress?.latestCompletion ?? null;
  const stepsDone = completion ? steps : lessonsDone.length + quizzesPassed.length + scenariosPassed.length;
  const next = course.lessons.find((l) => !progress?.lessons.get(l.slug)?.completedAt) ?? null;
  return {
    slug: course.slug,
    title: course.meta.title,
    summary: course.meta.summary,
    audience: course.meta.audience,
    estimatedMinutes: course.meta.estimatedMinutes,
    forYourRole: isAudience(course.meta.audience, jobRole),
    dueOn: enrolment ? effectiveDueOn(enrolment) : null,
    steps,
    stepsDone,
    percent: steps === 0 ? 0 : Math.round((100 * stepsDone) / steps),
    status: enrolment
      ? assignmentStatus(enrolment, completion, Boolean(progress?.lastActivityAt), now)
      : courseStatus({ now, completion, hasActivity: Boolean(progress?.lastActivityAt) }),
    nextLesson: next ? { slug: next.slug, title: next.title } : null,
    certificateCode: completion?.certificateCode ?? null,
    completedAt: completion?.completedAt ?? null,
    expiresAt: completion?.expiresAt ?? null,
    lastActivityAt: progress?.lastActivityAt ?? null,
  };
}

/** Every course in the catalogue, summarised for one person. */
export function learnerCourses(db: Db, catalogue: Catalogue, user: { id: number; jobRole: string }, now = new Date()): CourseSummary[] {
  const progress = progressByCourse(db, user.id, catalogue.courses.map((course) => course.slug));
  const assigned = activeEnrolments(db, user.id);
  return catalogue.courses.map((course) => summariseCourse(course, progress.get(course.slug), user.jobRole, now, assigned.get(course.slug)));
}

import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { courseCompletions, enrolments, users } from "~db/schema";
import type { Db } from "~/utils/db.server";
import type { Course } from "./content/catalogue.server";
import { recordCompletionPoints } from "./leaderboard-points.server";
import { courseProgress } from "./progress.server";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A certificate code like CL-7K3M-Q9PX: unguessable, and easy to read out on the phone. */
export function newCertificateCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  return `CL-${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
}

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

export type CompletionOutcome = { status: "completed"; certificateCode: string } | { status: "already-complete" } | { status: "incomplete" };

/**
 * Records a completion when every requirement is met: every lesson complete, every quiz passed
 * and every required scenario passed. After a completion expires, recertifying needs the quizzes
 * and scenarios passed again. Runs in one immediate transaction, so two simultaneous requests
 * cannot both record a completion.
 */
export function evaluateCourseCompletion(db: Db, userId: number, course: Course, now = new Date()): CompletionOutcome {
  return db.transaction(
    (tx) => {
      const progress = courseProgress(tx, userId, course.slug);
      const latest = progress.latestCompletion;
      if (latest && (!latest.expiresAt || latest.expiresAt > now)) return { status: "already-complete" } as const;
      const since = latest?.completedAt.getTime() ?? 0;
      const lessonsDone = course.lessons.every((l) => progress.lessons.get(l.slug)?.completedAt);
      const quizzesPassed = [...course.quizzes.keys()].every((id) => (progress.quizzes.get(id)?.passedAt?.getTime() ?? 0) > since);
      const scenariosPassed = course.meta.requiredScenarios.every((id) => (progress.passedScenarios.get(id)?.getTime() ?? 0) > since);
      if (!lessonsDone || !quizzesPassed || !scenariosPassed) return { status: "incomplete" } as const;
      const scores = [...course.quizzes.keys()].map((id) => progress.quizzes.get(id)?.bestScore ?? 0);
      const score = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : 100;
      const certificateCode = newCertificateCode();
      // An assignment's recertification period wins over the course's own.
      const enrolment = tx
        .select({ recertifyMonths: enrolments.recertifyMonths })
        .from(enrolments)
        .where(and(eq(enrolments.userId, userId), eq(enrolments.courseSlug, course.slug), isNull(enrolments.endedAt)))
        .get();
      const months = enrolment?.recertifyMonths ?? course.meta.recertifyMonths;
      const completion = tx
        .insert(courseCompletions)
        .values({
          userId,
          courseSlug: course.slug,
          courseVersion: course.version,
          score,
          completedAt: now,
          expiresAt: months ? addMonths(now, months) : null,
          certificateCode,
        })
        .returning({ id: courseCompletions.id })
        .get();
      recordCompletionPoints(tx, { userId, courseSlug: course.slug, completionId: completion.id, completedAt: now, previous: latest });
      return { status: "completed", certificateCode } as const;
    },
    { behavior: "immediate" },
  );
}

export type Certificate = {
  code: string;
  personName: string;
  courseSlug: string;
  courseVersion: string;
  score: number;
  completedAt: Date;
  expiresAt: Date | null;
};

export function findCertificate(db: Db, code: string): Certificate | null {
  const row = db
    .select({
      code: courseCompletions.certificateCode,
      personName: users.name,
      courseSlug: courseCompletions.courseSlug,
      courseVersion: courseCompletions.courseVersion,
      score: courseCompletions.score,
      completedAt: courseCompletions.completedAt,
      expiresAt: courseCompletions.expiresAt,
    })
    .from(courseCompletions)
    .innerJoin(users, eq(users.id, courseCompletions.userId))
    .where(eq(courseCompletions.certificateCode, sql`upper(${code.trim()})`))
    .get();
  return row ?? null;
}

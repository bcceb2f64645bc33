import { and, desc, eq } from "drizzle-orm";
import { quizAttempts } from "~db/schema";
import type { Db } from "~/utils/db.server";
import type { Course } from "./content/catalogue.server";
import { type CompletionOutcome, evaluateCourseCompletion } from "./completion.server";
import { type FieldProblem, gradeQuiz, parseQuizSubmission, type QuizResult } from "./quiz-grading.server";

export type QuizSubmission =
  | { ok: false; problems: FieldProblem[] }
  | { ok: true; attemptId: number; result: QuizResult; completion: CompletionOutcome };

/**
 * Grades a submission on the server and keeps the attempt, then checks whether the course is now
 * complete, all in one transaction. A malformed submission records nothing.
 */
export function submitQuiz(db: Db, userId: number, course: Course, quizId: string, entries: Array<[string, FormDataEntryValue]>, now = new Date()): QuizSubmission {
  const quiz = course.quizzes.get(quizId);
  if (!quiz) return { ok: false, problems: [{ field: "quiz", message: `'${quizId}' is not a quiz of this course` }] };
  const parsed = parseQuizSubmission(quiz, entries);
  if (!parsed.ok) return parsed;
  const result = gradeQuiz(quiz, parsed.answers, course.meta.passingScore);
  return db.transaction(
    (tx) => {
      const attempt = tx
        .insert(quizAttempts)
        .values({
          userId,
          courseSlug: course.slug,
          quizId,
          courseVersion: course.version,
          answers: parsed.answers,
          correctCount: result.correctCount,
          questionCount: result.questionCount,
          score: result.score,
          passed: result.passed,
          createdAt: now,
        })
        .returning({ id: quizAttempts.id })
        .get();
      const completion = result.passed ? evaluateCourseCompletion(tx, userId, course, now) : ({ status: "incomplete" } as const);
      return { ok: true, attemptId: attempt.id, result, completion } as const;
    },
    { behavior: "immediate" },
  );
}

/** A person's attempts at one quiz, newest first. */
export function quizAttemptHistory(db: Db, userId: number, courseSlug: string, quizId: string) {
  return db
    .select({ id: quizAttempts.id, score: quizAttempts.score, passed: quizAttempts.passed, createdAt: quizAttempts.createdAt })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseSlug, courseSlug), eq(quizAttempts.quizId, quizId)))
    .orderBy(desc(quizAttempts.id))
    .all();
}

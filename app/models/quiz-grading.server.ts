import type { Quiz } from "./content/schemas.server";

/** What the browser may see of a quiz before answering: no correctness, no explanations. */
export type PublicQuiz = {
  title: string;
  questions: Array<{ id: string; type: "single" | "multiple" | "true-false"; prompt: string; options: Array<{ id: string; text: string }> }>;
};

export function publicQuiz(quiz: Quiz): PublicQuiz {
  return {
    title: quiz.title,
    questions: quiz.questions.map((q) => ({ id: q.id, type: q.type, prompt: q.prompt, options: q.options.map((o) => ({ id: o.id, text: o.text })) })),
  };
}

export const ANSWER_FIELD_PREFIX = "answer-";

export type QuizAnswers = Record<string, string[]>;
export type FieldProblem = { field: string; message: string };

/**
 * Reads a submission strictly: every question answered, only offered options, one option for
 * single-answer questions, and no fields the quiz does not have.
 */
export function parseQuizSubmission(quiz: Quiz, entries: Array<[string, FormDataEntryValue]>): { ok: true; answers: QuizAnswers } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const answers: QuizAnswers = {};
  const questions = new Map(quiz.questions.map((q) => [q.id, q]));
  for (const [field, value] of entries) {
    if (field === "intent") continue;
    const questionId = field.startsWith(ANSWER_FIELD_PREFIX) ? field.slice(ANSWER_FIELD_PREFIX.length) : null;
    const question = questionId ? questions.get(questionId) : undefined;
    if (!question || !questionId) {
      problems.push({ field, message: `'${field.slice(0, 60)}' is not a question in this quiz` });
      continue;
    }
    if (typeof value !== "string" || !question.options.some((o) => o.id === value)) {
      problems.push({ field, message: `'${String(value).slice(0, 60)}' is not an option of this question` });
      continue;
    }
    const chosen = (answers[questionId] ??= []);
    if (chosen.includes(value)) problems.push({ field, message: "the same option was sent twice" });
    else chosen.push(value);
  }
  quiz.questions.forEach((q, index) => {
    const chosen = answers[q.id];
    const field = `${ANSWER_FIELD_PREFIX}${q.id}`;
    if (!chosen || chosen.length === 0) problems.push({ field, message: `Answer question ${index + 1} before submitting` });
    else if (q.type !== "multiple" && chosen.length > 1) problems.push({ field, message: `Question ${index + 1} takes one answer` });
  });
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

export type QuestionResult = {
  id: string;
  prompt: string;
  verdict: "right" | "partly" | "wrong";
  options: Array<{ id: string; text: string; correct: boolean; chosen: boolean; explanation: string }>;
};
export type QuizResult = { score: number; passed: boolean; correctCount: number; questionCount: number; questions: QuestionResult[] };

/**
 * A question is right when the chosen set equals the correct set. An answer that catches some
 * correct options but not exactly the set is shown as "partly" right and scores nothing.
 */
export function gradeQuiz(quiz: Quiz, answers: QuizAnswers, passingScore: number): QuizResult {
  const questions = quiz.questions.map((q): QuestionResult => {
    const chosen = new Set(answers[q.id] ?? []);
    const correct = new Set(q.options.filter((o) => o.correct).map((o) => o.id));
    const hits = [...chosen].filter((id) => correct.has(id)).length;
    const exact = hits === correct.size && chosen.size === correct.size;
    return {
      id: q.id,
      prompt: q.prompt,
      verdict: exact ? "right" : hits > 0 ? "partly" : "wrong",
      options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, chosen: chosen.has(o.id), explanation: o.explanation })),
    };
  });
  const correctCount = questions.filter((q) => q.verdict === "right").length;
  const score = Math.round((100 * correctCount) / questions.length);
  return { score, passed: score >= passingScore, correctCount, questionCount: questions.length, questions };
}

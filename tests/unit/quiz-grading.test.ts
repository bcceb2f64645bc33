import { describe, expect, it } from "vitest";
import { quizSchema } from "~/models/content/schemas.server";
import { gradeQuiz, parseQuizSubmission, publicQuiz } from "~/models/quiz-grading.server";

const quiz = quizSchema.parse({
  title: "Grading",
  questions: [
    { id: "one", type: "single", prompt: "Pick A", options: [{ id: "a", text: "A", correct: true, explanation: "A is the answer here." }, { id: "b", text: "B", explanation: "B is not the answer." }] },
    {
      id: "many",
      type: "multiple",
      prompt: "Pick A and B",
      options: [
        { id: "a", text: "A", correct: true, explanation: "A belongs to the set." },
        { id: "b", text: "B", correct: true, explanation: "B belongs to the set." },
        { id: "c", text: "C", explanation: "C does not belong." },
      ],
    },
    { id: "tf", type: "true-false", prompt: "True?", options: [{ id: "true", text: "True", correct: true, explanation: "It is true, as said." }, { id: "false", text: "False", explanation: "It is not false at all." }] },
    { id: "four", type: "single", prompt: "Pick B", options: [{ id: "a", text: "A", explanation: "A is not it this time." }, { id: "b", text: "B", correct: true, explanation: "B is the answer here." }] },
  ],
});

describe("grading", () => {
  it("marks right, partly right and wrong answers", () => {
    const result = gradeQuiz(quiz, { one: ["a"], many: ["a"], tf: ["false"], four: ["b"] }, 50);
    expect(result.questions.map((q) => q.verdict)).toEqual(["right", "partly", "wrong", "right"]);
    expect(result).toMatchObject({ correctCount: 2, questionCount: 4, score: 50 });
  });

  it("gives nothing for a multiple answer with an extra wrong option", () => {
    expect(gradeQuiz(quiz, { one: ["a"], many: ["a", "b", "c"], tf: ["true"], four: ["b"] }, 50).questions[1]?.verdict).toBe("partly");
  });

  it("passes exactly at the passing score and not one point below", () => {
    const answers = { one: ["a"], many: ["a", "b"], tf: ["true"], four: ["a"] };
    expect(gradeQuiz(quiz, answers, 75)).toMatchObject({ score: 75, passed: true });
    expect(gradeQuiz(quiz, answers, 76)).toMatchObject({ score: 75, passed: false });
  });

  it("sends nothing about correctness to the browser before grading", () => {
    const text = JSON.stringify(publicQuiz(quiz));
    expect(text).not.toContain("correct");
    expect(text).not.toContain("explanation");
    expect(text).not.toContain("the answer here");
  });
});

describe("reading a submission", () => {
  const entries = (pairs: Array<[string, string]>) => pairs as Array<[string, FormDataEntryValue]>;

  it("accepts a complete, well-formed submission", () => {
    const parsed = parseQuizSubmission(quiz, entries([["answer-one", "a"], ["answer-many", "a"], ["answer-many", "b"], ["answer-tf", "true"], ["answer-four", "b"]]));
    expect(parsed).toEqual({ ok: true, answers: { one: ["a"], many: ["a", "b"], tf: ["true"], four: ["b"] } });
  });

  it("refuses missing, extra, unknown and doubled answers, naming the field", () => {
    const parsed = parseQuizSubmission(quiz, entries([["answer-one", "a"], ["answer-one", "b"], ["answer-many", "z"], ["answer-ghost", "a"], ["answer-tf", "true"]]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        { field: "answer-one", message: "Question 1 takes one answer" },
        { field: "answer-many", message: "'z' is not an option of this question" },
        { field: "answer-ghost", message: "'answer-ghost' is not a question in this quiz" },
        { field: "answer-four", message: "Answer question 4 before submitting" },
      ]),
    );
  });
});

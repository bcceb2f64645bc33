import { Form, Link, useFetcher } from "@remix-run/react";
import { useState } from "react";
import type { FieldProblem, PublicQuiz, QuizResult } from "~/models/quiz-grading.server";

export const ANSWER_PREFIX = "answer-";

export type QuizActionData = { result: QuizResult; certificateCode: string | null } | { problems: FieldProblem[] };

function QuestionFields({ quiz, problems }: { quiz: PublicQuiz; problems: FieldProblem[] }) {
  return (
    <>
      {quiz.questions.map((question, index) => {
        const field = `${ANSWER_PREFIX}${question.id}`;
        const problem = problems.find((p) => p.field === field);
        return (
          <fieldset key={question.id} className="question" aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${field}-error` : undefined}>
            <legend>
              <span className="question-number">Question {index + 1}</span>
              {question.prompt}
              {question.type === "multiple" ? <small className="muted"> (choose all that apply)</small> : null}
            </legend>
            {question.options.map((option) => (
              <label key={option.id} className="option">
                <input type={question.type === "multiple" ? "checkbox" : "radio"} name={field} value={option.id} />
                <span>{option.text}</span>
              </label>
            ))}
            {problem ? (
              <p className="field-error" id={`${field}-error`}>
                {problem.message}
              </p>
            ) : null}
          </fieldset>
        );
      })}
    </>
  );
}

const VERDICT = { right: "Right", partly: "Partly right", wrong: "Not quite" } as const;

export function QuizFeedback({ result, certificateCode, retake }: { result: QuizResult; certificateCode: string | null; retake: (() => void) | string }) {
  return (
    <div className="quiz-result">
      <div className={`quiz-score ${result.passed ? "quiz-pass" : "quiz-fail"}`} role="status">
        <strong>{result.score}%</strong>
        <span>
          {result.passed ? "Passed" : "Not passed yet"} · {result.correctCount} of {result.questionCount} right
        </span>
      </div>
      {certificateCode ? (
        <p className="notice">
          Course complete. <a href={`/certificates/${certificateCode}`}>Open your certificate</a>
        </p>
      ) : null}
      <ol className="feedback-list">
        {result.questions.map((q) => (
          <li key={q.id} className={`feedback feedback-${q.verdict}`}>
            <p className="feedback-verdict">{VERDICT[q.verdict]}</p>
            <p className="feedback-prompt">{q.prompt}</p>
            <ul>
              {q.options
                .filter((o) => o.chosen || o.correct)
                .map((o) => (
                  <li key={o.id}>
                    <strong>
                      {o.chosen ? "You chose: " : "The answer: "}
                      {o.text}
                    </strong>
                    {o.correct ? " ✓" : " ✗"}
                    <br />
                    <span className="muted">{o.explanation}</span>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
      {typeof retake === "string" ? (
        <Link to={retake} className="button button-secondary">
          Take it again
        </Link>
      ) : (
        <button type="button" className="button button-secondary" onClick={retake}>
          Take it again
        </button>
      )}
    </div>
  );
}

/** The quiz as a plain form posting to its page; `inline` uses a fetcher so the lesson stays put. */
export function QuizForm({ quiz, action, actionData, inline = false }: { quiz: PublicQuiz; action: string; actionData?: QuizActionData; inline?: boolean }) {
  // A retake starts a fresh fetcher, which forgets the last result.
  const [round, setRound] = useState(0);
  const fetcher = useFetcher<QuizActionData>({ key: `quiz:${action}:${round}` });
  const data = inline ? fetcher.data : actionData;
  if (data && "result" in data) {
    return <QuizFeedback result={data.result} certificateCode={data.certificateCode} retake={inline ? () => setRound((r) => r + 1) : action} />;
  }
  const problems = data && "problems" in data ? data.problems : [];
  const FormTag = inline ? fetcher.Form : Form;
  const busy = inline ? fetcher.state !== "idle" : false;
  return (
    <FormTag method="post" action={action} className="quiz-form" noValidate>
      {problems.length > 0 ? (
        <p className="form-error" role="alert">
          {problems.length === 1 ? problems[0]?.message : `Please answer every question (${problems.length} need attention).`}
        </p>
      ) : null}
      <QuestionFields quiz={quiz} problems={problems} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Checking…" : "Check my answers"}
      </button>
    </FormTag>
  );
}

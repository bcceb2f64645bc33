import { QuizForm } from "~/components/quiz-form";
import { useLesson } from "./lesson-context";

export function Quiz({ id }: { id: string }) {
  const { courseSlug, quizzes } = useLesson();
  const card = quizzes[id];
  if (!card) return null;
  return (
    <section className="quiz-block" aria-label={card.quiz.title}>
      <div className="quiz-head">
        <p className="eyebrow">Quiz</p>
        <h2>{card.quiz.title}</h2>
        <p className="muted">
          {card.quiz.questions.length} questions
          {card.attempts > 0 ? ` · best so far ${card.bestScore}%${card.passed ? " (passed)" : ""}` : ""}
        </p>
      </div>
      <QuizForm quiz={card.quiz} action={`/courses/${courseSlug}/quizzes/${id}`} inline />
    </section>
  );
}

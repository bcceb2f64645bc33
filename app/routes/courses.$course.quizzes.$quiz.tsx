import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { QuizForm, type QuizActionData } from "~/components/quiz-form";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { findCourseOr404 } from "~/models/content/lookup.server";
import { publicQuiz } from "~/models/quiz-grading.server";
import { quizAttemptHistory, submitQuiz } from "~/models/quiz.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.quiz.title ?? "Quiz"} · CareLearn` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourseOr404(params.course);
  const quiz = course.quizzes.get(params.quiz ?? "") ?? notFound(`“${course.meta.title}” has no quiz at this address.`);
  const attempts = quizAttemptHistory(getDb(), user.id, course.slug, params.quiz as string);
  return { course: { slug: course.slug, title: course.meta.title, passingScore: course.meta.passingScore }, quizId: params.quiz as string, quiz: publicQuiz(quiz), attempts };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourseOr404(params.course);
  if (!course.quizzes.has(params.quiz ?? "")) notFound(`“${course.meta.title}” has no quiz at this address.`);
  const outcome = submitQuiz(getDb(), user.id, course, params.quiz as string, [...(await readForm(request)).entries()]);
  if (!outcome.ok) return data<QuizActionData>({ problems: outcome.problems }, { status: 400 });
  return data<QuizActionData>({
    result: outcome.result,
    certificateCode: outcome.completion.status === "completed" ? outcome.completion.certificateCode : null,
  });
}

export default function QuizPage() {
  const { course, quiz, quizId, attempts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow">
      <p className="eyebrow">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link> / Quiz
      </p>
      <h1>{quiz.title}</h1>
      <p className="muted">
        {quiz.questions.length} questions · pass mark {course.passingScore}% · retakes are always allowed and every attempt is kept.
      </p>
      <QuizForm quiz={quiz} action={`/courses/${course.slug}/quizzes/${quizId}`} actionData={actionData} />
      {attempts.length > 0 ? (
        <section aria-labelledby="attempts">
          <h2 id="attempts">Your attempts</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id}>
                    <td>{formatDate(a.createdAt)}</td>
                    <td className="num">{a.score}%</td>
                    <td>{a.passed ? <span className="badge badge-success">Passed</span> : <span className="badge">Not passed</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

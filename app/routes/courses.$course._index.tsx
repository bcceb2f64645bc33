import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseStatusBadge, ProgressBar } from "~/components/course-status-badge";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { findCourseOr404 } from "~/models/content/lookup.server";
import { getCatalogue } from "~/models/content/store.server";
import { summariseCourse } from "~/models/learner.server";
import { activeEnrolments } from "~/models/assignments.server";
import { courseProgress } from "~/models/progress.server";
import { requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · CareLearn` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourseOr404(params.course);
  const catalogue = await getCatalogue();
  const progress = courseProgress(getDb(), user.id, course.slug);
  const summary = summariseCourse(course, progress, user.jobRole, new Date(), activeEnrolments(getDb(), user.id).get(course.slug));
  return {
    course: {
      slug: course.slug,
      title: course.meta.title,
      summary: course.meta.summary,
      audience: course.meta.audience === "everyone" ? ["Everyone"] : course.meta.audience.map(jobRoleLabel),
      estimatedMinutes: course.meta.estimatedMinutes,
      passingScore: course.meta.passingScore,
      recertifyMonths: course.meta.recertifyMonths ?? null,
    },
    summary: {
      percent: summary.percent,
      status: summary.status,
      nextLesson: summary.nextLesson,
      certificateCode: summary.certificateCode,
      dueOn: summary.dueOn,
      completedAt: summary.completedAt,
      expiresAt: summary.expiresAt,
    },
    lessons: course.lessons.map((l) => {
      const p = progress.lessons.get(l.slug);
      return { slug: l.slug, title: l.title, minutes: l.minutes, state: p?.completedAt ? "done" : p ? "started" : "new" };
    }),
    quizzes: [...course.quizzes].map(([id, quiz]) => {
      const p = progress.quizzes.get(id);
      return { id, title: quiz.title, questions: quiz.questions.length, bestScore: p?.bestScore ?? null, passed: Boolean(p?.passedAt), attempts: p?.attempts ?? 0 };
    }),
    scenarios: course.meta.requiredScenarios.map((id) => ({
      id,
      title: catalogue.scenarios.get(id)?.scenario.title ?? id,
      passed: progress.passedScenarios.has(id),
    })),
  };
}

const LESSON_STATE = { done: "✓ Done", started: "Started", new: "" } as const;

export default function CourseOverview() {
  const { course, summary, lessons, quizzes, scenarios } = useLoaderData<typeof loader>();
  const continueTo = summary.nextLesson ? `/courses/${course.slug}/${summary.nextLesson.slug}` : null;
  return (
    <div className="course-layout">
      <div>
        <p className="eyebrow">
          <Link to="/courses">Courses</Link> / {course.audience.join(", ")}
        </p>
        <h1>{course.title}</h1>
        <p className="lead">{course.summary}</p>
        <div className="row">
          <CourseStatusBadge status={summary.status} />
          <span className="muted">
            About {course.estimatedMinutes} minutes · pass mark {course.passingScore}%
            {course.recertifyMonths ? ` · renew every ${course.recertifyMonths} months` : ""}
          </span>
          {summary.dueOn && !summary.certificateCode ? <span className="badge badge-info">Assigned to you · due {formatDate(summary.dueOn)}</span> : null}
        </div>

        <h2>Lessons</h2>
        <ol className="step-list">
          {lessons.map((lesson, index) => (
            <li key={lesson.slug} className={`step step-${lesson.state}`}>
              <span className="step-number" aria-hidden="true">
                {lesson.state === "done" ? "✓" : index + 1}
              </span>
              <Link to={`/courses/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>
              <span className="muted step-meta">
                {lesson.minutes} min {LESSON_STATE[lesson.state as keyof typeof LESSON_STATE] ? `· ${LESSON_STATE[lesson.state as keyof typeof LESSON_STATE]}` : ""}
              </span>
            </li>
          ))}
        </ol>

        {quizzes.length > 0 ? (
          <>
            <h2>Quiz</h2>
            <ul className="step-list">
              {quizzes.map((quiz) => (
                <li key={quiz.id} className={`step ${quiz.passed ? "step-done" : ""}`}>
                  <span className="step-number" aria-hidden="true">
                    {quiz.passed ? "✓" : "?"}
                  </span>
                  <Link to={`/courses/${course.slug}/quizzes/${quiz.id}`}>{quiz.title}</Link>
                  <span className="muted step-meta">
                    {quiz.questions} questions
                    {quiz.attempts > 0 ? ` · best ${quiz.bestScore}% in ${quiz.attempts} attempt${quiz.attempts === 1 ? "" : "s"}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        {scenarios.length > 0 ? (
          <>
            <h2>Role-play to pass</h2>
            <ul className="step-list">
              {scenarios.map((s) => (
                <li key={s.id} className={`step ${s.passed ? "step-done" : ""}`}>
                  <span className="step-number" aria-hidden="true">
                    {s.passed ? "✓" : "▶"}
                  </span>
                  <Link to={`/scenarios/${s.id}`}>{s.title}</Link>
                  <span className="muted step-meta">{s.passed ? "Passed" : "Not passed yet"}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>

      <aside className="card course-aside">
        <p className="label">Your progress</p>
        <ProgressBar percent={summary.percent} label={`${summary.percent}% done`} />
        <p className="muted">{summary.percent}% done</p>
        {summary.certificateCode ? (
          <>
            <p>
              Completed {formatDate(summary.completedAt!)}
              {summary.expiresAt ? `, valid until ${formatDate(summary.expiresAt)}` : ""}.
            </p>
            <Link to={`/certificates/${summary.certificateCode}`} className="button">
              View certificate
            </Link>
          </>
        ) : continueTo ? (
          <Link to={continueTo} className="button">
            {summary.percent === 0 ? "Start the course" : "Continue"}
          </Link>
        ) : quizzes.some((q) => !q.passed) ? (
          <Link to={`/courses/${course.slug}/quizzes/${quizzes.find((q) => !q.passed)!.id}`} className="button">
            Take the quiz
          </Link>
        ) : scenarios.some((s) => !s.passed) ? (
          <Link to={`/scenarios/${scenarios.find((s) => !s.passed)!.id}`} className="button">
            Play the role-play
          </Link>
        ) : null}
      </aside>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

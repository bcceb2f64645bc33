import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { lessonComponent, lessonScriptUrl, loadLessonScript, prepareServerLesson } from "~/components/lesson-content";
import { useReadingSeconds } from "~/components/lesson-timer";
import { mdxComponents } from "~/components/mdx";
import { LessonContext, type LessonContextValue } from "~/components/mdx/lesson-context";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { evaluateCourseCompletion } from "~/models/completion.server";
import { findCourseOr404, findLessonOr404 } from "~/models/content/lookup.server";
import { getCatalogue } from "~/models/content/store.server";
import { courseProgress, markLessonComplete, recordLessonVisit } from "~/models/progress.server";
import { publicQuiz } from "~/models/quiz-grading.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? "Lesson"} · CareLearn` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourseOr404(params.course);
  const lesson = findLessonOr404(course, params.lesson);
  const catalogue = await getCatalogue();
  const db = getDb();
  recordLessonVisit(db, user.id, course.slug, lesson.slug);
  prepareServerLesson(lesson.compiled.key, lesson.compiled.code);
  const progress = courseProgress(db, user.id, course.slug);
  const index = course.lessons.indexOf(lesson);
  const context: LessonContextValue = { courseSlug: course.slug, quizzes: {}, scenarios: {} };
  for (const used of lesson.compiled.components) {
    const id = String(used.props.id ?? "");
    const quiz = used.name === "Quiz" ? course.quizzes.get(id) : undefined;
    if (quiz) {
      const p = progress.quizzes.get(id);
      context.quizzes[id] = { quiz: publicQuiz(quiz), bestScore: p?.bestScore ?? null, passed: Boolean(p?.passedAt), attempts: p?.attempts ?? 0 };
    }
    const scenario = used.name === "Scenario" ? catalogue.scenarios.get(id) : undefined;
    if (scenario) {
      context.scenarios[id] = {
        id,
        title: scenario.scenario.title,
        summary: scenario.scenario.summary,
        personaName: scenario.scenario.persona.name,
        passed: progress.passedScenarios.has(id),
      };
    }
  }
  const neighbour = (i: number) => {
    const l = course.lessons[i];
    return l ? { slug: l.slug, title: l.title } : null;
  };
  return {
    course: { slug: course.slug, title: course.meta.title },
    lesson: { slug: lesson.slug, title: lesson.title, minutes: lesson.minutes, key: lesson.compiled.key, number: index + 1, of: course.lessons.length },
    completed: Boolean(progress.lessons.get(lesson.slug)?.completedAt),
    lessons: course.lessons.map((l) => ({ slug: l.slug, title: l.title, done: Boolean(progress.lessons.get(l.slug)?.completedAt) })),
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    certificateCode: progress.latestCompletion?.certificateCode ?? null,
    context,
  };
}

/** On client-side navigation, fetch the lesson's code script before the page renders. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadLessonScript(data.lesson.key);
  return data;
}

const completeSchema = z.object({
  intent: z.literal("complete", { error: "Unknown action: this form only marks a lesson complete" }),
  seconds: z.coerce.number({ error: "seconds must be a number" }).int().min(0).max(86_400).default(0),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await findCourseOr404(params.course);
  const lesson = findLessonOr404(course, params.lesson);
  const parsed = completeSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return data({ error: parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`).join("; ") }, { status: 400 });
  }
  const db = getDb();
  const outcome = db.transaction(
    (tx) => {
      markLessonComplete(tx, user.id, course.slug, lesson.slug, parsed.data.seconds);
      return evaluateCourseCompletion(tx, user.id, course);
    },
    { behavior: "immediate" },
  );
  // Post/redirect/get: a reload never resubmits, and without JavaScript the page shows the tick.
  return redirect(outcome.status === "completed" ? `/courses/${course.slug}?completed=1` : `/courses/${course.slug}/${lesson.slug}`);
}

export default function LessonReader() {
  const { course, lesson, completed, lessons, previous, next, context } = useLoaderData<typeof loader>();
  const Content = useMemo(() => lessonComponent(lesson.key), [lesson.key]);
  const fetcher = useFetcher<{ error: string }>();
  const { markReported } = useReadingSeconds(course.slug, lesson.slug);
  const isDone = completed || fetcher.formData?.get("intent") === "complete";
  return (
    <div className="lesson-layout">
      <nav className="lesson-nav" aria-label="Lessons in this course">
        <p className="eyebrow">
          <Link to={`/courses/${course.slug}`}>{course.title}</Link>
        </p>
        <ol>
          {lessons.map((l) => (
            <li key={l.slug} className={l.slug === lesson.slug ? "current" : ""}>
              <Link to={`/courses/${course.slug}/${l.slug}`} aria-current={l.slug === lesson.slug ? "page" : undefined}>
                <span aria-hidden="true">{l.done ? "✓" : "○"}</span> {l.title}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <article className="lesson">
        <p className="eyebrow">
          Lesson {lesson.number} of {lesson.of} · {lesson.minutes} min
        </p>
        <h1>{lesson.title}</h1>
        {/* Registers this lesson's component before hydration; same-origin, so the CSP allows it without eval. */}
        <script src={lessonScriptUrl(lesson.key)} />
        <div className="prose">
          <LessonContext.Provider value={context}>
            <Content components={mdxComponents} />
          </LessonContext.Provider>
        </div>
        <div className="lesson-footer">
          {isDone ? (
            <p className="badge badge-success lesson-done" role="status">
              ✓ Lesson complete
            </p>
          ) : (
            <fetcher.Form method="post" onSubmit={markReported}>
              <input type="hidden" name="intent" value="complete" />
              <input type="hidden" name="seconds" defaultValue="0" />
              <button type="submit" className="button">
                Mark complete
              </button>
            </fetcher.Form>
          )}
          {fetcher.data?.error ? <p className="form-error">{fetcher.data.error}</p> : null}
          <div className="row lesson-pager">
            {previous ? (
              <Link to={`/courses/${course.slug}/${previous.slug}`} className="button button-ghost" rel="prev">
                ← {previous.title}
              </Link>
            ) : null}
            {next ? (
              <Link to={`/courses/${course.slug}/${next.slug}`} className="button button-secondary" rel="next">
                {next.title} →
              </Link>
            ) : (
              <Link to={`/courses/${course.slug}`} className="button button-secondary">
                Back to the course
              </Link>
            )}
          </div>
        </div>
      </article>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CourseCard } from "~/components/course-card";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { isAudience, learnerCourses } from "~/models/learner.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { JOB_ROLES, jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction = () => [{ title: "Courses · CareLearn" }];

const filterSchema = z.object({
  audience: z.union([z.literal("mine"), z.literal("all"), z.literal("everyone"), z.enum(JOB_ROLES)]).catch("all"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { audience } = filterSchema.parse({ audience: new URL(request.url).searchParams.get("audience") ?? "all" });
  const catalogue = await getCatalogue();
  const summaries = learnerCourses(getDb(), catalogue, user);
  const shown = summaries.filter((course) => {
    if (audience === "all") return true;
    if (audience === "mine") return course.forYourRole;
    if (audience === "everyone") return course.audience === "everyone";
    return course.audience !== "everyone" && isAudience(course.audience, audience);
  });
  return {
    audience,
    jobRole: user.jobRole,
    courses: shown.map(({ audience: _audience, lastActivityAt: _a, completedAt: _c, expiresAt: _e, ...card }) => card),
    total: summaries.length,
  };
}

export default function Catalogue() {
  const { courses, audience, jobRole, total } = useLoaderData<typeof loader>();
  const forYou = courses.filter((c) => c.forYourRole);
  const optional = courses.filter((c) => !c.forYourRole);
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">Catalogue</p>
          <h1>Courses</h1>
          <p>
            {total} courses on customer care. Those for your role ({jobRoleLabel(jobRole)}) come first; everything else is open to you too.
          </p>
        </div>
        <Form method="get" className="filter-bar">
          <label htmlFor="audience" className="label">
            Show
          </label>
          <select id="audience" name="audience" defaultValue={audience} className="input" onChange={(e) => e.currentTarget.form?.requestSubmit()}>
            <option value="all">All courses</option>
            <option value="mine">For my role</option>
            <option value="everyone">For everyone</option>
            <optgroup label="For a job role">
              {JOB_ROLES.map((role) => (
                <option key={role} value={role}>
                  {jobRoleLabel(role)}
                </option>
              ))}
            </optgroup>
          </select>
          <noscript>
            <button type="submit" className="button button-small">
              Filter
            </button>
          </noscript>
        </Form>
      </div>
      {courses.length === 0 ? <p className="notice">No courses match this filter.</p> : null}
      {forYou.length > 0 ? (
        <section aria-labelledby="for-you">
          <h2 id="for-you">For your role</h2>
          <div className="grid">
            {forYou.map((course) => (
              <CourseCard key={course.slug} course={course} />
            ))}
          </div>
        </section>
      ) : null}
      {optional.length > 0 ? (
        <section aria-labelledby="optional">
          <h2 id="optional">Optional</h2>
          <div className="grid">
            {optional.map((course) => (
              <CourseCard key={course.slug} course={course} />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

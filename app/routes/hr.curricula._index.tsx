import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CurriculumForm } from "~/components/curriculum-form";
import { HrNav } from "~/components/hr-nav";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { parseCurriculumForm } from "~/models/curriculum-form.server";
import { listCurricula, saveCurriculum } from "~/models/curricula.server";
import { requireAccess } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Curricula · HR · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const catalogue = await getCatalogue();
  const titles = new Map(catalogue.courses.map((c) => [c.slug, c.meta.title]));
  return {
    curricula: listCurricula(getDb()).map((c) => ({ ...c, titles: c.courses.map((slug) => titles.get(slug) ?? slug) })),
    courses: catalogue.courses.map((c) => ({ slug: c.slug, title: c.meta.title })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const parsed = parseCurriculumForm(await readForm(request), await getCatalogue());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const saved = saveCurriculum(getDb(), user.id, null, parsed.value);
  if (!saved.ok) return data({ errors: { [saved.field]: saved.message } }, { status: 400 });
  return redirect(`/hr/curricula/${saved.id}?created=1`);
}

export default function Curricula() {
  const { curricula, courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Curricula</h1>
          <p>Named, ordered sets of courses to assign together.</p>
        </div>
      </div>
      <div className="grid">
        {curricula.map((c) => (
          <article key={c.id} className="card">
            <div className="row">
              <h3 className="card-title">
                <Link to={`/hr/curricula/${c.id}`}>{c.name}</Link>
              </h3>
              {c.archivedAt ? <span className="badge">Archived</span> : null}
            </div>
            {c.description ? <p className="muted">{c.description}</p> : null}
            <ol className="compact-list">
              {c.titles.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ol>
            <p className="muted">
              Used by {c.rules} assignment rule{c.rules === 1 ? "" : "s"}
            </p>
          </article>
        ))}
      </div>
      <h2>New curriculum</h2>
      <CurriculumForm courses={courses} errors={actionData?.errors} submitLabel="Create curriculum" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CurriculumForm } from "~/components/curriculum-form";
import { HrNav } from "~/components/hr-nav";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { parseCurriculumForm } from "~/models/curriculum-form.server";
import { findCurriculum, saveCurriculum, setCurriculumArchived } from "~/models/curricula.server";
import { requireAccess } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { isNumericString, notFound, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.curriculum.name ?? "Curriculum"} · HR · CareLearn` }];

function curriculumId(raw: string | undefined): number {
  return raw && isNumericString(raw) ? Number(raw) : notFound("There is no curriculum at this address.");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const curriculum = findCurriculum(getDb(), curriculumId(params.id)) ?? notFound("There is no curriculum at this address.");
  const catalogue = await getCatalogue();
  return { curriculum, courses: catalogue.courses.map((c) => ({ slug: c.slug, title: c.meta.title })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const id = curriculumId(params.id);
  const db = getDb();
  if (!findCurriculum(db, id)) notFound("There is no curriculum at this address.");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "archive" || intent === "restore") {
    setCurriculumArchived(db, user.id, id, intent === "archive");
    return redirect(`/hr/curricula/${id}`);
  }
  if (intent !== "save") return data({ errors: { form: "Unknown action." } as Record<string, string> }, { status: 400 });
  const parsed = parseCurriculumForm(form, await getCatalogue());
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const saved = saveCurriculum(db, user.id, id, parsed.value);
  if (!saved.ok) return data({ errors: { [saved.field]: saved.message } as Record<string, string> }, { status: 400 });
  return redirect(`/hr/curricula/${id}?saved=1`);
}

export default function CurriculumPage() {
  const { curriculum, courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <HrNav />
      <p className="eyebrow">
        <Link to="/hr/curricula">Curricula</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{curriculum.name}</h1>
          <p>{curriculum.archivedAt ? "Archived: it assigns nothing new. Completed history stays." : `Used by ${curriculum.rules} assignment rule(s).`}</p>
        </div>
        <Form method="post">
          <button type="submit" name="intent" value={curriculum.archivedAt ? "restore" : "archive"} className="button button-ghost">
            {curriculum.archivedAt ? "Restore" : "Archive"}
          </button>
        </Form>
      </div>
      {params.get("created") || params.get("saved") ? (
        <p className="notice" role="status">
          Saved. Assignments that use it have been brought up to date.
        </p>
      ) : null}
      {actionData?.errors.form ? <p className="form-error">{actionData.errors.form}</p> : null}
      <CurriculumForm courses={courses} value={curriculum} errors={actionData?.errors} submitLabel="Save changes" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { HrNav } from "~/components/hr-nav";
import { PersonForm } from "~/components/person-form";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { personSchema } from "~/models/people-form";
import { allDepartments, createPerson } from "~/models/people.server";
import { requireAccess } from "~/utils/auth.server";
import { todayIso } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Add a person · HR · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "hr");
  return { departments: allDepartments(getDb()), canGrantElevated: user.accessLevel === "admin", today: todayIso() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const submission = parseWithZod(await readForm(request), { schema: personSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { departmentId, managerEmail, ...rest } = submission.value;
  const outcome = createPerson(getDb(), user, { ...rest, departmentId: departmentId ?? null, managerEmail: managerEmail ?? null });
  if (!outcome.ok) {
    const fieldErrors = Object.fromEntries(outcome.problems.map((p) => [p.field, [p.message]]));
    return data({ result: submission.reply({ fieldErrors }) }, { status: 400 });
  }
  return redirect(`/hr/people/${outcome.id}?created=1`);
}

export default function NewPerson() {
  const { departments, canGrantElevated, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <HrNav />
      <p className="eyebrow">
        <Link to="/hr/people">People</Link>
      </p>
      <h1>Add a person</h1>
      <p className="muted">Assignment rules apply to them as soon as they are saved.</p>
      <PersonForm
        lastResult={actionData?.result}
        defaultValue={{ accessLevel: "learner", joinedOn: today }}
        departments={departments}
        canGrantElevated={canGrantElevated}
        submitLabel="Add person"
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

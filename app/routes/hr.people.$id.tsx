import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CourseStatusBadge } from "~/components/course-status-badge";
import { HrNav } from "~/components/hr-nav";
import { PersonForm } from "~/components/person-form";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { extendDueDate, personAssignments } from "~/models/assignments.server";
import { getCatalogue } from "~/models/content/store.server";
import { personSchema } from "~/models/people-form";
import { withMailer } from "~/models/mailer.server";
import { invitePerson, signInState } from "~/models/password-links.server";
import { allDepartments, findPerson, setPersonActive, updatePerson } from "~/models/people.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate, todayIso } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { isNumericString, notFound, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} · HR · CareLearn` }];

function personId(raw: string | undefined): number {
  return raw && isNumericString(raw) ? Number(raw) : notFound("There is no one at this address.");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const db = getDb();
  const person = findPerson(db, personId(params.id)) ?? notFound("There is no one at this address.");
  return {
    person,
    departments: allDepartments(db),
    canGrantElevated: user.accessLevel === "admin",
    isSelf: user.id === person.id,
    assignments: personAssignments(db, await getCatalogue(), person.id),
    signIn: signInState(db, person.id),
    today: todayIso(),
  };
}

const extendSchema = z.object({
  enrolmentId: z.coerce.number({ error: "enrolmentId must be a number" }).int().positive(),
  dueOn: z.iso.date({ error: "Enter the new due date, like 2026-12-31" }),
  reason: z.string({ error: "Give a reason for the extension" }).trim().min(3, "Give a reason for the extension").max(300, "Keep the reason under 300 characters"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const id = personId(params.id);
  const db = getDb();
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "deactivate" || intent === "reactivate") {
    const outcome = setPersonActive(db, user, id, intent === "reactivate");
    if (outcome === "missing") notFound("There is no one at this address.");
    if (outcome === "self") return data({ error: "You cannot deactivate your own account." }, { status: 400 });
    return redirect(`/hr/people/${id}`);
  }
  if (intent === "extend") {
    const parsed = extendSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
    const outcome = extendDueDate(db, user.id, parsed.data.enrolmentId, parsed.data.dueOn, parsed.data.reason);
    if (outcome === "missing") return data({ error: "That assignment no longer exists." }, { status: 404 });
    if (outcome === "not-later") return data({ error: "The new due date must be later than the current one." }, { status: 400 });
    return redirect(`/hr/people/${id}?extended=1`);
  }
  if (intent === "invite") {
    const person = findPerson(db, id) ?? notFound("There is no one at this address.");
    if (!person.active) return data({ error: "Reactivate this person before sending them a link." }, { status: 400 });
    try {
      await withMailer((mailer, publicUrl) => invitePerson(db, mailer, person, { createdBy: user.id, publicUrl }));
    } catch (error) {
      return data({ error: `The email could not be sent: ${error instanceof Error ? error.message : String(error)}` }, { status: 502 });
    }
    return redirect(`/hr/people/${id}?invited=1`);
  }
  if (intent !== "save") return data({ error: "Unknown action." }, { status: 400 });
  const submission = parseWithZod(form, { schema: personSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { departmentId, managerEmail, ...rest } = submission.value;
  const outcome = updatePerson(db, user, id, { ...rest, departmentId: departmentId ?? null, managerEmail: managerEmail ?? null });
  if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: Object.fromEntries(outcome.problems.map((p) => [p.field, [p.message]])) }) }, { status: 400 });
  return redirect(`/hr/people/${id}?saved=1`);
}

export default function PersonPage() {
  const { person, departments, canGrantElevated, isSelf, assignments, signIn, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = params.get("created") ? "Added." : params.get("saved") ? "Saved." : params.get("extended") ? "Due date extended." : params.get("invited") ? "Email sent." : null;
  return (
    <>
      <HrNav />
      <p className="eyebrow">
        <Link to="/hr/people">People</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{person.name}</h1>
          <p>
            {person.email} {person.active ? null : <span className="badge badge-danger">Deactivated</span>}
          </p>
        </div>
        {isSelf ? null : (
          <Form method="post">
            <button type="submit" name="intent" value={person.active ? "deactivate" : "reactivate"} className="button button-ghost">
              {person.active ? "Deactivate" : "Reactivate"}
            </button>
          </Form>
        )}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {actionData && "error" in actionData ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      <section className="card sign-in-card" aria-labelledby="sign-in">
        <div>
          <h2 id="sign-in">Signing in</h2>
          <p className="muted">
            {signIn.hasPassword ? "Has a password." : "Cannot sign in yet: no password chosen."}{" "}
            {signIn.latestLink
              ? `${signIn.latestLink.purpose === "invite" ? "Invitation" : "Password link"} sent ${formatDate(signIn.latestLink.sentAt)}${signIn.latestLink.open ? ", not used yet." : "."}`
              : signIn.hasPassword
                ? ""
                : "No invitation sent."}
          </p>
        </div>
        {person.active ? (
          <Form method="post">
            <button type="submit" name="intent" value="invite" className="button button-secondary">
              {signIn.hasPassword ? "Email a password reset link" : signIn.latestLink ? "Send the invitation again" : "Send an invitation"}
            </button>
          </Form>
        ) : null}
      </section>
      <h2>Assigned training</h2>
      {assignments.length === 0 ? (
        <p className="muted">Nothing is assigned. Assignment rules decide who gets what.</p>
      ) : (
        <div className="table-wrap responsive">
          <table>
            <thead>
              <tr>
                <th scope="col">Course</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col">Extend</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.enrolmentId}>
                  <td data-label="Course">{a.title}</td>
                  <td data-label="Status">
                    <CourseStatusBadge status={a.status} />
                  </td>
                  <td data-label="Due">
                    {formatDate(a.dueOn)}
                    {a.extensionReason ? (
                      <>
                        <br />
                        <small className="muted">
                          Extended from {formatDate(a.ruleDueOn)}: {a.extensionReason}
                        </small>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Extend the due date">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="extend" />
                      <input type="hidden" name="enrolmentId" value={a.enrolmentId} />
                      <label className="visually-hidden" htmlFor={`due-${a.enrolmentId}`}>
                        New due date for {a.title}
                      </label>
                      <input id={`due-${a.enrolmentId}`} type="date" name="dueOn" min={today} required className="input" />
                      <label className="visually-hidden" htmlFor={`reason-${a.enrolmentId}`}>
                        Reason
                      </label>
                      <input id={`reason-${a.enrolmentId}`} name="reason" placeholder="Reason" required maxLength={300} className="input" />
                      <button type="submit" className="button button-small button-secondary">
                        Extend
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Details</h2>
      <PersonForm
        lastResult={actionData && "result" in actionData ? actionData.result : undefined}
        defaultValue={{
          name: person.name,
          email: person.email,
          jobRole: person.jobRole,
          departmentId: person.departmentId ? String(person.departmentId) : "",
          managerEmail: person.managerEmail ?? "",
          accessLevel: person.accessLevel,
          joinedOn: person.joinedOn,
        }}
        departments={departments}
        canGrantElevated={canGrantElevated}
        submitLabel="Save changes"
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

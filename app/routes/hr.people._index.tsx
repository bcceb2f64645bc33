import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { HrNav } from "~/components/hr-nav";
import { Pager } from "~/components/pager";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { withMailer } from "~/models/mailer.server";
import { countPeopleToInvite, inviteEveryoneWaiting } from "~/models/password-links.server";
import { allDepartments, listPeople, managers } from "~/models/people.server";
import { requireAccess } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { JOB_ROLES, jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction = () => [{ title: "People · HR · CareLearn" }];

// Filters come from the address bar: anything odd falls back to "no filter" rather than an error.
const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  department: z.coerce.number().int().positive().optional().catch(undefined),
  role: z.enum(JOB_ROLES).optional().catch(undefined),
  manager: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).default("active").catch("active"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse(params);
  const db = getDb();
  const result = listPeople(db, { q: filter.q || undefined, departmentId: filter.department, jobRole: filter.role, managerId: filter.manager, status: filter.status, page: filter.page });
  return { filter, ...result, departments: allDepartments(db), managers: managers(db), toInvite: countPeopleToInvite(db) };
}

/** "Invite everyone who cannot sign in yet": after an import, one click instead of thousands. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const form = await readForm(request);
  if (form.get("intent") !== "invite-all") return data({ error: "That is not something this page can do." }, { status: 400 });
  const run = await withMailer((mailer, publicUrl) => inviteEveryoneWaiting(getDb(), mailer, { createdBy: user.id, publicUrl }));
  if (run.failed.length > 0) {
    const first = run.failed[0];
    return data({ error: `${run.sent} invitations sent; ${run.failed.length} could not be sent (first: ${first?.email}: ${first?.error}). Try again to send the rest.` }, { status: 502 });
  }
  return redirect(`/hr/people?invited=${run.sent}`);
}

export default function People() {
  const { filter, rows, total, pages, departments, managers, toInvite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const invited = searchParams.get("invited");
  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, page })) if (value !== undefined && value !== "") params.set(key, String(value));
    return `?${params}`;
  };
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>People</h1>
          <p>
            {total} {total === 1 ? "person" : "people"} match.
          </p>
        </div>
        <div className="row">
          <Link to="/hr/people/new" className="button">
            Add a person
          </Link>
          <Link to="/hr/people/import" className="button button-secondary">
            Import CSV
          </Link>
          <a href="/hr/people.csv" className="button button-ghost" download>
            Export CSV
          </a>
        </div>
      </div>
      {invited !== null ? (
        <p className="notice" role="status">
          {invited === "1" ? "1 invitation sent." : `${Number(invited) || 0} invitations sent.`} Each link works once, for 14 days.
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {actionData.error}
        </p>
      ) : null}
      {toInvite > 0 ? (
        <Form method="post" className="card invite-banner">
          <p>
            <strong>{toInvite === 1 ? "1 person cannot" : `${toInvite} people cannot`} sign in yet</strong>: no password, and no invitation waiting. An
            invitation emails each a link to choose a password.
          </p>
          <button type="submit" name="intent" value="invite-all" className="button">
            Invite {toInvite === 1 ? "them" : `all ${toInvite}`}
          </button>
        </Form>
      ) : null}
      <Form method="get" className="filters card">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="Name or email" />
        </div>
        <div className="field">
          <label htmlFor="department">Department</label>
          <select id="department" name="department" defaultValue={filter.department ?? ""}>
            <option value="">All</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="role">Job role</label>
          <select id="role" name="role" defaultValue={filter.role ?? ""}>
            <option value="">All</option>
            {JOB_ROLES.map((r) => (
              <option key={r} value={r}>
                {jobRoleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="manager">Manager</label>
          <select id="manager" name="manager" defaultValue={filter.manager ?? ""}>
            <option value="">Anyone</option>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filter.status}>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">All</option>
          </select>
        </div>
        <div className="field filters-submit">
          <button type="submit" className="button">
            Filter
          </button>
        </div>
      </Form>
      <div className="table-wrap responsive">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Job role</th>
              <th scope="col">Department</th>
              <th scope="col">Manager</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  No one matches these filters.
                </td>
              </tr>
            ) : (
              rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/hr/people/${p.id}`}>{p.name}</Link>
                    <br />
                    <small className="muted">{p.email}</small> {p.active ? null : <span className="badge badge-danger">Deactivated</span>}
                  </td>
                  <td data-label="Job role">{jobRoleLabel(p.jobRole)}</td>
                  <td data-label="Department">{p.department ?? "—"}</td>
                  <td data-label="Manager">{p.managerName ?? "—"}</td>
                  <td data-label="Access">{p.accessLevel}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager page={filter.page} pages={pages} href={pageLink} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

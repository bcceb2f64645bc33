import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HrNav } from "~/components/hr-nav";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { recentAudit } from "~/models/audit.server";
import { headcountByDepartment } from "~/models/org.server";
import { requireAccess } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "HR · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const db = getDb();
  return { departments: headcountByDepartment(db), audit: recentAudit(db, 10) };
}

export default function HrHome() {
  const { departments, audit } = useLoaderData<typeof loader>();
  const active = departments.reduce((sum, d) => sum + d.active, 0);
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Your organisation</h1>
          <p>{active} people in {departments.length} departments are learning with CareLearn.</p>
        </div>
      </div>
      <h2>People by department</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col" className="num">Active</th>
              <th scope="col" className="num">All</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.department}>
                <td>{d.department}</td>
                <td className="num">{d.active}</td>
                <td className="num">{d.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Recent changes</h2>
      {audit.length === 0 ? (
        <p className="muted">No HR or admin changes yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDate(entry.createdAt)}</td>
                  <td>{entry.actorName ?? "System"}</td>
                  <td>
                    {entry.action} · {entry.entityType} {entry.entityId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

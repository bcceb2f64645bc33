import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, LineChart } from "~/components/charts";
import { HrNav } from "~/components/hr-nav";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { getCatalogue } from "~/models/content/store.server";
import { currentOrgReport } from "~/models/org-report.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Reports · HR · CareLearn" }];

// A summary page: the longest overdue, with the full list one click away as CSV.
const OVERDUE_SHOWN = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const report = currentOrgReport(getDb(), await getCatalogue());
  return { ...report, overdueTotal: report.overdue.length, overdue: report.overdue.slice(0, OVERDUE_SHOWN) };
}

function Csv({ table, label }: { table: string; label: string }) {
  return (
    <a href={`/hr/reports/export/${table}`} className="button button-ghost button-small" download>
      {label} (CSV)
    </a>
  );
}

function GroupTable({ label, rows }: { label: string; rows: Array<{ group: string; people: number; completed: number; percent: number }> }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" className="num">Assigned</th>
            <th scope="col" className="num">Completed</th>
            <th scope="col" className="num">%</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group}>
              <td>{r.group}</td>
              <td className="num">{r.people}</td>
              <td className="num">{r.completed}</td>
              <td className="num">{r.percent}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Reports() {
  const { asOf, coverage, curricula, overdue, overdueTotal } = useLoaderData<typeof loader>();
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Reports</h1>
          <p>Care coverage, curriculum completion and overdue work across the organisation.</p>
          <p className="muted">
            Figures as of {formatDateTime(asOf)}; they update as people complete training.
          </p>
        </div>
      </div>

      <section aria-labelledby="coverage">
        <div className="section-head">
          <h2 id="coverage">Care coverage: {coverage.overall}%</h2>
          <div className="row">
            <Csv table="coverage" label="By department" />
            <Csv table="coverage-trend" label="12-week trend" />
          </div>
        </div>
        <p className="muted">
          The share of people in each department, back office as much as front office, who hold a valid completion of {coverage.courseTitle ? `“${coverage.courseTitle}”` : "the core course"}.
        </p>
        <div className="report-grid">
          <BarChart title="Coverage by department today" bars={coverage.byDepartment.map((d) => ({ label: d.department, value: d.percent }))} />
          <LineChart title="Coverage across the organisation, last 12 weeks" points={coverage.trend.map((p) => ({ label: formatDate(p.weekEnding), value: p.percent }))} />
        </div>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col" className="num">People</th>
                <th scope="col" className="num">Covered</th>
                <th scope="col" className="num">Coverage</th>
                <th scope="col" className="num">12 weeks ago</th>
              </tr>
            </thead>
            <tbody>
              {coverage.byDepartment.map((d) => (
                <tr key={d.department} data-department={d.department}>
                  <td>{d.department}</td>
                  <td className="num">{d.people}</td>
                  <td className="num">{d.covered}</td>
                  <td className="num">{d.percent}%</td>
                  <td className="num">{d.trend[0]}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="curricula">
        <div className="section-head">
          <h2 id="curricula">Completion by curriculum</h2>
          <div className="row">
            <Csv table="curriculum-departments" label="By department" />
            <Csv table="curriculum-roles" label="By job role" />
          </div>
        </div>
        {curricula.length === 0 ? <p className="muted">No curricula yet.</p> : null}
        {curricula.map((c) => (
          <div key={c.id} className="card curriculum-report">
            <h3>
              {c.name}: {c.completed} of {c.people} complete
            </h3>
            <BarChart title={`${c.name}: completion by department`} bars={c.byDepartment.map((r) => ({ label: r.group, value: r.percent }))} />
            <div className="report-grid">
              <GroupTable label="Department" rows={c.byDepartment} />
              <GroupTable label="Job role" rows={c.byJobRole} />
            </div>
          </div>
        ))}
      </section>

      <section aria-labelledby="overdue">
        <div className="section-head">
          <h2 id="overdue">Overdue: {overdueTotal}</h2>
          <Csv table="overdue" label="Everything overdue" />
        </div>
        {overdueTotal > overdue.length ? <p className="muted">The {overdue.length} longest overdue are shown; the CSV has all {overdueTotal}.</p> : null}
        <div className="table-wrap responsive">
          <table>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Department</th>
                <th scope="col">Course</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">Days late</th>
              </tr>
            </thead>
            <tbody>
              {overdue.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    Nothing is overdue.
                  </td>
                </tr>
              ) : (
                overdue.map((o) => (
                  <tr key={`${o.userId}-${o.course}`}>
                    <td>
                      <Link to={`/team/${o.userId}`}>{o.name}</Link>
                    </td>
                    <td data-label="Department">{o.department}</td>
                    <td data-label="Course">
                      {o.course}
                      {o.status === "expired" ? <small className="muted"> (certificate expired)</small> : null}
                    </td>
                    <td data-label="Due">{formatDate(o.dueOn)}</td>
                    <td data-label="Days late" className="num">
                      {o.daysLate}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

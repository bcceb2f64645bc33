import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/course-status-badge";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { Pager } from "~/components/pager";
import { teamPage } from "~/models/team-view.server";
import { requireManager } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";

export const meta: MetaFunction = () => [{ title: "My team · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireManager(request);
  const url = new URL(request.url);
  return { ...teamPage(getDb(), user.id, url.searchParams), search: url.search };
}

/** The export holds every matching row, so the page number is left out of its address. */
function exportSearch(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  const rest = params.toString();
  return rest ? `?${rest}` : "";
}

const SORT_LABELS = { name: "Name", percent: "Least complete first", overdue: "Most overdue first", activity: "Least recently active first", scenario: "Best role-play average first" } as const;

export default function Team() {
  const { query, search, rows, totals, pages, pageSize, matching } = useLoaderData<typeof loader>();
  const pageLink = (page: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(page));
    return `?${params}`;
  };
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">My team</p>
          <h1>Your team's training</h1>
          <p>Everyone who reports to you, directly or through their manager.</p>
        </div>
        <a href={`/team.csv${exportSearch(search)}`} className="button button-ghost" download>
          Export CSV
        </a>
      </div>
      <div className="stat-grid">
        <div className="stat">
          <div className="stat-value">{totals.people}</div>
          <div className="stat-label">people</div>
        </div>
        <div className="stat">
          <div className="stat-value">{totals.percent}%</div>
          <div className="stat-label">of assigned training complete</div>
        </div>
        <div className="stat">
          <div className="stat-value">{totals.overdue}</div>
          <div className="stat-label">overdue, for {totals.overduePeople} people</div>
        </div>
        <div className="stat">
          <div className="stat-value">{totals.expiringSoon}</div>
          <div className="stat-label">certificates expiring within 30 days</div>
        </div>
      </div>
      <Form method="get" className="filters card team-filters">
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name or email" />
        </div>
        <div className="field">
          <label htmlFor="sort">Sort</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <label className="check-field">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue === "1"} /> Only people with overdue work
        </label>
        <div className="field filters-submit">
          <button type="submit" className="button">
            Apply
          </button>
        </div>
      </Form>
      <div className="table-wrap responsive">
        <table className="team-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Progress</th>
              <th scope="col" className="num">
                Assigned
              </th>
              <th scope="col" className="num">
                Done
              </th>
              <th scope="col" className="num">
                In progress
              </th>
              <th scope="col" className="num">
                Overdue
              </th>
              <th scope="col" className="num">
                Expiring
              </th>
              <th scope="col">Last active</th>
              <th scope="col" className="num">
                Role-play avg
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="muted">
                  No one matches.
                </td>
              </tr>
            ) : (
              rows.map((r) => (
                <tr key={r.id} data-person={r.email}>
                  <td>
                    <Link to={`/team/${r.id}`}>{r.name}</Link>
                    <br />
                    <small className="muted">
                      {jobRoleLabel(r.jobRole)}
                      {r.department ? ` · ${r.department}` : ""}
                    </small>
                  </td>
                  <td data-label="Progress" className="progress-cell">
                    <ProgressBar percent={r.percent} label={`${r.name}: ${r.percent}% complete`} />
                    <small className="muted">{r.percent}%</small>
                  </td>
                  <td data-label="Assigned" className="num">
                    {r.assigned}
                  </td>
                  <td data-label="Done" className="num">
                    {r.completed}
                  </td>
                  <td data-label="In progress" className="num">
                    {r.inProgress}
                  </td>
                  <td data-label="Overdue" className="num">
                    {r.overdue > 0 ? <span className="badge badge-danger">{r.overdue}</span> : 0}
                  </td>
                  <td data-label="Expiring soon" className="num">
                    {r.expiringSoon}
                  </td>
                  <td data-label="Last active">{r.lastActivityAt ? formatDate(r.lastActivityAt) : "Never"}</td>
                  <td data-label="Role-play average" className="num">
                    {r.scenarioAverage === null ? "—" : `${r.scenarioAverage}%`}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="table-foot">
        <span className="muted">
          {matching === totals.people ? `${totals.people} people` : `${matching} of ${totals.people} people match`}
          {pages > 1 ? `, ${pageSize} a page` : ""}. The export has every matching row.
        </span>
        <Pager page={query.page} pages={pages} href={pageLink} />
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

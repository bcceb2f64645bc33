import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { HrNav } from "~/components/hr-nav";
import { Pager } from "~/components/pager";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { auditPage } from "~/models/audit.server";
import { requireAccess } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Audit log · HR · CareLearn" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const page = z.coerce.number().int().min(1).max(1_000_000).catch(1).parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { page, ...auditPage(getDb(), page) };
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Json({ value }: { value: unknown }) {
  return value == null ? <span className="muted">—</span> : <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditLog() {
  const { rows, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Audit log</h1>
          <p>Every HR and admin change: who, what, before and after. {total} entries.</p>
        </div>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <tr key={entry.id}>
                <td>{timeFormat.format(new Date(entry.createdAt))}</td>
                <td>{entry.actorName ?? "System"}</td>
                <td>
                  <code>{entry.action}</code>
                  <br />
                  <small className="muted">
                    {entry.entityType} {entry.entityId}
                  </small>
                </td>
                <td>
                  {entry.before == null && entry.after == null ? (
                    <span className="muted">—</span>
                  ) : (
                    <details>
                      <summary>Before and after</summary>
                      <div className="before-after">
                        <div>
                          <p className="label">Before</p>
                          <Json value={entry.before} />
                        </div>
                        <div>
                          <p className="label">After</p>
                          <Json value={entry.after} />
                        </div>
                      </div>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} href={(p) => `?page=${p}`} previous="← Newer" next="Older →" />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

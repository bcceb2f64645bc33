import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { readOutboxMessage } from "~/models/reminders.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.subject ?? "Message"} · Outbox · CareLearn` }];

/** One outbox message: its headers and plain-text body, shown as text (never as HTML). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const message = readOutboxMessage(params.file ?? "");
  if (!message) notFound("There is no message with that name in the outbox.");
  return message;
}

export default function OutboxMessage() {
  const message = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link to="/hr/outbox">Outbox</Link>
          </p>
          <h1>{message.subject}</h1>
        </div>
      </div>
      <div className="table-wrap">
        <table>
          <tbody>
            <tr>
              <th scope="row">From</th>
              <td>{message.from}</td>
            </tr>
            <tr>
              <th scope="row">To</th>
              <td>{message.to}</td>
            </tr>
            <tr>
              <th scope="row">Date</th>
              <td>{message.date ? `${formatDate(message.date)}, ${message.date.slice(11, 16)} UTC` : "unknown"}</td>
            </tr>
            <tr>
              <th scope="row">File</th>
              <td>
                <code>{message.file}</code>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2>Message</h2>
      {/* React escapes the text: a body full of markup shows as markup, never runs. */}
      <div className="card table-wrap">
        <pre className="mail-body">{message.text}</pre>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

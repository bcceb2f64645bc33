import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useOutlet } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { mailConfig } from "~/models/mailer.server";
import { outboxMessages } from "~/models/reminders.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { HrNav } from "~/components/hr-nav";

export const meta: MetaFunction = () => [{ title: "Outbox · HR · CareLearn" }];

const SHOWN = 200;

/** Emails written to the outbox folder because no SMTP server is configured. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, "hr");
  const { total, messages } = outboxMessages({ limit: SHOWN });
  return { smtp: Boolean(mailConfig().smtpUrl), total, messages };
}

function time(iso: string): string {
  return `${formatDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

export default function Outbox() {
  const { smtp, total, messages } = useLoaderData<typeof loader>();
  // /hr/outbox/:file renders in place of the list.
  const outlet = useOutlet();
  return (
    <>
      <HrNav />
      {outlet ?? (
        <OutboxList smtp={smtp} total={total} messages={messages} />
      )}
    </>
  );
}

function OutboxList({ smtp, total, messages }: ReturnType<typeof useLoaderData<typeof loader>>) {
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">HR</p>
          <h1>Outbox</h1>
          <p>Reminder emails: one a day to each person with assigned courses due soon or overdue.</p>
        </div>
      </div>
      {smtp ? (
        <p className="notice">
          Email is sent through the SMTP server in <code>SMTP_URL</code>, so nothing is kept here.
          {total > 0 ? " The messages below were written before SMTP was configured." : ""}
        </p>
      ) : (
        <p className="notice">
          No SMTP server is configured (<code>SMTP_URL</code>), so emails are not sent: each is kept here as an .eml file in the outbox
          folder, exactly as it would have gone out.
        </p>
      )}
      {messages.length === 0 ? (
        smtp ? null : <p className="muted">The outbox is empty: no reminders have been due yet.</p>
      ) : (
        <>
          <p className="muted">
            {total > messages.length ? `The newest ${messages.length} of ${total} messages.` : `${total} ${total === 1 ? "message" : "messages"}, newest first.`}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">To</th>
                  <th scope="col">Subject</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.file}>
                    <td>{m.date ? time(m.date) : <span className="muted">unknown</span>}</td>
                    <td>{m.to}</td>
                    <td>
                      <Link to={`/hr/outbox/${encodeURIComponent(m.file)}`}>{m.subject}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

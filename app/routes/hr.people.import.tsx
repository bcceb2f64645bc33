import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import {
  type AppliedSummary,
  applyImport,
  decodeUpload,
  findImport,
  type ImportPreview,
  type ImportProblem,
  ImportRefused,
  MAX_IMPORT_BYTES,
  type PreviewRow,
  previewImport,
  storeImport,
} from "~/models/people-import.server";
import { requireAccess } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { isNumericString, notFound, readForm } from "~/utils/http.server";
import { JOB_ROLES, jobRoleLabel } from "~/utils/job-roles";
import { HrNav } from "~/components/hr-nav";

export const meta: MetaFunction = () => [{ title: "Import people · CareLearn" }];

const HERE = "/hr/people/import";
/** A preview page shows at most this many rows; the summary counts them all. */
const SHOWN_ROWS = 500;

type PreviewView = {
  fileName: string;
  summary: Extract<ImportPreview, { ok: true }>["summary"];
  rows: PreviewRow[];
  /** How many rows the table could show (those with problems, or those that change something). */
  listed: number;
};

function previewView(fileName: string, preview: Extract<ImportPreview, { ok: true }>): PreviewView {
  const listed = preview.problems.length ? preview.rows.filter((r) => r.problems.length) : preview.rows.filter((r) => r.action !== "unchanged");
  return { fileName, summary: preview.summary, rows: listed.slice(0, SHOWN_ROWS), listed: listed.length };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const param = new URL(request.url).searchParams.get("import");
  if (param === null) return { view: "upload" as const };
  if (!isNumericString(param)) notFound("There is no import with that number.");
  const db = getDb();
  const stored = findImport(db, Number(param)) ?? notFound("There is no import with that number.");
  if (stored.appliedAt) {
    return { view: "applied" as const, importId: stored.id, fileName: stored.fileName, appliedAt: stored.appliedAt, summary: stored.summary as AppliedSummary };
  }
  const preview = previewImport(db, stored.content, user);
  if (!preview.ok) return { view: "unreadable" as const, importId: stored.id, fileName: stored.fileName, errors: preview.errors };
  return { view: "preview" as const, importId: stored.id, preview: previewView(stored.fileName, preview) };
}

const intentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("preview") }),
    z.object({
      intent: z.literal("apply"),
      importId: z.string({ error: "the import number is missing" }).regex(/^\d{1,12}$/, "that is not an import number").transform(Number),
    }),
  ],
  { error: "intent: send preview (with a file) or apply (with an importId)" },
);

type ActionResult = { error: string | null; problems: ImportProblem[]; preview: PreviewView | null };
const reply = (status: number, result: Partial<ActionResult>) => data<ActionResult>({ error: null, problems: [], preview: null, ...result }, { status });

function isUpload(value: FormDataEntryValue | null): value is File {
  return typeof value === "object" && value !== null && typeof (value as Blob).arrayBuffer === "function";
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccess(request, "hr");
  const form = await readForm(request);
  const parsed = intentSchema.safeParse({ intent: form.get("intent") ?? undefined, importId: form.get("importId") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".");
    return reply(400, { error: field && !issue?.message.startsWith(`${field}:`) ? `${field}: ${issue?.message}` : (issue?.message ?? "The form is not valid.") });
  }
  const db = getDb();

  if (parsed.data.intent === "apply") {
    try {
      applyImport(db, parsed.data.importId, user);
    } catch (error) {
      if (error instanceof ImportRefused) return reply(error.status, { error: error.message, problems: error.problems.slice(0, SHOWN_ROWS) });
      throw error;
    }
    return redirect(`${HERE}?import=${parsed.data.importId}`);
  }

  const file = form.get("file");
  if (!isUpload(file) || (file.size === 0 && file.name === "")) return reply(400, { error: "file: choose a CSV file to upload." });
  if (file.size > MAX_IMPORT_BYTES) {
    return reply(413, { error: `file: ${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB. Split it into smaller files.` });
  }
  const decoded = decodeUpload(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) return reply(400, { error: `file: ${decoded.message}` });
  const preview = previewImport(db, decoded.text, user);
  if (!preview.ok) return reply(400, { error: `file: ${preview.errors.join(" ")}` });
  // A file with problems is shown, never stored: there is nothing to confirm until it is fixed.
  if (preview.problems.length) return reply(400, { preview: previewView(file.name, preview) });
  const id = storeImport(db, user.id, file.name, decoded.text);
  return redirect(`${HERE}?import=${id}`);
}

export default function PeopleImport() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <>
      <HrNav />
      <div className="page-header">
        <div>
          <p className="eyebrow">HR · People</p>
          <h1>Import people</h1>
          <p>Add and update everyone at once from a CSV file. You see what will change before anything does.</p>
        </div>
        <a href="/hr/people.csv" className="button button-secondary" download>
          Download the directory as CSV
        </a>
      </div>

      <div className="stack">
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        {result?.problems.length ? <ProblemList problems={result.problems} /> : null}
        {result?.preview ? (
          <>
            <p className="form-error" role="alert">
              {result.preview.fileName} has {result.preview.summary.problems} problem{result.preview.summary.problems === 1 ? "" : "s"}. Nothing has been imported: fix
              the file and upload it again.
            </p>
            <Preview preview={result.preview} />
            <UploadForm busy={busy} />
            <Columns />
          </>
        ) : page.view === "applied" ? (
          <Applied fileName={page.fileName} appliedAt={page.appliedAt} summary={page.summary} />
        ) : page.view === "unreadable" ? (
          <>
            <p className="form-error" role="alert">
              {page.errors.join(" ")}
            </p>
            <UploadForm busy={busy} />
          </>
        ) : page.view === "preview" ? (
          <>
            {page.preview.summary.problems ? (
              <p className="form-error" role="alert">
                Since this file was checked, the people in CareLearn have changed: it now has {page.preview.summary.problems} problem
                {page.preview.summary.problems === 1 ? "" : "s"}. Fix the file and upload it again.
              </p>
            ) : null}
            <Preview preview={page.preview} />
            {page.preview.summary.problems === 0 && !result?.error ? (
              <Form method="post" className="row">
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="importId" value={page.importId} />
                <button type="submit" className="button" disabled={busy}>
                  {busy ? "Importing…" : "Confirm and import"}
                </button>
                <Link to={HERE} className="button button-ghost">
                  Upload a different file
                </Link>
              </Form>
            ) : (
              <UploadForm busy={busy} />
            )}
          </>
        ) : (
          <>
            <UploadForm busy={busy} />
            <Columns />
          </>
        )}
      </div>
    </>
  );
}

function UploadForm({ busy }: { busy: boolean }) {
  return (
    <Form method="post" encType="multipart/form-data" className="form card" action={HERE}>
      <input type="hidden" name="intent" value="preview" />
      <div className="field">
        <label htmlFor="people-file">CSV file</label>
        <input id="people-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="people-file-hint" />
        <p id="people-file-hint" className="muted">
          UTF-8, comma-separated, with a header row; up to 10 MB. Nothing changes until you confirm the preview.
        </p>
      </div>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Checking…" : "Check the file"}
        </button>
      </div>
    </Form>
  );
}

const EXAMPLE = [
  "email,name,job_role,department,manager_email,access",
  "amina.otieno@example.org,Amina Otieno,department-manager,Customer service centre,ops.head@example.org,manager",
  "james.clarke@example.org,James Clarke,call-centre-agent,Customer service centre,amina.otieno@example.org,",
  '"o\'neil@example.org","O\'Neil, Grace",delivery-driver,Delivery,james.clarke@example.org,learner',
].join("\n");

function Columns() {
  return (
    <>
      <h2>The columns</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Required</th>
              <th scope="col">What goes in it</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>email</td>
              <td>Yes</td>
              <td>Their work email. Someone already in CareLearn with this email (ignoring capitals) is updated, keeping their sign-in and learning history; anyone else is added.</td>
            </tr>
            <tr>
              <td>name</td>
              <td>Yes</td>
              <td>Their full name, as shown on certificates.</td>
            </tr>
            <tr>
              <td>job_role</td>
              <td>Yes</td>
              <td>One of: {JOB_ROLES.map((r) => `${r} (${jobRoleLabel(r)})`).join(", ")}.</td>
            </tr>
            <tr>
              <td>department</td>
              <td>Yes (may be empty)</td>
              <td>The department's name. A department that does not exist yet is created.</td>
            </tr>
            <tr>
              <td>manager_email</td>
              <td>Yes (may be empty)</td>
              <td>Their manager's email: someone in the file (earlier or later) or already in CareLearn. Empty for the top of the organisation.</td>
            </tr>
            <tr>
              <td>access</td>
              <td>No</td>
              <td>learner, manager, hr or admin. Empty keeps an existing person's access; new people are learners. Only an administrator can grant hr or admin.</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2>An example</h2>
      <div className="table-wrap">
        <pre>{EXAMPLE}</pre>
      </div>
      <p className="muted">New people can sign in once they have chosen a password from their invitation (send them from the People page). Assignment rules apply to new people and to people who move, as soon as the import is confirmed.</p>
    </>
  );
}

const ACTION_BADGE = { create: "badge badge-success", update: "badge badge-info", unchanged: "badge" } as const;
const ACTION_LABEL = { create: "Create", update: "Update", unchanged: "Unchanged" } as const;

function Preview({ preview }: { preview: PreviewView }) {
  const { summary } = preview;
  const hidden = preview.listed - preview.rows.length;
  const withProblems = summary.problems > 0;
  return (
    <section aria-labelledby="preview-title" className="stack">
      <h2 id="preview-title">Preview of {preview.fileName}</h2>
      <div className="stat-grid">
        <Stat value={summary.create} label="to create" />
        <Stat value={summary.update} label="to update" />
        <Stat value={summary.unchanged} label="unchanged" />
        <Stat value={summary.departmentsToCreate.length} label={summary.departmentsToCreate.length === 1 ? "department to create" : "departments to create"} />
        {summary.problems ? <Stat value={summary.problems} label={summary.problems === 1 ? "problem" : "problems"} /> : null}
      </div>
      {summary.departmentsToCreate.length ? <p>New departments: {summary.departmentsToCreate.join(", ")}.</p> : null}
      {summary.ignoredColumns.length ? <p className="muted">Columns left alone: {summary.ignoredColumns.join("; ")}.</p> : null}
      {preview.rows.length === 0 ? (
        <p className="muted">Every row matches CareLearn already: importing it changes nothing.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{withProblems ? "Rows with problems" : "Rows that change something"}</caption>
            <thead>
              {withProblems ? (
                <tr>
                  <th scope="col" className="num">Line</th>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">Problems</th>
                </tr>
              ) : (
                <tr>
                  <th scope="col" className="num">Line</th>
                  <th scope="col">Email</th>
                  <th scope="col">Name</th>
                  <th scope="col">Job role</th>
                  <th scope="col">Department</th>
                  <th scope="col">Manager</th>
                  <th scope="col">Access</th>
                  <th scope="col">Action</th>
                </tr>
              )}
            </thead>
            <tbody>
              {preview.rows.map((row) =>
                withProblems ? (
                  <tr key={row.line}>
                    <td className="num">{row.line}</td>
                    <td>{row.email}</td>
                    <td>{row.name}</td>
                    <td>
                      <ul>
                        {row.problems.map((p, i) => (
                          <li key={i}>
                            <span className="badge badge-danger">{p.column ?? "row"}</span> {p.reason}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ) : (
                  <tr key={row.line}>
                    <td className="num">{row.line}</td>
                    <td>{row.email}</td>
                    <td>{row.name}</td>
                    <td>{jobRoleLabel(row.jobRole)}</td>
                    <td>
                      {row.department ?? "—"} {row.newDepartment ? <span className="badge badge-warning">new</span> : null}
                    </td>
                    <td>{row.managerEmail ?? "—"}</td>
                    <td>{row.access ?? "—"}</td>
                    <td>
                      <span className={ACTION_BADGE[row.action]}>{ACTION_LABEL[row.action]}</span>
                      {row.changes.length ? <span className="muted"> {row.changes.join(", ")}</span> : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      {hidden > 0 ? (
        <p className="muted">
          Showing the first {preview.rows.length} of {preview.listed} rows {summary.problems ? "with problems" : "that change something"}.
        </p>
      ) : null}
    </section>
  );
}

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <div className="stat">
      <div className="stat-value">{value.toLocaleString("en-GB")}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col" className="num">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="num">{p.line}</td>
              <td>{p.column ?? "—"}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Applied({ fileName, appliedAt, summary }: { fileName: string; appliedAt: Date; summary: AppliedSummary }) {
  return (
    <div className="stack">
      <p className="notice" role="status">
        Imported {fileName} on {formatDate(appliedAt)}: {summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged
        {summary.departmentsCreated ? `, ${summary.departmentsCreated} department${summary.departmentsCreated === 1 ? "" : "s"} created` : ""}.
        {summary.enrolmentsCreated ? ` ${summary.enrolmentsCreated} course assignment${summary.enrolmentsCreated === 1 ? "" : "s"} made by the assignment rules.` : ""}
      </p>
      {summary.created > 0 ? <p>New people have no password yet: invite them from the People page, and each gets an email with a link to choose one.</p> : null}
      <p className="row">
        {summary.created > 0 ? (
          <Link to="/hr/people" className="button">
            Invite the new people
          </Link>
        ) : null}
        <Link to={HERE} className={summary.created > 0 ? "button button-secondary" : "button"}>
          Import another file
        </Link>
        <Link to="/hr" className="button button-ghost">
          Back to HR
        </Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

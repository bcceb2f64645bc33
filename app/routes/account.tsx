import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormField } from "~/components/form-field";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { LEADERBOARD_VISIBILITY } from "~db/schema";
import { accountDetails, changePassword } from "~/models/account.server";
import { leaderboardVisibilityOf, publicLabel, setLeaderboardVisibility } from "~/models/leaderboard.server";
import { leaderboardMode } from "~/models/leaderboard-settings.server";
import { readSessionToken, requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";
import { newPasswordSchema, passwordAvoidsEmail } from "~/utils/password-rules";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your account · CareLearn" }];

const passwordChangeFields = z.object({
  current: z.string({ error: "Enter your current password" }).max(200),
  next: newPasswordSchema(),
  confirm: z.string({ error: "Type the new password again" }).max(200),
});

function passwordChangeSchema(email: string) {
  return passwordChangeFields
    .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The two new passwords are not the same" })
    .refine((v) => passwordAvoidsEmail(v.next, email), { path: ["next"], message: "Choose a password that does not contain your email address" })
    .refine((v) => v.next !== v.current, { path: ["next"], message: "Choose a password different from the current one" });
}

const visibilitySchema = z.object({
  visibility: z.enum(LEADERBOARD_VISIBILITY, { error: "Choose how you appear: by name, by initials or hidden" }),
});

const VISIBILITY_LABELS = {
  name: "By my name",
  initials: "By my initials",
  hidden: "Hidden",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const visibility = leaderboardVisibilityOf(db, user.id);
  return {
    account: accountDetails(db, user.id)!,
    leaderboard: { visibility, examples: Object.fromEntries(LEADERBOARD_VISIBILITY.map((v) => [v, publicLabel(user.name, v)])), on: leaderboardMode(db) !== "off" },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intents = form.getAll("intent");
  // Two forms: how you appear on leaderboards (intent=visibility), and the password (no intent).
  if (intents.length > 0) {
    if (intents.length !== 1 || intents[0] !== "visibility") return data({ visibilityError: "That is not something this page can do.", result: undefined }, { status: 400 });
    const values = form.getAll("visibility");
    const parsed = visibilitySchema.safeParse({ visibility: values.length === 1 ? values[0] : undefined });
    if (!parsed.success) return data({ visibilityError: parsed.error.issues[0]?.message ?? "Choose how you appear", result: undefined }, { status: 400 });
    setLeaderboardVisibility(getDb(), user.id, parsed.data.visibility);
    return redirect("/account?appearance=1#leaderboard");
  }
  const submission = parseWithZod(form, { schema: passwordChangeSchema(user.email) });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["current", "next", "confirm"] }), visibilityError: undefined }, { status: 400 });
  }
  const outcome = await changePassword(getDb(), user.id, submission.value.current, submission.value.next, await readSessionToken(request));
  if (outcome === "wrong-current") {
    return data(
      { result: submission.reply({ fieldErrors: { current: ["That is not your current password"] }, hideFields: ["current", "next", "confirm"] }), visibilityError: undefined },
      { status: 400 },
    );
  }
  return redirect("/account?changed=1");
}

export default function Account() {
  const { account, leaderboard } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // Fields alone in the browser; the server adds how they relate (see set-password).
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeFields }),
  });
  return (
    <div className="narrow">
      <p className="eyebrow">Your account</p>
      <h1>{account.name}</h1>
      <dl className="facts card">
        <div>
          <dt>Email</dt>
          <dd>{account.email}</dd>
        </div>
        <div>
          <dt>Job role</dt>
          <dd>{jobRoleLabel(account.jobRole)}</dd>
        </div>
        <div>
          <dt>Department</dt>
          <dd>{account.department ?? "—"}</dd>
        </div>
        <div>
          <dt>Manager</dt>
          <dd>{account.managerName ?? "—"}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>{formatDate(account.joinedOn)}</dd>
        </div>
      </dl>
      <h2>Change your password</h2>
      {params.get("changed") ? (
        <p className="notice" role="status">
          Your password was changed. You have been signed out everywhere else.
        </p>
      ) : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        <FormField label="Current password" field={fields.current} type="password" autoComplete="current-password" />
        <FormField
          label="New password"
          field={fields.next}
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. A short sentence is easy to remember and hard to guess."
        />
        <FormField label="New password again" field={fields.confirm} type="password" autoComplete="new-password" />
        <button type="submit" className="button">
          Change password
        </button>
      </Form>
      <h2 id="leaderboard">How you appear on leaderboards</h2>
      {params.get("appearance") ? (
        <p className="notice" role="status">
          Saved. Every board, including office wallboards, shows you this way from now on.
        </p>
      ) : null}
      <Form method="post" className="form card">
        <input type="hidden" name="intent" value="visibility" />
        <fieldset className="lb-visibility">
          <legend>Other people see you</legend>
          {LEADERBOARD_VISIBILITY.map((v) => (
            <label key={v} className="option">
              <input type="radio" name="visibility" value={v} defaultChecked={leaderboard.visibility === v} />
              <span>
                <strong>{VISIBILITY_LABELS[v]}</strong> <span className="muted">({leaderboard.examples[v]})</span>
              </span>
            </label>
          ))}
        </fieldset>
        {actionData?.visibilityError ? <p className="field-error">{actionData.visibilityError}</p> : null}
        <p className="muted">
          You always see your own place. Hidden or not, your points still count for your department and your manager's team.
          {leaderboard.on ? "" : " Leaderboards are turned off at the moment; your choice applies when they are back."}
        </p>
        <div>
          <button type="submit" className="button button-secondary">
            Save
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

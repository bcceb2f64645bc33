import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormField } from "~/components/form-field";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { accountDetails, changePassword } from "~/models/account.server";
import { readSessionToken, requireUser } from "~/utils/auth.server";
import { formatDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { jobRoleLabel } from "~/utils/job-roles";
import { newPasswordSchema, passwordAvoidsEmail } from "~/utils/password-rules";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your account · CareLearn" }];

function passwordChangeSchema(email: string) {
  return z
    .object({
      current: z.string({ error: "Enter your current password" }).max(200),
      next: newPasswordSchema(),
      confirm: z.string({ error: "Type the new password again" }).max(200),
    })
    .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "The two new passwords are not the same" })
    .refine((v) => passwordAvoidsEmail(v.next, email), { path: ["next"], message: "Choose a password that does not contain your email address" })
    .refine((v) => v.next !== v.current, { path: ["next"], message: "Choose a password different from the current one" });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { account: accountDetails(getDb(), user.id)! };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: passwordChangeSchema(user.email) });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["current", "next", "confirm"] }) }, { status: 400 });
  }
  const outcome = await changePassword(getDb(), user.id, submission.value.current, submission.value.next, await readSessionToken(request));
  if (outcome === "wrong-current") {
    return data({ result: submission.reply({ fieldErrors: { current: ["That is not your current password"] }, hideFields: ["current", "next", "confirm"] }) }, { status: 400 });
  }
  return redirect("/account?changed=1");
}

export default function Account() {
  const { account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema(account.email) }),
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
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { FormField, JobRoleField } from "~/components/form-field";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { createFirstAdmin, hasAdmin } from "~/models/org.server";
import { hashPassword } from "~/models/password.server";
import { createSession } from "~/models/session.server";
import { commitSessionCookie } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { JOB_ROLES } from "~/utils/job-roles";
import { newPasswordSchema, passwordAvoidsEmail } from "~/utils/password-rules";
import { todayIso } from "~/utils/dates";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Set up CareLearn" }];

const setupFields = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(2, "Enter your full name").max(120, "Use at most 120 characters"),
  email: z.string({ error: "Enter your email address" }).trim().max(320, "That email address is too long").pipe(z.email("Enter a valid email address")),
  jobRole: z.enum(JOB_ROLES, { error: "Choose a job role from the list" }),
  password: newPasswordSchema(),
});

const setupSchema = setupFields.refine((v) => passwordAvoidsEmail(v.password, v.email), {
    path: ["password"],
    message: "Choose a password that does not contain your email address",
  });

/** /setup exists only until the first administrator does; after that it is a 404 for good. */
function assertSetupOpen() {
  if (hasAdmin(getDb())) throw data({ message: "CareLearn is already set up. Sign in instead." }, { status: 404 });
}

export function loader() {
  assertSetupOpen();
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSetupOpen();
  const submission = parseWithZod(await readForm(request), { schema: setupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const db = getDb();
  const { password, ...admin } = submission.value;
  const id = createFirstAdmin(db, { ...admin, passwordHash: await hashPassword(password) }, todayIso());
  if (id === null) throw data({ message: "CareLearn is already set up. Sign in instead." }, { status: 404 });
  const token = createSession(db, id, request.headers.get("User-Agent"));
  return redirect("/", { headers: { "Set-Cookie": await commitSessionCookie(request, token) } });
}

export default function Setup() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // Fields alone in the browser; the server adds the password-and-email check (see set-password).
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setupFields }),
  });
  return (
    <AuthCard eyebrow="First run" title="Create the first administrator">
      <p className="muted">This page closes for good once an administrator exists.</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormField label="Your name" field={fields.name} autoComplete="name" />
        <FormField label="Work email" field={fields.email} type="email" autoComplete="username" />
        <JobRoleField field={fields.jobRole} defaultValue="department-manager" />
        <FormField
          label="Password"
          field={fields.password}
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. A short sentence is easy to remember and hard to guess."
        />
        <button type="submit" className="button">
          Create administrator and sign in
        </button>
      </Form>
    </AuthCard>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

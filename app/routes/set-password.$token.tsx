import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { FormErrors, FormField } from "~/components/form-field";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { checkPasswordLink, type LinkCheck, setPasswordWithLink } from "~/models/password-links.server";
import { createSession } from "~/models/session.server";
import { commitSessionCookie } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";
import { newPasswordSchema, PASSWORD_MIN_LENGTH, passwordAvoidsEmail } from "~/utils/password-rules";

export const meta: MetaFunction = () => [{ title: "Choose your password · CareLearn" }];

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

const passwordFields = z.object({ password: newPasswordSchema(), confirm: z.string({ error: "Type the password again" }).max(200) });

function choosePasswordSchema(email: string) {
  return passwordFields
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" })
    .refine((v) => passwordAvoidsEmail(v.password, email), { path: ["password"], message: "Choose a password that does not contain your email address" });
}

const PROBLEMS = {
  unknown: { status: 404, title: "This link does not work", text: "It may have been copied only in part. Ask for a new one below, or ask HR to send you an invitation again." },
  used: { status: 410, title: "This link has been used", text: "Each link works once, and a newer one replaces it. If you have chosen a password, sign in with it; if not, ask for a new link." },
  expired: { status: 410, title: "This link has expired", text: "Invitations work for 14 days and reset links for 2 hours. Ask for a new one below." },
} as const;

function linkOr(check: LinkCheck) {
  if (check.ok) return check;
  const problem = PROBLEMS[check.reason];
  throw data({ problem: check.reason }, { status: problem.status });
}

function checked(token: string | undefined) {
  return linkOr(token && TOKEN.test(token) ? checkPasswordLink(getDb(), token) : { ok: false, reason: "unknown" });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const link = checked(params.token);
  return { purpose: link.purpose, name: link.user.name, email: link.user.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const link = checked(params.token);
  const submission = parseWithZod(await readForm(request), { schema: choosePasswordSchema(link.user.email) });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  const db = getDb();
  const outcome = linkOr(await setPasswordWithLink(db, params.token as string, submission.value.password));
  // Choosing the password is proof enough: straight in, with a fresh session.
  const token = createSession(db, outcome.user.id, request.headers.get("User-Agent"));
  return redirect("/?welcome=1", { headers: { "Set-Cookie": await commitSessionCookie(request, token) } });
}

export default function SetPassword() {
  const { purpose, name, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    // The browser checks each field alone; how fields relate (the two match, no email in it) is checked
    // by the server. With those object-level checks in the browser schema, conform never submitted a
    // form corrected after a first mistake (tests/e2e/invitation.test.ts).
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordFields }),
  });
  return (
    <AuthCard title={purpose === "invite" ? `Welcome, ${name}` : "Choose a new password"}>
      <p className="muted">
        {purpose === "invite" ? "Choose a password to sign in as " : "For "}
        <strong>{email}</strong>. Use at least {PASSWORD_MIN_LENGTH} characters: a short phrase of four words works well.
      </p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
        <FormField label="Password" field={fields.password} type="password" autoComplete="new-password" />
        <FormField label="The same password again" field={fields.confirm} type="password" autoComplete="new-password" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : purpose === "invite" ? "Choose password and sign in" : "Save and sign in"}
        </button>
      </Form>
    </AuthCard>
  );
}

/** Unknown, used and expired links get a page that says what to do next, not a bare error. */
export function ErrorBoundary() {
  const error = useRouteError();
  const reason = isRouteErrorResponse(error) && typeof error.data === "object" && error.data ? (error.data as { problem?: unknown }).problem : undefined;
  return typeof reason === "string" && reason in PROBLEMS ? <LinkProblem reason={reason as keyof typeof PROBLEMS} /> : <RouteErrorBoundary />;
}

function LinkProblem({ reason }: { reason: keyof typeof PROBLEMS }) {
  const problem = PROBLEMS[reason];
  return (
    <AuthCard title={problem.title}>
      <p>{problem.text}</p>
      <p className="row">
        <Link to="/forgot-password" className="button">
          Get a new link
        </Link>
        <Link to="/login" className="button button-ghost">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}

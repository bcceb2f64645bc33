import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { FormErrors, FormField } from "~/components/form-field";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { hasAnyUser } from "~/models/org.server";
import { createSession } from "~/models/session.server";
import { clearSignInFailures, minutesToWait, recordSignInFailure, signInBlockedForMs } from "~/models/sign-in-limits.server";
import { checkCredentials } from "~/models/sign-in.server";
import { commitSessionCookie, getOptionalUser, safeRedirectPath } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Sign in · CareLearn" }];

// Lets the action's Retry-After reach the client on a plain form post too.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

const signInSchema = z.object({
  email: z.string({ error: "Enter your email address" }).trim().max(320, "That email address is too long").pipe(z.email("Enter a valid email address")),
  password: z.string({ error: "Enter your password" }).max(200, "That password is too long"),
  redirectTo: z.string().max(2000).optional(),
});

const GENERIC_FAILURE = "That email and password do not match an active account.";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return { needsSetup: !hasAnyUser(getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const db = getDb();
  const { email, password, redirectTo } = submission.value;
  const address = context.clientAddress ?? "unknown";
  // Checked before the password, so a locked account cannot be guessed at all.
  const blocked = signInBlockedForMs(db, email, address);
  if (blocked > 0) {
    const minutes = minutesToWait(blocked);
    const message = `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    return data({ result: submission.reply({ formErrors: [message], hideFields: ["password"] }) }, { status: 429, headers: { "Retry-After": String(minutes * 60) } });
  }
  const outcome = await checkCredentials(db, email, password);
  if (!outcome.ok) {
    recordSignInFailure(db, email, address);
    return data({ result: submission.reply({ formErrors: [GENERIC_FAILURE], hideFields: ["password"] }) }, { status: 401 });
  }
  clearSignInFailures(db, email);
  // Always a fresh session id at sign-in, so a planted cookie cannot be carried over.
  const token = createSession(db, outcome.userId, request.headers.get("User-Agent"));
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await commitSessionCookie(request, token) },
  });
}

export default function Login() {
  const { needsSetup } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
  });
  return (
    <AuthCard title="Sign in">
      <p className="muted">Customer-care training for everyone at work.</p>
      {needsSetup ? (
        <p className="notice">
          No one has an account yet. <Link to="/setup">Create the first administrator</Link>.
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <FormField label="Email" field={fields.email} type="email" autoComplete="username" />
        <FormField label="Password" field={fields.password} type="password" autoComplete="current-password" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password, or never had one?</Link>
      </p>
    </AuthCard>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

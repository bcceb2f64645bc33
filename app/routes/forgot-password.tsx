import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuthCard } from "~/components/auth-card";
import { FormErrors, FormField } from "~/components/form-field";
import { RouteErrorBoundary } from "~/components/route-error-boundary";
import { withMailer } from "~/models/mailer.server";
import { requestPasswordReset } from "~/models/password-links.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password · CareLearn" }];

const resetSchema = z.object({
  email: z.string({ error: "Enter your email address" }).trim().max(320, "That email address is too long").pipe(z.email("Enter a valid email address")),
});

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: resetSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await withMailer((mailer, publicUrl) => requestPasswordReset(getDb(), mailer, submission.value.email, { publicUrl }));
  } catch (error) {
    console.error("Could not send a password reset email:", error instanceof Error ? error.message : error);
    return data({ result: submission.reply({ formErrors: ["We could not send the email just now. Please try again in a few minutes."] }) }, { status: 503 });
  }
  // The same answer whether or not the address has an account, so the page cannot be used to find out.
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onBlur", onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }) });
  return (
    <AuthCard title="Forgot your password?">
      {searchParams.get("sent") ? (
        <p className="notice" role="status">
          If that address belongs to an account, we have emailed it a link to choose a new password. It works once, for 2 hours.
        </p>
      ) : (
        <p className="muted">Enter your work email address and we will send you a link to choose a new one. New here? The same link sets your first password.</p>
      )}
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors form={form} />
        <FormField label="Email" field={fields.email} type="email" autoComplete="username" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Sending…" : "Email me a link"}
        </button>
      </Form>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
